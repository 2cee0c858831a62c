import type { KubernetesObject, TraefikLocator } from '../controls/types';
import { BackendView, resolveBackend } from './backends';
import {
  IngressCertificateRef,
  ingressCertificateFromCluster,
} from './ingressCertificate';
import { NetworkPolicyView } from './networkPolicies';
import { ObjectIndex } from './objects';
import { TraefikRoute, traefikRoutes } from './routes';
import { locateTraefik, TraefikView } from './traefik';

/** The objects of one cluster (read from its API server, or generated) and where Traefik is. */
export interface InClusterObservation {
  objects: KubernetesObject[];
  traefik?: TraefikLocator;
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
  const backends = new Map<TraefikRoute, BackendView | undefined>();
  return {
    objects,
    traefik,
    routes: traefikRoutes(objects, traefik),
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
