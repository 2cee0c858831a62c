/**
 * Catalog backend module: the AKS clusters the AKS baseline backend
 * discovers become `Resource` entities of type `kubernetes-cluster`.
 *
 * @packageDocumentation
 */
export { catalogModuleAksBaseline as default } from './module';
export { AksClusterEntityProvider } from './AksClusterEntityProvider';
export type {
  AksClusterEntityProviderOptions,
  ProviderRun,
} from './AksClusterEntityProvider';
export { readProviderConfig } from './config';
// For the Kubernetes backend: cluster pages read their own cluster only.
export { kubernetesModuleAksBaselineClusterPages } from './kubernetes';
export type { ProviderConfig } from './config';
