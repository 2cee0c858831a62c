export { ClusterSummaryCard } from './ClusterSummaryCard';
