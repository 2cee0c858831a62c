/**
 * Isomorphic domain types, control catalogue and evaluators, NetworkPolicy
 * evaluator and permissions shared by the AKS baseline plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './certificates';
export * from './api';
export * from './controls';
export * from './egress';
export * from './fleet';
export * from './governance';
export * from './inCluster';
export * from './permissions';
export * from './stampContract';
export * from './hostServing';
export * from './namePatterns';
export * from './netpol';
export * from './trace';
// Tolerant readers of ARM resources (REST, template and SDK shapes alike).
export {
  armId,
  asBoolean,
  asString,
  readArm,
  readArmList,
  referenceName,
  refersTo,
  sameText,
  sameVirtualNetwork,
  virtualNetworkOfSubnet,
} from './arm/read';
export type { VirtualNetworkKey } from './arm/read';
// ARM resource ids: parsed, normalised, compared and formatted in one place.
export {
  formatManagedClusterId,
  MANAGED_CLUSTER_ID_PATTERN,
  MANAGED_CLUSTER_NAME_PATTERN,
  normalizeArmResourceId,
  parseArmId,
  parseManagedClusterId,
  RESOURCE_GROUP_NAME_PATTERN,
  sameArmResourceId,
  SUBSCRIPTION_ID_PATTERN,
} from './arm/armId';
export type { ArmIdParts, ManagedClusterIdParts } from './arm/armId';
