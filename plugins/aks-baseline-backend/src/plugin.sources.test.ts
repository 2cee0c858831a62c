import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import demoModule, {
  buildBaselineStamp,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  aksBaselineClusterSourcesExtensionPoint,
  type AksBaselineClusterSource,
} from '@aks-baseline/plugin-aks-baseline-node';
import {
  type BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startPluginBackend,
  waitForFleet,
} from './__testUtils__/pluginBackend';

const SUB = '33333333-3333-4333-8333-333333333333';
const NOW = new Date();
const stamp = (name: string, spokeOctet: number) =>
  buildBaselineStamp({
    subscriptionId: SUB,
    resourceGroup: `rg-${name}`,
    name,
    location: 'westeurope',
    spokeOctet,
    firewall: {
      id: `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub`,
      privateIp: '10.200.0.4',
      hubVirtualNetworkId: `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
    },
    host: `${name}.example.com`,
    certificateDaysLeft: { edge: 90, backendTrustRoot: 90, ingress: 90 },
    now: NOW,
  });
// Two clusters in the subscription; the test module's source asks for one.
const estate = [...stamp('aks-wanted', 240), ...stamp('aks-other', 241)];
const wantedId = estate.find(
  r =>
    r.type === 'Microsoft.ContainerService/managedClusters' &&
    r.name === 'aks-wanted',
)!.id!;

/** A module that plugs a source and a fixture Azure into the plugin. */
const testModule = (source: AksBaselineClusterSource) =>
  createBackendModule({
    pluginId: 'aks-baseline',
    moduleId: 'test-source',
    register(reg) {
      reg.registerInit({
        deps: { clusterSources: aksBaselineClusterSourcesExtensionPoint },
        async init({ clusterSources }) {
          clusterSources.addClusterSource(source);
          clusterSources.setAzureConnection({
            name: 'test-source',
            credential: new StaticTokenCredential(),
            openRefresh: async () => ({
              armHttpClient: new ArmFixtureTransport({ resources: estate }),
            }),
          });
        },
      });
    },
  });

const start = (features: BackendFeature[]) => startPluginBackend({ features });
const waitForRefresh = async (server: Parameters<typeof request>[0]) =>
  (await waitForFleet(server, body => !!body.lastRefresh, 20_000)).body;

describe('aksBaselinePlugin without a cluster source', () => {
  it('refuses to start and says what to configure', async () => {
    await expect(
      start([mockServices.rootConfig.factory({ data: {} })]),
    ).rejects.toThrow(
      'no cluster source: set aksBaseline.sources to [azure], [config] or [catalog] (see README), or add a module such as @aks-baseline/plugin-aks-baseline-backend-module-demo',
    );
  });

  it('says where the demo went when the old demo source is configured', async () => {
    await expect(
      start([
        mockServices.rootConfig.factory({
          data: { aksBaseline: { sources: ['demo'] } },
        }),
      ]),
    ).rejects.toThrow(
      'aksBaseline.sources.0: demo is no longer a source: add the module @aks-baseline/plugin-aks-baseline-backend-module-demo to the backend instead',
    );
  });
});

describe('a cluster source added by a module', () => {
  it('decides which clusters are refreshed, and is named by the about route', async () => {
    const backend = await start([
      testModule({
        name: 'cmdb',
        selectClusters: async () => ({ clusterIds: [wantedId] }),
      }),
      // The estate has no API servers to read: this test is about selection.
      mockServices.rootConfig.factory({
        data: { aksBaseline: { kubernetes: { enabled: false } } },
      }),
    ]);

    const fleet = await waitForRefresh(backend.server);
    const about = await request(backend.server).get(
      '/api/aks-baseline/v1/about',
    );
    await backend.stop();

    expect(fleet.clusters.map((c: any) => c.name)).toEqual(['aks-wanted']);
    expect(fleet.lastRefresh).toMatchObject({ status: 'succeeded' });
    expect(about.body.sources).toEqual(['cmdb']);
  });

  it('reports its failure in the refresh instead of failing it', async () => {
    const backend = await start([
      testModule({
        name: 'cmdb',
        selectClusters: async () => ({ clusterIds: ['aks-wanted'] }),
      }),
      mockServices.rootConfig.factory({
        data: { aksBaseline: { sources: ['catalog'] } },
      }),
    ]);

    const fleet = await waitForRefresh(backend.server);
    await backend.stop();

    expect(fleet.lastRefresh.status).toBe('partial');
    expect(fleet.lastRefresh.errors).toEqual([
      {
        scope: 'cmdb',
        kind: 'source',
        message: expect.stringMatching(
          /^cluster source cmdb returned an invalid selection: clusterIds\.0: must be a managed cluster resource id/,
        ),
      },
    ]);
  });
});

describe('a module that replaces the Azure connection', () => {
  it.each([
    [['azure'], 'azure', 'azure'],
    [['config', 'catalog'], 'config', 'config'],
    [['azure', 'config'], 'azure or config', 'azure and config'],
  ])('cannot be combined with %j', async (sources, conflicting, toRemove) => {
    await expect(
      start([
        demoModule,
        mockServices.rootConfig.factory({ data: { aksBaseline: { sources } } }),
      ]),
    ).rejects.toThrow(
      `the demo module replaces the Azure connection, so aksBaseline.sources cannot include ${conflicting} (their clusters live in real subscriptions the demo connection does not reach): remove ${toRemove} from aksBaseline.sources, or remove the demo module`,
    );
  });

  it('can be combined with the catalog source', async () => {
    const backend = await start([
      demoModule,
      mockServices.rootConfig.factory({
        data: { aksBaseline: { sources: ['catalog'] } },
      }),
    ]);

    const about = await request(backend.server).get(
      '/api/aks-baseline/v1/about',
    );
    await backend.stop();

    expect(about.body.sources).toEqual(['catalog', 'demo']);
  });

  it('is one module at most', async () => {
    await expect(
      start([
        demoModule,
        testModule({
          name: 'cmdb',
          selectClusters: async () => ({ clusterIds: [wantedId] }),
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ]),
    ).rejects.toThrow(
      /the (demo|test-source) module already replaces the Azure connection; (test-source|demo) cannot replace it too/,
    );
  });
});
