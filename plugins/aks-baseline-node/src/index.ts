/**
 * Node.js library for the AKS baseline backend plugin: the extension point
 * through which backend modules add cluster sources and replace how the
 * plugin reaches Azure.
 *
 * @packageDocumentation
 */
export { aksBaselineClusterSourcesExtensionPoint } from './extensions';
export type {
  AksBaselineAzureConnection,
  AksBaselineClusterSource,
  AksBaselineClusterSourcesExtensionPoint,
  AksBaselineRefreshTransports,
  ClusterSourceSelection,
} from './clusterSources';
export { AKS_SERVER_APP_SCOPE } from './kubernetes';
export {
  aksBaselineDiscoveredClustersServiceRef,
  DiscoveredClustersHub,
  DISCOVERED_CLUSTERS_LOCATION,
} from './discoveredClusters';
export type {
  AksBaselineDiscoveredClustersService,
  DiscoveredAksCluster,
  DiscoveredClusterList,
} from './discoveredClusters';
