import type { KubernetesObject, TraefikLocator } from '../controls/types';
import { BackendView, resolveBackend } from './backends';
import {
  IngressCertificateRef,
  ingressCertificateFromCluster,
} from './ingressCertificate';
import { NetworkPolicyView } from './networkPolicies';
import { namespaceOf, ObjectIndex } from './objects';
import {
  RoutedBackend,
  TraefikRoute,
  traefikIngresses,
  traefikRoutes,
} from './routes';
import { locateTraefik, TraefikView } from './traefik';

/** The objects of one cluster (read from its API server, or generated) and where Traefik is. */
export interface InClusterObservation {
  objects: KubernetesObject[];
  traefik?: TraefikLocator;
  /** Namespaces that host apps; default: those with routes, except Traefik's. */
  appNamespaces?: string[];
}

/**
 * What a cluster's objects say, worked out once: where Traefik is, every
 * route it serves and the Service behind each, the NetworkPolicies and the
 * ingress certificate. The controls judge it and the dashboard draws its
 * chain from it, so both read the cluster the same way.
 */
export interface InClusterModel {
  objects: ObjectIndex;
  traefik: TraefikView;
  routes: TraefikRoute[];
  /** The Ingress objects Traefik serves (IngressRoutes are `objects.of('IngressRoute')`). */
  ingresses: KubernetesObject[];
  /** Namespaces whose apps K8S-06/07 judge, sorted. */
  appNamespaces: string[];
  /** Every Service a route leads to in an app namespace, once per port (K8S-07). */
  appServices: RoutedBackend[];
  /** The Service a route leads to, as the cluster has it. */
  backend(route: TraefikRoute): BackendView | undefined;
  /** A routed Service as the cluster has it: ports, endpoints, pods (memoized). */
  service(routed: RoutedBackend): BackendView;
  policies: NetworkPolicyView;
  ingressCertificate?: IngressCertificateRef;
}

const serviceKey = (b: RoutedBackend) =>
  `${b.namespace}/${b.service}:${b.port ?? ''}`;

export function buildInClusterModel(
  observation: InClusterObservation,
): InClusterModel {
  const objects = new ObjectIndex(observation.objects);
  const traefik = locateTraefik(objects, observation.traefik);
  const routes = traefikRoutes(objects, traefik);
  const ingresses = traefikIngresses(objects, traefik);
  const appNamespaces =
    observation.appNamespaces ??
    routedNamespaces([...objects.of('IngressRoute'), ...ingresses], traefik);
  const appServices = servicesIn(routes, appNamespaces);
  const views = new Map<string, BackendView>();
  const service = (routed: RoutedBackend) => {
    const key = serviceKey(routed);
    if (!views.has(key)) views.set(key, resolveBackend(objects, routed));
    return views.get(key)!;
  };
  return {
    objects,
    traefik,
    routes,
    ingresses,
    appNamespaces,
    appServices,
    backend: route => (route.backend ? service(route.backend) : undefined),
    service,
    policies: new NetworkPolicyView(objects, traefik, appNamespaces, () =>
      appServices.map(service),
    ),
    ingressCertificate: ingressCertificateFromCluster(objects, traefik),
  };
}

/** The Services routes lead to in the given namespaces, once per port. */
function servicesIn(
  routes: TraefikRoute[],
  namespaces: string[],
): RoutedBackend[] {
  const seen = new Set<string>();
  return routes
    .flatMap(route => route.backends)
    .filter(b => {
      const key = serviceKey(b);
      if (seen.has(key) || !namespaces.includes(b.namespace)) return false;
      seen.add(key);
      return true;
    });
}

/** Namespaces holding routes, except Traefik's own (its dashboard, say). */
function routedNamespaces(
  routes: KubernetesObject[],
  traefik: TraefikView,
): string[] {
  return [...new Set(routes.map(namespaceOf))]
    .filter(namespace => namespace !== traefik.namespace)
    .sort();
}
