/**
 * The in-cluster model: what a cluster's Kubernetes objects (read from its
 * API server, or generated) say about Traefik, its routes, the Services and
 * endpoints behind them, their NetworkPolicies and the ingress certificate.
 * Pure and isomorphic; the controls and the dashboard's chain both read it.
 */
export { buildInClusterModel } from './model';
export type { InClusterModel, InClusterObservation } from './model';
// Accessors for Kubernetes objects (plain API JSON, keys case-sensitive).
export {
  annotationsOf,
  labelsOf,
  nameOf,
  namespaceOf,
  readField,
  readList,
  refOf,
} from './objects';
export type { ObjectIndex } from './objects';
export type { TraefikView } from './traefik';
export { readTraefikFileConfiguration } from './traefikFiles';
export type {
  ParseYaml,
  TraefikFileConfiguration,
  TraefikMountedFile,
} from './traefikFiles';
export { hostsOfRule, routesForHost } from './routes';
export type { RoutedBackend, TraefikRoute } from './routes';
export type { BackendView } from './backends';
export type {
  NamespaceIsolation,
  NetworkPolicyView,
  TraefikReachability,
} from './networkPolicies';
export type { IngressCertificateRef } from './ingressCertificate';
