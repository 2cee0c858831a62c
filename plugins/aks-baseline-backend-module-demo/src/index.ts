/**
 * The AKS baseline demo estate as a backend module: four clusters in two
 * subscriptions, served through the real Azure SDK clients and Kubernetes
 * reader with no Azure account. Never for a production backend.
 *
 * @packageDocumentation
 */
export { aksBaselineModuleDemo as default } from './module';
export { DemoConnection, demoClusterSource } from './demoConnection';
// The estate itself, for the backend's tests and benchmark.
export {
  buildDemoEstate,
  DEMO_SUBSCRIPTION_NAMES,
  DEMO_SUBSCRIPTIONS,
} from './demoEstate';
export {
  buildBaselineStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  hubVirtualNetworkId,
} from './baselineStamp';
export type { HubLocation, StampFlaw, StampSpec } from './baselineStamp';
export {
  baselineClusterObjects,
  demoClusterObjects,
} from './kubernetes/demoClusterObjects';
// A cluster made by the scaffolder's generators, rendered as Azure and the
// cluster would show it (the round trip test feeds it to a refresh).
export { buildGeneratedStamp } from './generated/generatedStamp';
export type {
  GeneratedStamp,
  GeneratedStampOptions,
} from './generated/generatedStamp';
export { DemoArmTransport } from './demoKubernetes';
// Backstage's Kubernetes backend on the demo's fixture API server.
export { kubernetesModuleAksBaselineDemo } from './kubernetesPlugin/module';
