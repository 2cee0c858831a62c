import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { BASELINE_CONTROLS } from '@aks-baseline/plugin-aks-baseline-common';
import request from 'supertest';
import demoModule, {
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { aksBaselinePlugin } from './plugin';
import {
  startPluginBackend,
  waitForFleet,
} from './__testUtils__/pluginBackend';

const PROD_ID = `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-aks-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aks-prod-weu',
      namespace: 'default',
      annotations: { 'aks-baseline.io/resource-id': PROD_ID },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'aks-baseline.io/cluster': 'resource:default/aks-prod-weu',
        'aks-baseline.io/namespace': 'payments',
        'aks-baseline.io/host': 'payments.contoso-demo.com',
      },
    },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'internal-docs', namespace: 'default' },
    spec: { type: 'website', owner: 'guests', lifecycle: 'production' },
  },
];

function startDemoBackend(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return startPluginBackend({
    entities,
    permission,
    features: [demoModule, mockServices.rootConfig.factory({ data: {} })],
  }).then(backend => backend.server);
}

// Nothing the API returns may carry key material or secret values: no PEM
// private key, no secret-like key, and `value` only as a hop detail's value.
const SECRET_KEYS =
  /^(password|pfx|privatekey|secretvalue|certdata|publiccertdata|data)$/i;
function keyMaterialIn(node: unknown, path = '$'): string[] {
  if (typeof node === 'string') {
    return /PRIVATE KEY-----/.test(node) ? [path] : [];
  }
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => keyMaterialIn(item, `${path}[${i}]`));
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    return Object.entries(record).flatMap(([key, value]) => {
      const here = `${path}.${key}`;
      const isDetail = key === 'value' && typeof record.label === 'string';
      if (SECRET_KEYS.test(key) || (key === 'value' && !isDetail))
        return [here];
      return keyMaterialIn(value, here);
    });
  }
  return [];
}

describe('aksBaselinePlugin with the demo estate', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    server = await startDemoBackend();
    await waitForFleet(server);
  }, 60_000);

  it('lists the demo fleet worst first, linked to catalog entities', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');

    expect(res.status).toBe(200);
    expect(res.body.clusters.map((c: any) => [c.name, c.worstStatus])).toEqual([
      ['aks-dev-neu', 'error'],
      ['aks-legacy-neu', 'error'],
      ['aks-staging-weu', 'error'],
      // The stamp's catch-all rule ends at Traefik's 404 as designed (ok).
      ['aks-prod-weu', 'ok'],
      ['aks-generated-weu', 'ok'],
    ]);
    expect(res.body.clusters[3].entityRef).toBe(
      'resource:default/aks-prod-weu',
    );
    expect(res.body.lastRefresh).toMatchObject({
      status: 'succeeded',
      clusterCount: 5,
    });
    expect(keyMaterialIn(res.body)).toEqual([]);
  });

  it('serves one cluster in full', async () => {
    const res = await request(server).get(
      `/api/aks-baseline/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-aks-prod-weu/aks-prod-weu`,
    );

    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.cluster.ingress[0].host).toBe('payments.contoso-demo.com');
    expect(res.body.cluster.controls).toHaveLength(BASELINE_CONTROLS.length);
    expect(keyMaterialIn(res.body)).toEqual([]);
  });

  it('narrows an app component to the chain of its host', async () => {
    const res = await request(server)
      .get('/api/aks-baseline/v1/entity')
      .query({ entityRef: 'component:default/payments-api' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'app',
      entityRef: 'component:default/payments-api',
      app: { namespace: 'payments', host: 'payments.contoso-demo.com' },
    });
    expect(res.body.cluster.ingress.map((c: any) => c.host)).toEqual([
      'payments.contoso-demo.com',
    ]);
  });

  it('lists certificates across the fleet by days left', async () => {
    const res = await request(server)
      .get('/api/aks-baseline/v1/certificates')
      .query({ maxDaysLeft: 30 });

    expect(res.status).toBe(200);
    expect(
      res.body.certificates.map((c: any) => [
        c.clusterName,
        c.purpose,
        c.status,
      ]),
    ).toEqual([
      ['aks-dev-neu', 'ingress', 'expired'],
      ['aks-dev-neu', 'backend-trust-root', 'critical'],
      ['aks-dev-neu', 'edge', 'warning'],
    ]);
  });

  it.each([
    [
      '/v1/clusters/not-a-guid/rg/aks',
      /subscriptionId must be a subscription GUID/,
    ],
    [
      // The ARM specification's cluster names end with a letter or digit.
      `/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-aks-prod-weu/aks-prod-`,
      /name must be an AKS cluster name/,
    ],
    ['/v1/entity?entityRef=', /entityRef must be an entity ref/],
    ['/v1/certificates?maxDaysLeft=soon', /maxDaysLeft/],
  ])('answers 400 naming the bad parameter for %s', async (path, message) => {
    const res = await request(server).get(`/api/aks-baseline${path}`);

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for a cluster that is not in the fleet', async () => {
    const res = await request(server).get(
      `/api/aks-baseline/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-nope/aks-nope`,
    );

    expect(res.status).toBe(404);
  });

  it('answers 400 for an entity without the annotations, naming them', async () => {
    const res = await request(server)
      .get('/api/aks-baseline/v1/entity')
      .query({ entityRef: 'component:default/internal-docs' });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('aks-baseline.io/cluster');
  });

  it('triggers a refresh for an allowed user', async () => {
    const res = await request(server).post('/api/aks-baseline/v1/refresh');

    expect(res.status).toBe(202);
    expect(['triggered', 'already-running']).toContain(res.body.status);
  });

  it.each([
    ['get', '/v1/about'],
    ['get', '/v1/clusters'],
    [
      'get',
      `/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-aks-prod-weu/aks-prod-weu`,
    ],
    ['get', '/v1/entity?entityRef=component:default/payments-api'],
    ['get', '/v1/certificates'],
    ['post', '/v1/refresh'],
  ] as const)(
    'answers 401 to %s %s without credentials',
    async (method, path) => {
      const res = await request(server)
        [method](`/api/aks-baseline${path}`)
        .set('authorization', mockCredentials.none.header());

      expect(res.status).toBe(401);
    },
  );
});

describe('aksBaselinePlugin when the permission policy denies', () => {
  it.each([
    ['get', '/v1/clusters'],
    ['get', '/v1/certificates'],
    ['get', '/v1/entity?entityRef=component:default/payments-api'],
    ['post', '/v1/refresh'],
  ] as const)('answers 403 to %s %s', async (method, path) => {
    const server = await startDemoBackend(AuthorizeResult.DENY);

    const res = await request(server)[method](`/api/aks-baseline${path}`);

    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /aks-baseline\.cluster\.(read|refresh)/,
    );
  });
});

describe('aksBaselinePlugin configuration', () => {
  it('refuses to start on a misspelt source and names the key', async () => {
    await expect(
      startTestBackend({
        features: [
          aksBaselinePlugin,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: { aksBaseline: { sources: ['azrue'] } },
          }),
        ],
      }),
    ).rejects.toThrow(/aksBaseline\.sources\.0/);
  });

  it('reports its configured sources and cloud', async () => {
    const { server } = await startTestBackend({
      features: [
        aksBaselinePlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            aksBaseline: { sources: ['catalog'], cloud: 'AzureChinaCloud' },
          },
        }),
      ],
    });

    const res = await request(server).get('/api/aks-baseline/v1/about');

    expect(res.body).toEqual({
      plugin: 'aks-baseline',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      sources: ['catalog'],
      cloud: 'AzureChinaCloud',
    });
  });
});

describe('the key-material guard', () => {
  it('catches what it must catch', () => {
    expect(
      keyMaterialIn({
        a: [{ label: 'x', value: 'ok' }],
        b: { value: 'c2VjcmV0' },
        c: '-----BEGIN RSA PRIVATE KEY-----',
        d: { publicCertData: 'MIIB' },
      }),
    ).toEqual(['$.b.value', '$.c', '$.d.publicCertData']);
  });
});
