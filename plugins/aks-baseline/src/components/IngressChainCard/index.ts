export { IngressChainCard } from './IngressChainCard';
export type { IngressChainCardProps } from './IngressChainCard';
