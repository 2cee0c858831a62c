export { CardBody } from './CardBody';
