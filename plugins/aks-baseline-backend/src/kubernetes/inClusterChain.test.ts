import type {
  ArmResource,
  ClusterSnapshot,
  KubernetesObject,
} from '@aks-baseline/plugin-aks-baseline-common';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { ConfigReader } from '@backstage/config';
import { getCloudSettings } from '../azure/cloud';
import {
  KubernetesFixtureServer,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { readPluginConfig } from '../config/pluginConfig';
import {
  baselineClusterObjects,
  buildDemoEstate,
  DemoConnection,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { indexInventory, resolveCluster } from '../resolver';
import {
  azureAccess,
  createKubernetesFleetReader,
} from '../sources/clusterSources';
import { createKubernetesReader } from './readFleet';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { KubernetesReadResult } from './types';

const NOW = new Date('2026-11-26T12:00:00Z');
const inventory = inventoryOf(buildDemoEstate(NOW));
const index = indexInventory(inventory);
const clusterNamed = (name: string) =>
  inventory.managedClusters.find(c => c.name === name)!;

function resolve(cluster: ArmResource, read?: KubernetesReadResult) {
  return resolveCluster(cluster, index, {
    now: NOW,
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    vaultErrors: new Map(),
    subscriptionErrors: [],
    kubernetes: read,
  });
}

const hopsOf = (snapshot: ClusterSnapshot) =>
  snapshot.ingress[0].hops.map(h => [h.kind, h.status]);
const hop = (snapshot: ClusterSnapshot, kind: string) =>
  snapshot.ingress[0].hops.find(h => h.kind === kind)!;
const control = (snapshot: ClusterSnapshot, id: string) =>
  snapshot.controls.find(c => c.id === id)!;

describe('the demo estate through the production reader', () => {
  const demo = new DemoConnection(() => NOW);
  let results: Map<string, KubernetesReadResult>;
  let armRequests: number;

  beforeAll(async () => {
    const config = readPluginConfig(new ConfigReader({}));
    const reader = createKubernetesFleetReader(
      config,
      azureAccess(config, demo),
    )!;
    const read = await reader(inventory.managedClusters);
    results = read.results;
    armRequests = read.armRequestCount;
  });
  afterAll(() => demo.close());

  const resolved = (name: string) =>
    resolve(
      clusterNamed(name),
      results.get(clusterNamed(name).id!.toLowerCase()),
    );

  it('shows the onboarded payments-api with a complete, open chain', () => {
    const snapshot = resolved('aks-prod-weu');

    expect(hopsOf(snapshot)).toEqual([
      ['internet', 'ok'],
      ['public-ip', 'ok'],
      ['listener', 'ok'],
      ['waf', 'ok'],
      ['routing-rule', 'ok'],
      ['backend-settings', 'ok'],
      ['probe', 'ok'],
      ['backend-pool', 'ok'],
      ['traefik', 'ok'],
      ['route', 'ok'],
      ['service', 'ok'],
      ['endpoints', 'ok'],
      ['pods', 'ok'],
    ]);
    expect(snapshot.ingress[0].status).toBe('ok');
    expect(hop(snapshot, 'traefik').statusText).toBe(
      "internal load balancer 10.240.4.4 is the backend pool's target, 2 of 2 pods ready",
    );
    expect(hop(snapshot, 'route').statusText).toBe(
      'IngressRoute payments/payments-api matches Host(`payments.contoso-demo.com`), TLS on websecure',
    );
    expect(hop(snapshot, 'service').statusText).toBe(
      'ClusterIP port 80 -> http',
    );
    expect(hop(snapshot, 'endpoints').statusText).toBe('3 ready endpoints');
    expect(hop(snapshot, 'pods').details).toContainEqual({
      label: 'NetworkPolicy (Traefik to pods)',
      value: expect.stringMatching(
        /^a0008\/traefik-ingress-controller-\w+-\w+ -> payments\/payments-api-\w+-\w+ on TCP 8080: allowed .*admitted by payments\/allow-ingress-from-traefik ingress\[0\].*; pods of other namespaces are denied$/,
      ),
    });

    const k8s = snapshot.controls
      .filter(c => c.id.startsWith('K8S-') || c.id === 'ING-01')
      .map(c => [c.id, c.status]);
    expect(k8s).toEqual([
      ['ING-01', 'pass'],
      ['K8S-01', 'pass'],
      ['K8S-02', 'pass'],
      ['K8S-03', 'pass'],
      ['K8S-04', 'pass'],
      ['K8S-05', 'pass'],
      ['K8S-06', 'pass'],
      ['K8S-07', 'pass'],
      // Nothing in the demo uses workload identity annotations.
      ['K8S-08', 'not-applicable'],
    ]);
    expect(snapshot.kubernetes).toEqual({
      observed: true,
      statusText: 'read from the API server',
    });
    expect(snapshot.errors).toEqual([]);
  });

  it('names the NetworkPolicy that shuts Traefik out on staging', () => {
    const snapshot = resolved('aks-staging-weu');
    const pods = hop(snapshot, 'pods');

    expect(pods.status).toBe('error');
    expect(pods.statusText).toMatch(
      /^NetworkPolicy blocks Traefik: a0008\/traefik-ingress-controller-\w+-\w+ -> storefront\/storefront-web-\w+-\w+ on TCP 8080: denied \(.*ingress of storefront\/storefront-web-\w+-\w+: isolated by storefront\/allow-ingress-from-traefik, storefront\/default-deny, and no ingress rule admits it\)$/,
    );
    expect(control(snapshot, 'K8S-07')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('storefront/allow-ingress-from-traefik'),
    });
    // App Gateway's plain HTTP to port 80 finds no Traefik listener either.
    expect(hop(snapshot, 'traefik').statusText).toContain(
      'App Gateway sends to port 80, but a0008/traefik-ingress-service listens on 443',
    );
  });

  it('finds the Traefik certificate through its SecretProviderClass when no tag names it', () => {
    const snapshot = resolved('aks-staging-weu');

    expect(Object.keys(clusterNamed('aks-staging-weu').tags ?? {})).toEqual([
      'owner',
      'system',
    ]);
    expect(
      snapshot.certificates.find(c => c.purpose === 'ingress'),
    ).toMatchObject({
      name: 'traefik-ingress-internal-aks-ingress-tls',
      vaultName: 'kv-aks-staging-weu',
      status: 'ok',
    });
  });

  it('keeps the ARM half of private clusters and says why the rest is not observed', () => {
    const snapshot = resolved('aks-dev-neu');
    const reason =
      "not observed: API server not reachable from the portal (private cluster): aks-dev-neu-dns.privatelink.northeurope.azmk8s.io does not resolve from the portal's network (ENOTFOUND)";

    expect(hopsOf(snapshot).slice(8)).toEqual([
      ['traefik', 'not-observed'],
      ['route', 'not-observed'],
      ['service', 'not-observed'],
      ['endpoints', 'not-observed'],
      ['pods', 'not-observed'],
    ]);
    expect(hop(snapshot, 'traefik').statusText).toBe(reason);
    expect(snapshot.ingress[0].status).not.toBe('not-observed');
    expect(snapshot.kubernetes).toEqual({
      observed: false,
      statusText: reason,
    });
    expect(control(snapshot, 'K8S-01').status).toBe('not-observed');
    // Expected in the baseline: no error for it.
    expect(snapshot.errors).toEqual([]);
  });

  it('counts the requests of one cluster refresh', () => {
    const prod = results.get(clusterNamed('aks-prod-weu').id!.toLowerCase())!;
    const perCluster = armRequests / inventory.managedClusters.length;

    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `Requests per cluster refresh: ${prod.requestCount} Kubernetes list requests (pageSize 500) + ${perCluster} ARM listClusterUserCredential; Entra token from the shared credential's cache`,
    );
    // 13 before FW-02 read Flux's GitRepository objects, 14 before
    // K8S-02/03 read Traefik's ConfigMaps (one more list each).
    expect(prod.requestCount).toBe(15);
    expect(perCluster).toBe(1);
  });
});

describe('failures, through a per-cluster config override', () => {
  const cluster = clusterNamed('aks-prod-weu');
  const objects = (
    flaws: Parameters<typeof baselineClusterObjects>[0]['flaws'],
  ) =>
    baselineClusterObjects({
      clusterName: 'aks-prod-weu',
      resourceGroup: 'rg-aks-prod-weu',
      spokeOctet: 240,
      app: {
        name: 'payments-api',
        namespace: 'payments',
        host: 'payments.contoso-demo.com',
        owner: 'payments-team',
      },
      flaws,
    });
  let fixture: KubernetesFixtureServer;

  beforeAll(async () => {
    fixture = await KubernetesFixtureServer.start({});
  });
  afterAll(() => fixture.close());

  async function readAs(
    objectsOrSpec:
      | KubernetesObject[]
      | { forbidden?: string[]; token?: string },
    token = 'sa-token',
  ) {
    const spec = Array.isArray(objectsOrSpec)
      ? { objects: objectsOrSpec }
      : { objects: objects([]), ...objectsOrSpec };
    fixture.setCluster('scenario', { tokens: ['sa-token'], ...spec });
    const reader = createKubernetesReader({
      traefik: {
        namespace: 'a0008',
        labels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
      },
      overrides: [
        {
          resourceId: cluster.id!,
          url: fixture.urlOf('scenario'),
          caData: Buffer.from(fixture.caPem).toString('base64'),
          tokenEnv: 'PORTAL_SA_TOKEN',
        },
      ],
      env: { PORTAL_SA_TOKEN: token },
      credential: new StaticTokenCredential(),
      cloud: getCloudSettings('AzurePublicCloud'),
      concurrency: 1,
      requestConcurrency: 4,
      timeoutMs: 5_000,
      pageSize: 3,
    });
    const read = await reader([cluster]);
    return resolve(cluster, read.results.get(cluster.id!.toLowerCase()));
  }

  it('a cluster with no Traefik: the pool points at nothing, K8S-01 fails', async () => {
    const snapshot = await readAs(objects(['no-traefik']));

    expect(hop(snapshot, 'traefik')).toMatchObject({
      status: 'error',
      statusText:
        "no Traefik Service in namespace a0008 labelled app.kubernetes.io/name=traefik-ingress-ilb: App Gateway's backend pool points at nothing that answers",
    });
    expect(control(snapshot, 'K8S-01').status).toBe('fail');
    // ING-01 cannot confirm the pool without Traefik's IP.
    expect(control(snapshot, 'ING-01').status).not.toBe('pass');
  });

  it('a route to a Service with no ready endpoints: Traefik answers 503', async () => {
    const snapshot = await readAs(objects(['no-ready-pods']));

    expect(hop(snapshot, 'route').status).toBe('ok');
    expect(hop(snapshot, 'endpoints')).toMatchObject({
      status: 'error',
      statusText:
        'no ready endpoint (3 not ready): Traefik answers 503 Service Unavailable',
    });
    expect(hop(snapshot, 'pods').statusText).toContain(
      'none of 3 pods is ready',
    );
  });

  it('a policy that blocks Traefik: the verdict names it', async () => {
    const snapshot = await readAs(objects(['policy-blocks-traefik']));

    expect(hop(snapshot, 'pods').status).toBe('error');
    expect(control(snapshot, 'K8S-07').reason).toMatch(
      /isolated by payments\/allow-ingress-from-traefik, payments\/default-deny, and no ingress rule admits it/,
    );
    expect(control(snapshot, 'K8S-06').status).toBe('pass');
  });

  it('a Traefik IP the backend pool does not target fails ING-01 and the Traefik hop', async () => {
    // Traefik redeployed on another address; the pool was not updated.
    const moved = objects([]).map(o =>
      o.kind === 'Service' && o.metadata?.name === 'traefik-ingress-service'
        ? {
            ...o,
            spec: { ...(o.spec as object), loadBalancerIP: '10.240.4.5' },
            status: { loadBalancer: { ingress: [{ ip: '10.240.4.5' }] } },
          }
        : o,
    );

    const snapshot = await readAs(moved);

    expect(hop(snapshot, 'traefik').statusText).toContain(
      "the backend pool targets 10.240.4.4, but Traefik's internal load balancer is 10.240.4.5: App Gateway answers 502",
    );
    expect(control(snapshot, 'ING-01').status).toBe('fail');
  });

  it('403 from the API server: every in-cluster hop says which lists are missing', async () => {
    const snapshot = await readAs({
      forbidden: ['networkpolicies.networking.k8s.io'],
    });

    expect(hop(snapshot, 'pods').statusText).toMatch(
      /^not observed: API server answered 403: the portal's identity lacks list on networkpolicies\.networking\.k8s\.io; grant the plugin's ClusterRole/,
    );
    expect(snapshot.errors).toEqual([
      expect.objectContaining({ kind: 'kubernetes', status: 403 }),
    ]);
    // The ARM half is untouched.
    expect(hop(snapshot, 'backend-pool').status).toBe('ok');
  });

  it('401 from the API server names the token that was rejected', async () => {
    const snapshot = await readAs(objects([]), 'stale-token');

    expect(hop(snapshot, 'traefik').statusText).toBe(
      'not observed: API server answered 401: the service-account token in $PORTAL_SA_TOKEN was rejected',
    );
  });
});
