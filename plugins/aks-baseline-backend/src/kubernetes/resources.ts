import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import type { V1ListMeta } from '@kubernetes/client-node';
import type { KubernetesApis } from './client/apiSession';
import {
  reduceConfigMap,
  reduceDeployment,
  reduceEndpointSlice,
  reduceGitRepository,
  reduceIngress,
  reduceIngressClass,
  reduceIngressRoute,
  reduceMiddleware,
  reduceNamespace,
  reduceNetworkPolicy,
  reducePod,
  reduceSecretProviderClass,
  reduceService,
  reduceServiceAccount,
  reduceTlsOption,
} from './reduce';
import type { TraefikSettings } from './types';

/** One page request of a list call. */
export interface PageRequest {
  limit: number;
  continueToken?: string;
  traefik: TraefikSettings;
}

/** One page of reduced objects. */
export interface Page {
  items: KubernetesObject[];
  continueToken?: string;
  resourceVersion?: string;
}

/**
 * One list call the reader makes per refresh. The table is also the RBAC the
 * portal needs: `docs/clusterrole.yaml` lists exactly these resources, with
 * the verb `list` (a test keeps the two in step).
 */
export interface ListedResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  /** Cluster-wide, or only in Traefik's namespace (with its labels). */
  scope: 'cluster' | 'traefik-namespace';
  /**
   * For custom resources whose CRD may not be installed: a 404 then means
   * "none", and this note says why the list is empty.
   */
  absentNote?: string;
  /**
   * Granted by a Role in Traefik's namespace instead of the ClusterRole,
   * so the portal can list nothing of its kind anywhere else.
   */
  grantedInTraefikNamespace?: true;
  /**
   * The only thing this list feeds, when a failure should leave just that
   * unknown rather than the whole cluster (see `readCluster`).
   */
  feedsOnly?: 'traefik-file-configuration';
  list(apis: KubernetesApis, request: PageRequest): Promise<Page>;
}

/** `group/resource` as RBAC and error messages name it (`pods`, `ingressroutes.traefik.io`). */
export const resourceName = (r: Pick<ListedResource, 'group' | 'plural'>) =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

export const labelSelector = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

function typedPage<T>(
  reduce: (item: T) => KubernetesObject,
): (list: { items: T[]; metadata?: V1ListMeta }) => Page {
  return list => ({
    items: list.items.map(reduce),
    continueToken: list.metadata?._continue || undefined,
    resourceVersion: list.metadata?.resourceVersion,
  });
}

function customPage(
  reduce: (item: Record<string, unknown>) => KubernetesObject,
): (list: any) => Page {
  return list => ({
    items: (Array.isArray(list?.items) ? list.items : []).map(reduce),
    continueToken: list?.metadata?.continue || undefined,
    resourceVersion: list?.metadata?.resourceVersion,
  });
}

const paging = (r: PageRequest) => ({
  limit: r.limit,
  _continue: r.continueToken,
});

function customResource(
  group: string,
  version: string,
  plural: string,
  kind: string,
  absentNote: string,
  reduce: (item: Record<string, unknown>) => KubernetesObject,
): ListedResource {
  return {
    group,
    version,
    plural,
    kind,
    scope: 'cluster',
    absentNote,
    list: (apis, r) =>
      apis.custom
        .listClusterCustomObject({ group, version, plural, ...paging(r) })
        .then(customPage(reduce)),
  };
}

const TRAEFIK_CRDS_ABSENT =
  'Traefik CRDs (traefik.io/v1alpha1) are not installed';

/** Every list a refresh makes, in the order they start. */
export const LISTED_RESOURCES: ListedResource[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    scope: 'cluster',
    list: (apis, r) =>
      apis.core.listNamespace(paging(r)).then(typedPage(reduceNamespace)),
  },
  {
    group: '',
    version: 'v1',
    plural: 'services',
    kind: 'Service',
    scope: 'cluster',
    list: (apis, r) =>
      apis.core
        .listServiceForAllNamespaces(paging(r))
        .then(typedPage(reduceService)),
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    kind: 'Pod',
    scope: 'cluster',
    // Finished Job pods are neither endpoints nor NetworkPolicy peers.
    list: (apis, r) =>
      apis.core
        .listPodForAllNamespaces({
          ...paging(r),
          fieldSelector: 'status.phase=Running',
        })
        .then(typedPage(reducePod)),
  },
  {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    kind: 'ServiceAccount',
    scope: 'cluster',
    list: (apis, r) =>
      apis.core
        .listServiceAccountForAllNamespaces(paging(r))
        .then(typedPage(reduceServiceAccount)),
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    kind: 'Deployment',
    scope: 'traefik-namespace',
    list: (apis, r) =>
      apis.apps
        .listNamespacedDeployment({
          namespace: r.traefik.namespace,
          labelSelector: labelSelector(r.traefik.labels),
          ...paging(r),
        })
        .then(typedPage(reduceDeployment)),
  },
  // Traefik's static and file-provider configuration (K8S-02/03), as its
  // Deployment mounts it; reduced to the keys that can be such files.
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    kind: 'ConfigMap',
    scope: 'traefik-namespace',
    grantedInTraefikNamespace: true,
    feedsOnly: 'traefik-file-configuration',
    list: (apis, r) =>
      apis.core
        .listNamespacedConfigMap({
          namespace: r.traefik.namespace,
          ...paging(r),
        })
        .then(typedPage(reduceConfigMap)),
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    scope: 'cluster',
    list: (apis, r) =>
      apis.discovery
        .listEndpointSliceForAllNamespaces(paging(r))
        .then(typedPage(reduceEndpointSlice)),
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingressclasses',
    kind: 'IngressClass',
    scope: 'cluster',
    list: (apis, r) =>
      apis.networking
        .listIngressClass(paging(r))
        .then(typedPage(reduceIngressClass)),
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    kind: 'Ingress',
    scope: 'cluster',
    list: (apis, r) =>
      apis.networking
        .listIngressForAllNamespaces(paging(r))
        .then(typedPage(reduceIngress)),
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    scope: 'cluster',
    list: (apis, r) =>
      apis.networking
        .listNetworkPolicyForAllNamespaces(paging(r))
        .then(typedPage(reduceNetworkPolicy)),
  },
  customResource(
    'traefik.io',
    'v1alpha1',
    'ingressroutes',
    'IngressRoute',
    TRAEFIK_CRDS_ABSENT,
    reduceIngressRoute,
  ),
  customResource(
    'traefik.io',
    'v1alpha1',
    'middlewares',
    'Middleware',
    TRAEFIK_CRDS_ABSENT,
    reduceMiddleware,
  ),
  customResource(
    'traefik.io',
    'v1alpha1',
    'tlsoptions',
    'TLSOption',
    TRAEFIK_CRDS_ABSENT,
    reduceTlsOption,
  ),
  customResource(
    'secrets-store.csi.x-k8s.io',
    'v1',
    'secretproviderclasses',
    'SecretProviderClass',
    'the Secrets Store CSI driver (secretproviderclasses.secrets-store.csi.x-k8s.io) is not installed',
    reduceSecretProviderClass,
  ),
  // Where Flux clones from: the Git hosts the cluster's egress must reach (FW-02).
  customResource(
    'source.toolkit.fluxcd.io',
    'v1',
    'gitrepositories',
    'GitRepository',
    'Flux (gitrepositories.source.toolkit.fluxcd.io) is not installed',
    reduceGitRepository,
  ),
];

/**
 * The rules the reader needs, grouped by API group: the ClusterRole's, or
 * the Role's in Traefik's namespace.
 */
export function requiredRbacRules(
  role: 'cluster' | 'traefik-namespace' = 'cluster',
): Array<{
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}> {
  const byGroup = new Map<string, string[]>();
  for (const r of LISTED_RESOURCES.filter(
    l => !!l.grantedInTraefikNamespace === (role === 'traefik-namespace'),
  )) {
    byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r.plural]);
  }
  return [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    resources,
    verbs: ['list'],
  }));
}
