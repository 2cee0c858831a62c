import type { KubernetesObject, TraefikLocator } from '../controls/types';
import { BackendView, resolveBackend } from './backends';
import {
  IngressCertificateRef,
  ingressCertificateFromCluster,
} from './ingressCertificate';
import { NetworkPolicyView } from './networkPolicies';
import { namespaceOf, ObjectIndex } from './objects';
import { TraefikRoute, traefikIngresses, traefikRoutes } from './routes';
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
  /** The Service a route leads to, as the cluster has it (memoized). */
  backend(route: TraefikRoute): BackendView | undefined;
  policies: NetworkPolicyView;
  ingressCertificate?: IngressCertificateRef;
}

export function buildInClusterModel(
  observation: InClusterObservation,
): InClusterModel {
  const objects = new ObjectIndex(observation.objects);
  const traefik = locateTraefik(objects, observation.traefik);
  const ingresses = traefikIngresses(objects, traefik);
  const backends = new Map<TraefikRoute, BackendView | undefined>();
  return {
    objects,
    traefik,
    routes: traefikRoutes(objects, traefik),
    ingresses,
    appNamespaces:
      observation.appNamespaces ??
      routedNamespaces([...objects.of('IngressRoute'), ...ingresses], traefik),
    backend(route) {
      if (!backends.has(route)) {
        backends.set(
          route,
          route.backend ? resolveBackend(objects, route.backend) : undefined,
        );
      }
      return backends.get(route);
    },
    policies: new NetworkPolicyView(objects, traefik),
    ingressCertificate: ingressCertificateFromCluster(objects, traefik),
  };
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
