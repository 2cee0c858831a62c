export { LookupErrorPanel } from './LookupErrorPanel';
export { describeLookupError } from './describeLookupError';
export type { LookupErrorDescription } from './describeLookupError';
