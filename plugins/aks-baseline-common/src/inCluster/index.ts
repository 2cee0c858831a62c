/**
 * The in-cluster model: what a cluster's Kubernetes objects (read from its
 * API server, or generated) say about Traefik, its routes, the Services and
 * endpoints behind them, their NetworkPolicies and the ingress certificate.
 * Pure and isomorphic; the controls and the dashboard's chain both read it.
 */
export {
  annotationsOf,
  hasLabels,
  isReadyPod,
  labelsOf,
  nameOf,
  namespaceOf,
  ObjectIndex,
  readField,
  readList,
  refOf,
} from './objects';
export { locateTraefik } from './traefik';
export type { TraefikView } from './traefik';
export {
  hostsOfRule,
  routesForHost,
  traefikIngresses,
  traefikRoutes,
} from './routes';
export type { RoutedBackend, TraefikRoute } from './routes';
export { containerPort, resolveBackend } from './backends';
export type { BackendView } from './backends';
export { NetworkPolicyView } from './networkPolicies';
export type {
  NamespaceIsolation,
  TraefikReachability,
} from './networkPolicies';
export { ingressCertificateFromCluster } from './ingressCertificate';
export type { IngressCertificateRef } from './ingressCertificate';
export { buildInClusterModel } from './model';
export type { InClusterModel, InClusterObservation } from './model';
