export { WorkloadSentence } from './WorkloadSentence';
