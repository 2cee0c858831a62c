import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from '../config/pluginConfig';
import { DEMO_SUBSCRIPTIONS } from '../demo/demoEstate';
import { createInventoryCollector, selectClusters } from './clusterSources';

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

  it('takes every demo cluster in the demo subscriptions', async () => {
    const selection = await selectClusters(
      config({ sources: ['demo'] }),
      async () => [],
    );

    expect(selection).toMatchObject({
      all: true,
      subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
    });
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

  it('ignores catalogued clusters unless the catalog is a source', async () => {
    const selection = await selectClusters(
      config({ sources: ['config'], clusters: [cluster(SUB_A, 'aks-a')] }),
      fromCatalog,
    );

    expect([...selection.ids]).toEqual([cluster(SUB_A, 'aks-a').toLowerCase()]);
    expect(selection.subscriptions).toEqual([SUB_A]);
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

  it('refuses to mix the demo estate with real Azure sources', () => {
    expect(() => config({ sources: ['demo', 'azure'] })).toThrow(
      /demo source cannot be combined/,
    );
  });
});

describe('createInventoryCollector', () => {
  it('stops collecting when the refresh is abandoned', async () => {
    const collect = createInventoryCollector(config({ sources: ['demo'] }));
    const controller = new AbortController();
    controller.abort();

    await expect(collect(undefined, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
