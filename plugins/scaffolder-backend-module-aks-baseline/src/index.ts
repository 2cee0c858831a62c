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
