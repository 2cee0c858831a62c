/**
 * The AKS baseline demo estate: four clusters in two subscriptions, served
 * through the real Azure SDK clients and Kubernetes reader with no Azure
 * account. Never for a production backend.
 *
 * @packageDocumentation
 */
export { buildDemoEstate, DEMO_SUBSCRIPTIONS } from './demoEstate';
export { buildBaselineStamp, buildHubFirewall } from './baselineStamp';
export type { StampFlaw, StampSpec } from './baselineStamp';
export {
  baselineClusterObjects,
  demoClusterObjects,
} from './kubernetes/demoClusterObjects';
export { DemoKubernetes } from './demoKubernetes';
export type { DemoKubernetesAccess } from './demoKubernetes';
