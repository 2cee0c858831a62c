/**
 * Scaffolder actions that generate AKS secure-baseline clusters and onboard
 * apps onto them.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAksBaseline as default } from './module';
export { createOnboardAppAction, planOnboardApp } from './actions/onboardApp';
export type { OnboardAppActionOptions } from './actions/onboardApp';
export { createCreateClusterAction } from './actions/createCluster';
export type { CreateClusterActionOptions } from './actions/createCluster';
// The pure generators and input parsers, for tests and the demo estate
// (which renders a cluster made by these generators).
export { generateCluster } from './generators/cluster';
export type { ClusterSpec, GeneratedCluster } from './generators/cluster';
export { generateOnboarding } from './generators/onboarding';
export type { OnboardingSpec } from './generators/onboarding';
export { parseCreateClusterInput } from './validation/createClusterInput';
export { parseOnboardAppInput } from './validation/onboardAppInput';
export { createClusterExampleInputs } from './actions/createCluster.examples';
