import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startPluginBackend,
  waitForFleet,
} from './__testUtils__/pluginBackend';
import demoModule, {
  DEMO_SUBSCRIPTION_NAMES,
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';

// Counts how often the demo estate is built, through the module's own file.
const DEMO_ESTATE =
  '@aks-baseline/plugin-aks-baseline-backend-module-demo/src/demoEstate';
jest.mock(
  '@aks-baseline/plugin-aks-baseline-backend-module-demo/src/demoEstate',
  () => {
    const actual = jest.requireActual(
      '@aks-baseline/plugin-aks-baseline-backend-module-demo/src/demoEstate',
    );
    return { ...actual, buildDemoEstate: jest.fn(actual.buildDemoEstate) };
  },
);
const buildDemoEstate: jest.Mock =
  jest.requireMock(DEMO_ESTATE).buildDemoEstate;

/**
 * The portal's `yarn start` path: the plugin with the demo module (and no
 * aksBaseline config) reads the demo clusters' API servers through the
 * production reader and serves complete chains.
 */
describe('the demo portal’s in-cluster hops', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startPluginBackend({
      features: [demoModule, mockServices.rootConfig.factory({ data: {} })],
    });
    server = backend.server;
    stop = () => backend.stop();
    await waitForFleet(server, body => body.clusters.length === 5);
  }, 60_000);

  afterAll(() => stop());

  it('serves the five demo clusters, each in its situation', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');

    expect(
      res.body.clusters.map((c: any) => [
        c.name,
        c.subscriptionId,
        c.worstStatus,
      ]),
    ).toEqual([
      ['aks-dev-neu', DEMO_SUBSCRIPTIONS.nonProd, 'error'],
      ['aks-legacy-neu', DEMO_SUBSCRIPTIONS.nonProd, 'error'],
      ['aks-staging-weu', DEMO_SUBSCRIPTIONS.prod, 'error'],
      ['aks-prod-weu', DEMO_SUBSCRIPTIONS.prod, 'ok'],
      ['aks-generated-weu', DEMO_SUBSCRIPTIONS.prod, 'ok'],
    ]);
    expect(res.body.lastRefresh).toMatchObject({
      status: 'succeeded',
      clusterCount: 5,
      errors: [],
    });
  });

  it('says why aks-dev-neu is red, its expired Traefik certificate first', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');
    const dev = res.body.clusters.find((c: any) => c.name === 'aks-dev-neu');

    expect(dev.reasons.slice(0, 2)).toEqual([
      'ingress (Traefik) certificate traefik-ingress-internal-aks-ingress-tls expired 3 days ago',
      'backend trust root appgw-ingress-internal-aks-ingress-tls expires in 5 days',
    ]);
    expect(dev.soonestExpiry).toMatchObject({
      name: 'traefik-ingress-internal-aks-ingress-tls',
      status: 'expired',
    });
  });

  it('keeps the soonest-expiry column and the status in agreement on every row', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');
    const rows: any[] = res.body.clusters;

    // A row whose soonest certificate is expired or critical is an error.
    const urgent = rows.filter(r =>
      ['expired', 'critical'].includes(r.soonestExpiry?.status),
    );
    expect(urgent.map(r => [r.name, r.worstStatus])).toEqual(
      urgent.map(r => [r.name, 'error']),
    );
    // A row that is not ok says why.
    const notOk = rows.filter(r => r.worstStatus !== 'ok');
    expect(notOk.filter(r => r.reasons.length === 0)).toEqual([]);
    expect(notOk.length).toBe(3);
  });

  it("names the subscriptions as ARM's subscription list does, though the demo configures their ids", async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');

    // The demo source selects its two subscriptions by id; the names come
    // from the fixture's GET /subscriptions through the SDK's client.
    expect(
      res.body.clusters.map((c: any) => [c.name, c.subscriptionName]),
    ).toEqual([
      ['aks-dev-neu', 'Contoso Non-Production'],
      ['aks-legacy-neu', 'Contoso Non-Production'],
      ['aks-staging-weu', 'Contoso Production'],
      ['aks-prod-weu', 'Contoso Production'],
      ['aks-generated-weu', 'Contoso Production'],
    ]);
    expect(res.body.filterOptions.subscriptions).toEqual(
      expect.arrayContaining([
        {
          id: DEMO_SUBSCRIPTIONS.prod,
          name: DEMO_SUBSCRIPTION_NAMES[DEMO_SUBSCRIPTIONS.prod],
        },
        {
          id: DEMO_SUBSCRIPTIONS.nonProd,
          name: DEMO_SUBSCRIPTION_NAMES[DEMO_SUBSCRIPTIONS.nonProd],
        },
      ]),
    );
  });

  it('names the demo as its source', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/about');

    expect(res.body.sources).toEqual(['demo']);
  });

  it('builds the demo estate once per refresh, for the inventory and the cluster reads alike', () => {
    // The one refresh at start-up has finished (its snapshot is served).
    expect(buildDemoEstate).toHaveBeenCalledTimes(1);
  });

  const cluster = async (group: string, name: string, subscription: string) =>
    (
      await request(server).get(
        `/api/aks-baseline/v1/clusters/${subscription}/${group}/${name}`,
      )
    ).body.cluster;

  it('serves aks-prod-weu with every hop observed and ok', async () => {
    const prod = await cluster(
      'rg-aks-prod-weu',
      'aks-prod-weu',
      DEMO_SUBSCRIPTIONS.prod,
    );

    expect(prod.kubernetes).toEqual({
      observed: true,
      statusText: 'read from the API server',
    });
    expect(prod.ingress[0].hops.filter((h: any) => h.status !== 'ok')).toEqual(
      [],
    );
    expect(JSON.stringify(prod)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('serves aks-generated-weu, made by our own template: the app healthy, every hop of its chain observed and ok', async () => {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');
    const row = res.body.clusters.find(
      (c: any) => c.name === 'aks-generated-weu',
    );
    const generated = await cluster(
      'rg-aks-generated-weu',
      'aks-generated-weu',
      DEMO_SUBSCRIPTIONS.prod,
    );
    const notOk = (hops: any[]) =>
      hops.filter(h => h.status !== 'ok').map(h => [h.kind, h.status]);
    const chains = Object.fromEntries(
      generated.ingress.map((c: any) => [c.host, notOk(c.hops)]),
    );

    expect(generated.kubernetes).toEqual({
      observed: true,
      statusText: 'read from the API server',
    });
    expect(notOk(generated.egress)).toEqual([]);
    // Comfortable expiries (the refresh starts a moment after the estate's date).
    expect(
      generated.certificates
        .map((c: any) => `${c.purpose}: ${Math.ceil(c.daysLeft / 10) * 10}`)
        .sort(),
    ).toEqual([
      'backend-trust-root: 3000',
      'edge: 240',
      'edge: 240',
      'ingress: 300',
    ]);
    // The onboarded app: every hop ok.
    expect(chains['inventory.contoso-demo.com']).toEqual([]);
    // The stamp's own wildcard listener (its tagged catch-all rule) sends
    // every other host to Traefik under the stamp's backend host name, which
    // no route serves: Traefik's 404, by design, so the chain ends there, ok.
    expect(chains['*.contoso-demo.com']).toEqual([]);
    expect([row.worstStatus, row.reasons]).toEqual(['ok', []]);
  });

  it('judges the supply chain on each demo cluster as designed', async () => {
    const supplyChain = async (rg: string, name: string, sub: string) => {
      const snapshot = await cluster(rg, name, sub);
      return Object.fromEntries(
        snapshot.controls
          .filter((c: any) => c.area === 'supply-chain')
          .map((c: any) => [c.id, [c.status, c.reason]]),
      );
    };
    const { prod, nonProd } = DEMO_SUBSCRIPTIONS;
    // Its own private registry, every image from it.
    expect(await supplyChain('rg-aks-prod-weu', 'aks-prod-weu', prod)).toEqual({
      'ACR-01': [
        'pass',
        "Premium, closed to public networks, no admin user or anonymous pull, reached through a private endpoint in the cluster's VNet",
      ],
      'ACR-02': [
        'pass',
        'every image from acraksprodweu.azurecr.io, pinned by tag or digest',
      ],
    });
    // A registry open to the internet, and Traefik pulled from Docker Hub.
    const staging = await supplyChain(
      'rg-aks-staging-weu',
      'aks-staging-weu',
      prod,
    );
    expect(staging['ACR-01'][0]).toBe('fail');
    expect(staging['ACR-01'][1]).toMatch(/^public network access Enabled/);
    expect(staging['ACR-02'][0]).toBe('fail');
    expect(staging['ACR-02'][1]).toMatch(
      /^docker\.io\/library\/traefik:v3\.5\.3 \(from docker\.io\) in a0008\/Pod traefik-ingress-controller-[\w-]+, .*a0008\/Deployment traefik-ingress-controller; expected every image from acraksstagingweu\.azurecr\.io/,
    );
    // No registry at all; its private API server hides its images.
    const legacy = await supplyChain(
      'rg-aks-legacy-neu',
      'aks-legacy-neu',
      nonProd,
    );
    expect(legacy['ACR-01'][0]).toBe('fail');
    expect(legacy['ACR-01'][1]).toMatch(
      /^no container registry with a private endpoint/,
    );
    expect(legacy['ACR-02'][0]).toBe('not-observed');
    const dev = await supplyChain('rg-aks-dev-neu', 'aks-dev-neu', nonProd);
    expect(dev['ACR-01'][0]).toBe('pass');
    expect(dev['ACR-02'][0]).toBe('not-observed');
  });

  it('judges the governance on each demo cluster as designed (GOV-01, read live)', async () => {
    const gov01 = async (rg: string, name: string, sub: string) =>
      (await cluster(rg, name, sub)).controls.find(
        (c: any) => c.id === 'GOV-01',
      );
    const { prod, nonProd } = DEMO_SUBSCRIPTIONS;
    expect(await gov01('rg-aks-prod-weu', 'aks-prod-weu', prod)).toMatchObject({
      status: 'pass',
      area: 'governance',
      found: '18 of 18 baseline policies assigned',
    });
    // Allowed images only audits: how Traefik from Docker Hub got in.
    const staging = await gov01('rg-aks-staging-weu', 'aks-staging-weu', prod);
    expect(staging.status).toBe('warning');
    expect(staging.reason).toMatch(
      /^audits where the baseline denies: "AKS containers should only use allowed images" \(febd0533-8e55-448f-b837-bd0e06f16469\)/,
    );
    // Nothing assigned: every policy named, by display name and definition id.
    const legacy = await gov01('rg-aks-legacy-neu', 'aks-legacy-neu', nonProd);
    expect(legacy.status).toBe('fail');
    expect(legacy.found).toMatch(
      /^0 of 18 baseline policies assigned; missing: "Kubernetes cluster pod security restricted standards for Linux-based workloads" \(42b8ef37-b724-4e24-bbc8-7a7708edfe00\), /,
    );
    expect(legacy.found).toContain(
      '"Azure Kubernetes Service Clusters should have local authentication methods disabled" (993c2fcd-2b29-49d2-9eb0-df2c3a730c32)',
    );
    expect(legacy.reason).toContain('az policy assignment create --policy');
    expect((await gov01('rg-aks-dev-neu', 'aks-dev-neu', nonProd)).status).toBe(
      'pass',
    );
  });

  it('serves aks-dev-neu from ARM alone, saying why', async () => {
    const dev = await cluster(
      'rg-aks-dev-neu',
      'aks-dev-neu',
      DEMO_SUBSCRIPTIONS.nonProd,
    );

    expect(dev.kubernetes.observed).toBe(false);
    expect(dev.kubernetes.statusText).toMatch(
      /^not observed: API server not reachable from the portal \(private cluster\)/,
    );
    expect(dev.ingress[0].hops[7]).toMatchObject({ kind: 'backend-pool' });
  });
});
