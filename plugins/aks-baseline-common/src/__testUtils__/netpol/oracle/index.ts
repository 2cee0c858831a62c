export { clusterFromManifests } from './manifests';
export type { ManifestCluster } from './manifests';
export { renderConnlist, formatConnections } from './renderConnlist';
