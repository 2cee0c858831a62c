export { SourceErrorsPanel } from './SourceErrorsPanel';
