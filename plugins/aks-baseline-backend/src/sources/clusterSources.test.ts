import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from '../config/pluginConfig';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  azureAccess,
  createInventoryCollector,
  selectClusters,
} from './clusterSources';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const cluster = (sub: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`;

const catalogCluster = (name: string, resourceId?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: resourceId
      ? { 'aks-baseline.io/resource-id': resourceId }
      : {},
  },
  spec: { type: 'kubernetes-cluster' },
});

const config = (aksBaseline: object) =>
  readPluginConfig(new ConfigReader({ aksBaseline }));

describe('selectClusters', () => {
  const fromCatalog = async () => [
    catalogCluster('prod', cluster(SUB_B, 'aks-prod')),
    catalogCluster('unannotated'),
  ];

  it('takes every cluster of the subscriptions a module source names, with the explicit ones', async () => {
    const selection = await selectClusters(
      config({ sources: ['config'], clusters: [cluster(SUB_B, 'aks-x')] }),
      async () => [],
      [
        {
          name: 'cmdb',
          selectClusters: async () => ({ subscriptions: [SUB_A] }),
        },
      ],
    );

    expect(selection).toMatchObject({
      all: true,
      subscriptions: [SUB_A, SUB_B],
      errors: [],
    });
    expect([...selection.ids]).toEqual([cluster(SUB_B, 'aks-x').toLowerCase()]);
  });

  it('scans every subscription the credential sees when any source asks for all', async () => {
    const selection = await selectClusters(
      config({ sources: ['azure'], subscriptions: [SUB_A] }),
      async () => [],
      [
        {
          name: 'everything',
          selectClusters: async () => ({ subscriptions: 'all' }),
        },
      ],
    );

    expect(selection.all).toBe(true);
    expect(selection.subscriptions).toBeUndefined();
  });

  it('reports a module source that fails, and refreshes the others', async () => {
    const selection = await selectClusters(
      config({ sources: ['config'], clusters: [cluster(SUB_A, 'aks-a')] }),
      async () => [],
      [
        {
          name: 'cmdb',
          selectClusters: async () => {
            throw new Error('cmdb unavailable');
          },
        },
      ],
    );

    expect(selection).toMatchObject({
      all: false,
      subscriptions: [SUB_A],
      errors: [
        {
          scope: 'cmdb',
          kind: 'source',
          message: 'cluster source cmdb failed: cmdb unavailable',
        },
      ],
    });
  });

  it('refuses what a module source answers when it is not a selection, naming the field', async () => {
    const selection = await selectClusters(
      config({ sources: ['catalog'] }),
      async () => [],
      [
        {
          name: 'cmdb',
          selectClusters: async () =>
            ({ subscriptions: ['prod'], clusterIds: [42] } as any),
        },
      ],
    );

    expect(selection.subscriptions).toEqual([]);
    expect(selection.errors).toEqual([
      {
        scope: 'cmdb',
        kind: 'source',
        message:
          'cluster source cmdb returned an invalid selection: subscriptions.0: must be a GUID; clusterIds.0: Expected string, received number',
      },
    ]);
  });

  it('takes every cluster the credential can see when azure names no subscriptions', async () => {
    const selection = await selectClusters(
      config({ sources: ['azure'] }),
      fromCatalog,
    );

    expect(selection.all).toBe(true);
    expect(selection.subscriptions).toBeUndefined();
    expect(selection.errors).toEqual([]);
    // The catalog still links rows to entity pages, without adding clusters.
    expect(selection.ids.size).toBe(0);
    expect(
      selection.entityRefs.get(cluster(SUB_B, 'aks-prod').toLowerCase()),
    ).toBe('resource:default/prod');
  });

  it('adds the subscriptions of explicit clusters to the configured ones', async () => {
    const selection = await selectClusters(
      config({
        sources: ['azure', 'config'],
        subscriptions: [SUB_A],
        clusters: [cluster(SUB_B, 'aks-x')],
      }),
      async () => [],
    );

    expect(selection.subscriptions).toEqual([SUB_A, SUB_B]);
    expect([...selection.ids]).toEqual([cluster(SUB_B, 'aks-x').toLowerCase()]);
  });

  it('takes only the configured and catalogued clusters, scanning only their subscriptions', async () => {
    const selection = await selectClusters(
      config({
        sources: ['config', 'catalog'],
        clusters: [cluster(SUB_A, 'aks-a')],
      }),
      fromCatalog,
    );

    expect(selection.all).toBe(false);
    expect([...selection.ids].sort()).toEqual(
      [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-prod')]
        .map(id => id.toLowerCase())
        .sort(),
    );
    expect(selection.subscriptions).toEqual([SUB_A, SUB_B]);
  });

  it('takes no cluster from an entity the catalog module discovered, and links rows to the hand-written entity', async () => {
    const discovered = (name: string, resourceId: string): Entity => {
      const entity = catalogCluster(name, resourceId);
      const location = 'aks-baseline-provider:discovered-clusters';
      entity.metadata.annotations!['backstage.io/managed-by-location'] =
        location;
      entity.metadata.annotations!['backstage.io/managed-by-origin-location'] =
        location;
      return entity;
    };
    const selection = await selectClusters(
      config({ sources: ['catalog'] }),
      async () => [
        catalogCluster('prod', cluster(SUB_B, 'aks-prod')),
        // The minute before the module withdraws its own entity.
        discovered('aks-prod-1a2b3c4d', cluster(SUB_B, 'AKS-PROD')),
        discovered('aks-gone-5e6f7a8b', cluster(SUB_A, 'aks-gone')),
      ],
    );

    expect([...selection.ids]).toEqual([
      cluster(SUB_B, 'aks-prod').toLowerCase(),
    ]);
    expect(selection.subscriptions).toEqual([SUB_B]);
    expect([...selection.entityRefs]).toEqual([
      [cluster(SUB_B, 'aks-prod').toLowerCase(), 'resource:default/prod'],
      [
        cluster(SUB_A, 'aks-gone').toLowerCase(),
        'resource:default/aks-gone-5e6f7a8b',
      ],
    ]);
  });

  it('ignores catalogued clusters unless the catalog is a source', async () => {
    const selection = await selectClusters(
      config({ sources: ['config'], clusters: [cluster(SUB_A, 'aks-a')] }),
      fromCatalog,
    );

    expect([...selection.ids]).toEqual([cluster(SUB_A, 'aks-a').toLowerCase()]);
    expect(selection.subscriptions).toEqual([SUB_A]);
  });

  it('reports a catalog annotation that is not a cluster id instead of scanning a subscription named ""', async () => {
    const selection = await selectClusters(
      config({ sources: ['catalog'] }),
      async () => [
        catalogCluster('trailing', `${cluster(SUB_A, 'aks-a')}/`),
        catalogCluster('group', `/subscriptions/${SUB_B}/resourceGroups/rg-x`),
      ],
    );

    // A trailing slash names the same cluster; the store keys on one spelling.
    expect([...selection.ids]).toEqual([cluster(SUB_A, 'aks-a').toLowerCase()]);
    expect([...selection.entityRefs.keys()]).toEqual([
      cluster(SUB_A, 'aks-a').toLowerCase(),
    ]);
    expect(selection.subscriptions).toEqual([SUB_A]);
    expect(selection.errors).toEqual([
      {
        scope: 'resource:default/group',
        kind: 'catalog',
        message: expect.stringMatching(
          /^annotation aks-baseline\.io\/resource-id is not a managed cluster resource id: /,
        ),
      },
    ]);
  });

  it('scans nothing rather than everything when the catalog cannot be read', async () => {
    const selection = await selectClusters(
      config({ sources: ['catalog'] }),
      async () => {
        throw new Error('catalog unavailable');
      },
    );

    // No subscriptions scanned: stored clusters are kept as stale, not
    // removed, and the run reports why.
    expect(selection).toMatchObject({
      all: false,
      subscriptions: [],
      errors: [
        {
          scope: 'catalog',
          kind: 'catalog',
          message: 'catalog clusters could not be read: catalog unavailable',
        },
      ],
    });
  });
});

describe('createInventoryCollector', () => {
  it('stops collecting when the refresh is abandoned', async () => {
    const settings = config({ sources: ['catalog'] });
    const collect = createInventoryCollector(
      settings,
      azureAccess(settings, {
        name: 'fixture',
        credential: new StaticTokenCredential(),
        openRefresh: async () => ({
          armHttpClient: new ArmFixtureTransport({
            resources: [],
            subscriptions: [SUB_A],
          }),
        }),
      }),
    );
    const controller = new AbortController();
    controller.abort();

    await expect(collect([SUB_A], controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
