/**
 * ARM inventory: lists the resources a fleet refresh needs, once per type and
 * subscription and once per vault, as REST lists on one Azure SDK pipeline.
 */
export { collectInventory } from './collectInventory';
export { RESOURCE_LISTINGS, policyAssignmentFacts } from './resourceListings';
export { telemetryTargets } from './telemetryTargets';
// The Kubernetes reader bounds its requests with the same limiter.
export { createLimiter } from './limiter';
export { LISTED_IN_SUBSCRIPTION } from './types';
export { SlowTierCache, SLOW_TIER_PARTS } from './slowTier';
export type { SlowTierPart, SlowTierReadTimes } from './slowTier';
export type {
  ArmInventory,
  ArmInventoryListing,
  ArmInventoryResources,
  ArmResourceKind,
  FailedListing,
  InventoryOptions,
} from './types';
export { topologyQuery, RESOURCE_GRAPH_LISTINGS } from './resourceGraph';
