export { indexInventory } from './inventoryIndex';
export type { InventoryIndex, ResolverInventory } from './inventoryIndex';
export { resolveCluster, INGRESS_CERTIFICATE_TAG } from './resolveCluster';
export type { ResolveOptions } from './resolveCluster';
export { summarizeCluster } from './summarize';
export type { ExpiryThresholds } from './certificates';
// Which vault and secret a Key Vault secret id names (partsReadAt).
export { parseKeyVaultSecretId } from './certificates';
// The fleet row's owner column.
export { ownerTag } from './accessDenied';
export { GATEWAY_CLUSTER_TAG } from './inventoryIndex';
// What a refresh needs when a listing failed: the gaps it left and the last good data.
export { resolveClusterWithGaps } from './resolveCluster';
export type { ResolvedCluster } from './resolveCluster';
export { describeFailure } from './listingGaps';
export { keepLastGood, subscriptionsUsedBy } from './lastGood';
export type { KeptSnapshot } from './lastGood';
export { backendTargets, backendTargetKey } from './backendTargets';
export type { BackendTarget, ServedChain } from './backendTargets';
// The inventory reads diagnostic settings of these only (LOG-01, LOG-03).
export { clusterTelemetryTargets } from './telemetryTargets';
// The slow tier re-reads a vault when what refers to it changes.
export { vaultReferenceSignatures } from './vaultReferences';
