export { TracePanel } from './TracePanel';
