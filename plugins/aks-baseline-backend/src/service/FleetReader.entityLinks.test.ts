import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_RESOURCE_ID } from '@aks-baseline/plugin-aks-baseline-common';
import {
  cachedEntityLinks,
  entityRefsByClusterId,
} from '../sources/clusterSources';
import { SnapshotStore } from '../store/SnapshotStore';
import { FleetReader } from './FleetReader';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const PROD =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const DEV =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev';
const AT = new Date('2026-11-26T10:00:00.000Z');

/** A store whose last refresh linked DEV but ran before the catalog knew PROD. */
async function storeRefreshedBeforeTheCatalog() {
  const store = await SnapshotStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
  const row = (resourceId: string, name: string, entityRef?: string) => ({
    cluster: {
      resourceId,
      name,
      subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      resourceGroup: `rg-${name}`,
      location: 'westeurope',
      worstStatus: 'ok',
      failingControls: 0,
      refreshedAt: AT,
      snapshot: { resourceId, entityRef },
      summary: { resourceId, entityRef },
    },
    certificates: [],
  });
  await store.saveRefresh({
    run: {
      startedAt: AT,
      finishedAt: AT,
      status: 'succeeded',
      clusterCount: 2,
      requestCount: 20,
      errors: [],
    },
    refreshed: [
      row(PROD, 'aks-prod'),
      row(DEV, 'aks-dev', 'resource:platform/aks-dev-by-hand'),
    ],
    failed: [],
    removed: [],
  });
  return store;
}

/** A catalog cluster entity carrying the resource id as the README says. */
function clusterEntity(name: string, resourceId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [ANNOTATION_RESOURCE_ID]: resourceId },
    },
    spec: { type: 'kubernetes-cluster' },
  };
}

const linksOf = async (reader: FleetReader) =>
  Object.fromEntries(
    (await reader.listClusters()).clusters.map(c => [c.name, c.entityRef]),
  );

describe('the fleet list links rows the last refresh could not', () => {
  it('links a row from the catalog as it is now, keeping links the refresh made', async () => {
    const catalog = jest.fn(async () => [
      // Ids are case-insensitive in ARM; the annotation may differ in case.
      clusterEntity('aks-prod', PROD.toUpperCase()),
      clusterEntity('aks-dev', DEV),
    ]);
    const reader = new FleetReader(
      await storeRefreshedBeforeTheCatalog(),
      cachedEntityLinks(mockServices.cache.mock(), catalog),
    );

    expect(await linksOf(reader)).toEqual({
      'aks-prod': 'resource:default/aks-prod',
      'aks-dev': 'resource:platform/aks-dev-by-hand',
    });
  });

  it('reads the catalog once for many lists while the cache holds the links', async () => {
    const catalog = jest.fn(async () => [clusterEntity('aks-prod', PROD)]);
    const entries = new Map<string, unknown>();
    const cache = mockServices.cache.mock({
      get: jest.fn(async (key: string) => entries.get(key)) as any,
      set: jest.fn(async (key: string, value: unknown) => {
        entries.set(key, value);
      }),
    });
    const reader = new FleetReader(
      await storeRefreshedBeforeTheCatalog(),
      cachedEntityLinks(cache, catalog),
    );

    await linksOf(reader);
    await linksOf(reader);
    expect((await linksOf(reader))['aks-prod']).toBe(
      'resource:default/aks-prod',
    );

    expect(catalog).toHaveBeenCalledTimes(1);
    expect(cache.set).toHaveBeenCalledWith(
      'entity-links',
      { [PROD.toLowerCase()]: 'resource:default/aks-prod' },
      { ttl: 60_000 },
    );
  });

  it('links a kept page as the catalog is now, without a write of the fleet', async () => {
    let catalogEntities: Entity[] = [];
    const reader = new FleetReader(
      await storeRefreshedBeforeTheCatalog(),
      async () => entityRefsByClusterId(catalogEntities),
    );
    const page = async () => {
      const { body, page: answer } = await reader.listClusterPage({
        filters: {},
        sort: 'name',
        order: 'asc',
        offset: 0,
        limit: 20,
        now: AT,
      });
      expect(JSON.parse(body)).toEqual(answer);
      return Object.fromEntries(
        answer.clusters.map(c => [c.name, c.entityRef]),
      );
    };

    expect((await page())['aks-prod']).toBeUndefined();
    catalogEntities = [clusterEntity('aks-prod', PROD)];

    expect(await page()).toEqual({
      'aks-prod': 'resource:default/aks-prod',
      'aks-dev': 'resource:platform/aks-dev-by-hand',
    });
  });

  it('lists the fleet unlinked when the catalog is down', async () => {
    const reader = new FleetReader(
      await storeRefreshedBeforeTheCatalog(),
      cachedEntityLinks(mockServices.cache.mock(), async () => {
        throw new Error('catalog unavailable');
      }),
    );

    expect(await linksOf(reader)).toEqual({
      'aks-prod': undefined,
      'aks-dev': 'resource:platform/aks-dev-by-hand',
    });
  });
});
