import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { demoClusterObjects } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { KubernetesFixtureServer } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { listAll } from './client/listAll';
import { openApiSession } from './client/apiSession';
import { readCluster, ReadClusterOptions } from './readCluster';
import { LISTED_RESOURCES } from './resources';
import { DEFAULT_TRAEFIK } from './types';

const TOKEN = 'portal-token';
const prodObjects = demoClusterObjects()['aks-prod-weu'];
const secret: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'payments-api-tls', namespace: 'payments' },
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': 'c2VjcmV0', 'tls.key': 'c2VjcmV0' },
};

let fixture: KubernetesFixtureServer;

beforeAll(async () => {
  fixture = await KubernetesFixtureServer.start({
    prod: { objects: [...prodObjects, secret], tokens: [TOKEN] },
    denied: {
      objects: prodObjects,
      tokens: [TOKEN],
      forbidden: ['pods', 'secretproviderclasses.secrets-store.csi.x-k8s.io'],
      user: 'b1946ac9-2b3c-4e5f-8a9b-0c1d2e3f4a5b',
    },
    slow: { objects: prodObjects, tokens: [TOKEN], hang: /namespaces/ },
    'no-crds': {
      objects: prodObjects.filter(o => !o.apiVersion?.startsWith('traefik.io')),
      tokens: [TOKEN],
      missingGroups: ['traefik.io'],
    },
  });
});

afterAll(() => fixture.close());

function options(
  cluster: string,
  overrides: Partial<ReadClusterOptions> = {},
): ReadClusterOptions {
  return {
    resourceId: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${cluster}`,
    connection: {
      server: fixture.urlOf(cluster),
      caPem: fixture.caPem,
      token: TOKEN,
      source: 'azure',
    },
    privateCluster: false,
    traefik: DEFAULT_TRAEFIK,
    pageSize: 2,
    timeoutMs: 5_000,
    concurrency: 4,
    ...overrides,
  };
}

const count = (objects: KubernetesObject[], kind: string) =>
  objects.filter(o => o.kind === kind).length;

describe('readCluster against a Kubernetes list API', () => {
  it('lists every kind through the real client, paging with limit and continue', async () => {
    const before = fixture.requests.length;

    const result = await readCluster(options('prod'));

    expect(result.unavailableReason).toBeUndefined();
    const objects = result.objects!;
    for (const kind of [
      'Namespace',
      'Service',
      'Pod',
      'ServiceAccount',
      'EndpointSlice',
      'IngressClass',
      'NetworkPolicy',
      'IngressRoute',
      'Middleware',
      'TLSOption',
      'SecretProviderClass',
    ]) {
      expect([kind, count(objects, kind)]).toEqual([
        kind,
        count(prodObjects, kind),
      ]);
    }
    // Only Traefik's Deployment: namespace and label selector from config.
    expect(
      objects.filter(o => o.kind === 'Deployment').map(o => o.metadata?.name),
    ).toEqual(['traefik-ingress-controller']);

    const sent = fixture.requests.slice(before);
    expect(sent.every(r => r.method === 'GET' && r.query.limit === '2')).toBe(
      true,
    );
    // 7 pods in pages of 2: four requests, three with a continue token.
    const podPages = sent.filter(r => r.path === '/api/v1/pods');
    expect(podPages).toHaveLength(4);
    expect(podPages.filter(r => r.query.continue)).toHaveLength(3);
    expect(podPages[0].query.fieldSelector).toBe('status.phase=Running');
    expect(
      sent.find(r => r.path === '/apis/apps/v1/namespaces/a0008/deployments')
        ?.query.labelSelector,
    ).toBe('app.kubernetes.io/name=traefik-ingress-ilb');
    expect(sent.some(r => /secrets(\/|$)/.test(r.path))).toBe(false);
    expect(result.requestCount).toBe(sent.length);
  });

  it('keeps the API’s JSON shape and drops everything the dashboard does not read', async () => {
    const { objects } = await readCluster(options('prod'));

    const policy = objects!.find(
      o => o.metadata?.name === 'allow-ingress-from-traefik',
    );
    expect(policy?.spec).toEqual(
      prodObjects.find(o => o.metadata?.name === 'allow-ingress-from-traefik')
        ?.spec,
    );
    const pod = objects!.find(o => o.kind === 'Pod')!;
    expect(Object.keys(pod.spec as object).sort()).toEqual([
      'containers',
      'serviceAccountName',
    ]);
    // The image stays: ACR-02 judges where each pod pulls from.
    expect(Object.keys((pod.spec as any).containers[0]).sort()).toEqual([
      'image',
      'name',
      'ports',
    ]);
    expect(pod.status).toEqual({
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(pod.metadata).not.toHaveProperty('uid');
    const traefikService = objects!.find(
      o => o.metadata?.name === 'traefik-ingress-service',
    );
    expect(traefikService?.status).toEqual({
      loadBalancer: { ingress: [{ ip: '10.240.4.4' }] },
    });
  });

  it('says which lists the portal’s identity lacks on 403', async () => {
    const result = await readCluster(options('denied'));

    expect(result.objects).toBeUndefined();
    expect(result.unavailableReason).toBe(
      `API server answered 403: the portal's identity lacks list on pods, secretproviderclasses.secrets-store.csi.x-k8s.io; grant the plugin's ClusterRole (pods is forbidden: User "b1946ac9-2b3c-4e5f-8a9b-0c1d2e3f4a5b" cannot list resource "pods" in API group "" at the cluster scope)`,
    );
    expect(result.error).toMatchObject({ kind: 'kubernetes', status: 403 });
  });

  it('stops after one request when the token is rejected (401)', async () => {
    const before = fixture.requests.length;

    const result = await readCluster(
      options('prod', {
        connection: { ...options('prod').connection, token: 'expired' },
      }),
    );

    expect(result.unavailableReason).toBe(
      "API server answered 401: the portal's Entra token for the AKS server application was rejected",
    );
    expect(result.error?.status).toBe(401);
    expect(fixture.requests.length - before).toBe(1);
    expect(result.requestCount).toBe(1);
  });

  it('gives up on an API server that does not answer in time', async () => {
    const started = Date.now();

    const result = await readCluster(
      options('slow', { timeoutMs: 300, privateCluster: true }),
    );

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.unavailableReason).toMatch(
      /^API server not reachable from the portal \(private cluster\): no answer from 127\.0\.0\.1:\d+ within 0\.3 s$/,
    );
    // A private API server out of reach is the baseline working: no error.
    expect(result.error).toBeUndefined();
  });

  it('reports a DNS failure precisely', async () => {
    const result = await readCluster(
      options('prod', {
        connection: {
          ...options('prod').connection,
          server: 'https://aks-x-dns.privatelink.westeurope.azmk8s.io:443',
        },
        privateCluster: true,
        lookup: (hostname, _options, callback) =>
          callback(
            Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
              code: 'ENOTFOUND',
            }),
            '',
            4,
          ),
      }),
    );

    expect(result.unavailableReason).toBe(
      "API server not reachable from the portal (private cluster): aks-x-dns.privatelink.westeurope.azmk8s.io does not resolve from the portal's network (ENOTFOUND)",
    );
  });

  it('refuses a server certificate the cluster CA did not issue', async () => {
    const result = await readCluster(
      options('prod', {
        connection: { ...options('prod').connection, caPem: undefined },
      }),
    );

    expect(result.unavailableReason).toMatch(
      /^API server not trusted: 127\.0\.0\.1:\d+ presented a certificate the portal does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
    expect(result.error?.kind).toBe('kubernetes');
  });

  it('treats missing Traefik CRDs as none installed, with a note', async () => {
    const result = await readCluster(options('no-crds'));

    expect(result.unavailableReason).toBeUndefined();
    expect(count(result.objects!, 'IngressRoute')).toBe(0);
    expect(result.notes).toEqual([
      'Traefik CRDs (traefik.io/v1alpha1) are not installed',
    ]);
  });

  it('starts a list over when its continue token expires (410)', async () => {
    const pods = LISTED_RESOURCES.find(r => r.plural === 'pods')!;
    const session = openApiSession(options('prod').connection, {
      timeoutMs: 5_000,
      maxSockets: 1,
    });
    let pages = 0;
    const changing = {
      ...pods,
      list: async (...args: Parameters<typeof pods.list>) => {
        const page = await pods.list(...args);
        pages += 1;
        // A write between two pages: the next continue token is stale.
        if (pages === 1)
          fixture.setCluster('prod', {
            objects: [...prodObjects, secret],
            tokens: [TOKEN],
          });
        return page;
      },
    };

    const items = await listAll(changing, session.apis, {
      limit: 2,
      traefik: DEFAULT_TRAEFIK,
    });
    session.close();

    expect(items).toHaveLength(count(prodObjects, 'Pod'));
    expect(fixture.requests.some(r => r.status === 410)).toBe(true);
  });
});
