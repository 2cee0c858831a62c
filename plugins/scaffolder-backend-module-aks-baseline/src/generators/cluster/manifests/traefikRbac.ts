import { KubernetesObject } from '../../types';
import { ClusterNames, clusterLabels } from '../names';
import { ClusterSpec } from '../spec';

const READ = ['get', 'list', 'watch'];

/**
 * What Traefik's Kubernetes providers read, cluster-wide (routes live in the
 * apps' namespaces): Services, EndpointSlices and Secrets (TLS certificates)
 * for the backends, Ingresses and their classes, and Traefik's own custom
 * resources. It writes nothing but the status of the Ingresses it serves.
 */
export function traefikClusterRole(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: names.traefik.clusterRole, labels: clusterLabels(spec) },
    rules: [
      {
        apiGroups: [''],
        resources: ['services', 'secrets', 'nodes'],
        verbs: READ,
      },
      {
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: READ,
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses', 'ingressclasses'],
        verbs: READ,
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses/status'],
        verbs: ['update'],
      },
      {
        apiGroups: ['traefik.io'],
        resources: [
          'ingressroutes',
          'ingressroutetcps',
          'ingressrouteudps',
          'middlewares',
          'middlewaretcps',
          'serverstransports',
          'serverstransporttcps',
          'tlsoptions',
          'tlsstores',
          'traefikservices',
        ],
        verbs: READ,
      },
    ],
  };
}

export function traefikClusterRoleBinding(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: names.traefik.clusterRole, labels: clusterLabels(spec) },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: names.traefik.clusterRole,
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: names.traefik.serviceAccount,
        namespace: spec.traefik.namespace,
      },
    ],
  };
}
