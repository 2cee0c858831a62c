import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { aksBaselinePlugin } from './plugin';
import { DEMO_SUBSCRIPTIONS } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';

/**
 * The portal's `yarn start` path: the plugin with the demo source reads the
 * demo clusters' API servers through the production reader and serves
 * complete chains.
 */
describe('the demo portal’s in-cluster hops', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        aksBaselinePlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory(),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: { aksBaseline: { sources: ['demo'] } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(server).get('/api/aks-baseline/v1/clusters');
      if (res.status === 200 && res.body.clusters.length === 4) break;
      if (Date.now() > deadline) throw new Error('no demo fleet after 30 s');
      await new Promise(r => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(() => stop());

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
