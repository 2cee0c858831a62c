export { MissingAnnotationsPanel } from './MissingAnnotationsPanel';
