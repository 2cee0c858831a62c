import {
  ChainHop,
  ClusterListQuery,
  ClusterPageResponse,
  ClusterSnapshot,
  ClusterSummary,
  ControlResult,
  EntityLookupResponse,
  ListClustersResponse,
} from '@aks-baseline/plugin-aks-baseline-common';

// Shaped like the backend's demo estate (aks-dev-neu): one chain, three
// certificates at 21, 5 and -3 days, the in-cluster hops not observed.

const SUB = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
export const DEV_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks-dev-neu/providers/Microsoft.ContainerService/managedClusters/aks-dev-neu`;
const AGW_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks-dev-neu/providers/Microsoft.Network/applicationGateways/apw-aks-dev-neu`;

const hop = (
  h: Partial<ChainHop> & Pick<ChainHop, 'kind' | 'title'>,
): ChainHop => ({
  status: 'ok',
  statusText: 'fine',
  details: [],
  controlIds: [],
  ...h,
});

const unobserved = (
  kind: ChainHop['kind'],
  title: string,
  extra: Partial<ChainHop> = {},
) =>
  hop({
    kind,
    title,
    status: 'not-observed',
    statusText: 'not observed: API server not reachable from the portal',
    ...extra,
  });

export const devHops: ChainHop[] = [
  hop({
    kind: 'internet',
    title: 'Internet',
    statusText: 'clients request https://dev.contoso-demo.com',
  }),
  hop({
    kind: 'public-ip',
    title: 'Public IP pip-apw-aks-dev-neu',
    statusText: '20.0.0.4',
  }),
  hop({
    kind: 'listener',
    title: 'App Gateway apw-aks-dev-neu · listener-https',
    statusText: 'HTTPS listener for dev.contoso-demo.com',
    resourceId: AGW_ID,
    details: [{ label: 'Protocol', value: 'Https' }],
    controlIds: ['TLS-01'],
    tls: {
      boundary: 'terminates',
      note: 'the client TLS session ends at App Gateway',
    },
  }),
  hop({
    kind: 'waf',
    title: 'WAF policy waf-aks-dev-neu',
    status: 'error',
    statusText: 'WAF-02 WAF in Prevention mode: the policy only logs',
    details: [{ label: 'Mode', value: 'Detection' }],
    controlIds: ['WAF-02'],
  }),
  hop({
    kind: 'backend-settings',
    title: 'Backend settings traefik-https',
    statusText: 're-encrypts to port 443',
    tls: {
      boundary: 're-encrypts',
      note: 'App Gateway opens a new TLS session to Traefik',
    },
  }),
  unobserved('traefik', 'Traefik (internal load balancer)', {
    tls: {
      boundary: 'terminates',
      note: 'the re-encrypted session ends at Traefik',
    },
  }),
  unobserved('pods', 'Pods'),
];

export const controls: ControlResult[] = [
  {
    id: 'WAF-02',
    title: 'WAF in Prevention mode',
    area: 'edge',
    severity: 'high',
    field: 'policySettings.mode',
    expected: 'Prevention',
    status: 'fail',
    found: 'Detection',
    reason: 'the policy only logs attacks',
  },
  {
    id: 'TLS-01',
    title: 'TLS 1.2 minimum at the listener',
    area: 'edge',
    severity: 'high',
    field: 'sslPolicy',
    expected: 'TLSv1_2 or newer',
    status: 'pass',
    found: 'AppGwSslPolicy20220101',
    reason: 'ok',
  },
  {
    id: 'NET-01',
    title: 'Azure CNI',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.networkPlugin',
    expected: 'azure',
    status: 'pass',
    found: 'azure',
    reason: 'ok',
  },
  {
    id: 'K8S-06',
    title: 'Default-deny NetworkPolicy',
    area: 'kubernetes',
    severity: 'medium',
    field: 'NetworkPolicy',
    expected: 'deny-all ingress in app namespaces',
    status: 'not-observed',
    found: '(absent)',
    reason: 'API server not reachable from the portal',
  },
  {
    id: 'FW-01',
    title: 'Threat intelligence in Deny mode',
    area: 'egress',
    severity: 'low',
    field: 'threatIntelMode',
    expected: 'Deny',
    status: 'warning',
    found: 'Alert',
    reason: 'alerts only',
  },
];

export const devCluster: ClusterSnapshot = {
  resourceId: DEV_ID,
  name: 'aks-dev-neu',
  subscriptionId: SUB,
  resourceGroup: 'rg-aks-dev-neu',
  location: 'northeurope',
  kubernetesVersion: '1.30.3',
  ingress: [
    {
      host: 'dev.contoso-demo.com',
      listenerName: 'listener-https',
      applicationGatewayId: AGW_ID,
      status: 'error',
      hops: devHops,
    },
  ],
  egress: [
    hop({ kind: 'pods', title: 'Pods and nodes' }),
    hop({ kind: 'route-table', title: 'Route table rt-aks-dev-neu' }),
    hop({ kind: 'firewall', title: 'Azure Firewall fw-northeurope' }),
  ],
  keyVault: [
    hop({
      kind: 'private-endpoint',
      title: 'Private endpoint pe-kv-aks-dev-neu',
    }),
    hop({ kind: 'key-vault', title: 'Key Vault kv-aks-dev-neu' }),
  ],
  certificates: [
    {
      purpose: 'edge',
      name: 'gateway-external-pfx-cert',
      keyVaultSecretId:
        'https://kv-aks-dev-neu.vault.azure.net/secrets/gateway-external-pfx-cert',
      host: 'dev.contoso-demo.com',
      notAfter: '2026-12-17T12:00:00.000Z',
      daysLeft: 21,
      status: 'warning',
      statusText: 'expires in 21 days',
    },
    {
      purpose: 'backend-trust-root',
      name: 'appgw-ingress-internal-aks-ingress-tls',
      keyVaultSecretId:
        'https://kv-aks-dev-neu.vault.azure.net/secrets/appgw-ingress-internal-aks-ingress-tls',
      notAfter: '2026-12-01T12:00:00.000Z',
      daysLeft: 5,
      status: 'critical',
      statusText: 'expires in 5 days',
    },
    {
      purpose: 'ingress',
      name: 'traefik-ingress-internal-aks-ingress-tls',
      keyVaultSecretId:
        'https://kv-aks-dev-neu.vault.azure.net/secrets/traefik-ingress-internal-aks-ingress-tls',
      notAfter: '2026-11-23T12:00:00.000Z',
      daysLeft: -3,
      status: 'expired',
      statusText: 'expired 3 days ago',
    },
  ],
  controls,
  errors: [],
  refreshedAt: '2026-11-26T12:00:00.000Z',
  entityRef: 'resource:default/aks-dev-neu',
};

export const devLookup: EntityLookupResponse = {
  cluster: devCluster,
  stale: false,
  entityRef: 'resource:default/aks-dev-neu',
  kind: 'cluster',
};

export function summary(
  name: string,
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    resourceId: `/subscriptions/${SUB}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    subscriptionId: SUB,
    resourceGroup: `rg-${name}`,
    location: 'northeurope',
    worstStatus: 'ok',
    failingControls: 0,
    reasons: [],
    errorCount: 0,
    refreshedAt: new Date().toISOString(),
    stale: false,
    entityRef: `resource:default/${name}`,
    ...overrides,
  };
}

/** A ResponseError-shaped error, as the client throws it. */
export function responseError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    cause: { name: 'Error', message },
  });
}

/**
 * The backend's answer to `GET /v1/clusters` for a test fleet: the page the
 * query asks for (offset/limit only: filtering is the backend's, tested there)
 * with the filter options of the whole fleet.
 */
export function pageOf(
  response: ListClustersResponse,
  query: ClusterListQuery = {},
): ClusterPageResponse {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  const { clusters } = response;
  const distinct = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => !!v))].sort();
  return {
    ...response,
    clusters: clusters.slice(offset, offset + limit),
    total: clusters.length,
    offset,
    limit,
    filterOptions: {
      subscriptions: distinct(clusters.map(c => c.subscriptionId)).map(id => ({
        id,
        name: clusters.find(c => c.subscriptionId === id)?.subscriptionName,
      })),
      regions: distinct(clusters.map(c => c.location)),
      owners: distinct(clusters.map(c => c.owner)),
    },
  };
}
