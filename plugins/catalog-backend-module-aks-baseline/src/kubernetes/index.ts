export { kubernetesModuleAksBaselineClusterPages } from './module';
export { clusterPagesLocator, isClusterEntity } from './clusterPagesLocator';
