export { PartsReadAt, describePartsReadAt } from './PartsReadAt';
