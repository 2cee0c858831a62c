export { indexInventory } from './inventoryIndex';
export type { InventoryIndex, ResolverInventory } from './inventoryIndex';
export { resolveCluster, INGRESS_CERTIFICATE_TAG } from './resolveCluster';
export type { ResolveOptions } from './resolveCluster';
export { summarizeCluster } from './summarize';
export { DEFAULT_THRESHOLDS } from './certificates';
export type { ExpiryThresholds } from './certificates';
export { GATEWAY_CLUSTER_TAG } from './inventoryIndex';
