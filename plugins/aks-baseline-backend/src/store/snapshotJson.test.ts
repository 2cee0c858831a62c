import { mockServices } from '@backstage/backend-test-utils';
import { BASELINE_CONTROLS } from '@aks-baseline/plugin-aks-baseline-common';
import { SnapshotStore } from './SnapshotStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { buildBenchEstate } from '../__testUtils__/baselineStampEstate';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { resolveOptionsAt } from '../__testUtils__/resolveOptions';
import { indexInventory, resolveClusterWithGaps } from '../resolver';

const { databases, supported } = createTestDatabases();
const NOW = new Date('2026-12-07T10:00:00.000Z');

/** What the resolver makes of a baseline stamp: the snapshot the store is given. */
function resolvedStamp() {
  const inventory = inventoryOf(buildBenchEstate(1, 1, NOW));
  const cluster = inventory.managedClusters[0];
  const { snapshot } = resolveClusterWithGaps(
    cluster,
    indexInventory(inventory),
    resolveOptionsAt(NOW),
  );
  return { cluster, snapshot: snapshot as unknown as Record<string, unknown> };
}

describe.each(supported)('stored snapshots on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    const store = await SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  async function save(
    store: SnapshotStore,
    resourceId: string,
    snapshot: unknown,
  ) {
    await store.saveRefresh({
      run: {
        startedAt: NOW,
        finishedAt: NOW,
        status: 'succeeded',
        clusterCount: 1,
        requestCount: 1,
        errors: [],
      },
      refreshed: [
        {
          cluster: {
            resourceId,
            name: 'aks',
            subscriptionId: 'sub',
            resourceGroup: 'rg',
            location: 'westeurope',
            worstStatus: 'pass',
            failingControls: 0,
            refreshedAt: NOW,
            snapshot,
          },
          certificates: [],
        },
      ],
      failed: [],
      removed: [],
    });
  }

  it("reads back exactly what the resolver made, key order included, storing only the verdicts, not the catalogue's definitions", async () => {
    const { knex, store } = await createStore();
    const { cluster, snapshot } = resolvedStamp();
    await save(store, cluster.id!, snapshot);

    const [read] = await store.listClusters();
    expect(JSON.stringify(read.snapshot)).toBe(JSON.stringify(snapshot));

    const row = await knex('aks_clusters').first('snapshot_json');
    const stored = JSON.parse(row.snapshot_json);
    expect(stored.controls).toHaveLength(BASELINE_CONTROLS.length);
    for (const control of stored.controls) {
      expect(Object.keys(control)).not.toContain('remediation');
      expect(Object.keys(control)).not.toContain('title');
      expect(control.status).toEqual(expect.any(String));
    }
    expect(row.snapshot_json.length).toBeLessThan(
      0.7 * JSON.stringify(snapshot).length,
    );
  });

  it('keeps what differs from the catalogue, and controls it does not know, as given', async () => {
    const { store } = await createStore();
    const [first, second] = BASELINE_CONTROLS;
    const snapshot = {
      controls: [
        {
          ...first,
          title: 'a title of its own',
          status: 'pass',
          found: 'x',
          reason: 'y',
        },
        {
          ...second,
          status: 'fail',
          found: 'x',
          reason: 'y',
          resourceId: '/r',
        },
        {
          id: 'OLD-99',
          title: 'a retired control',
          status: 'warning',
          found: '',
          reason: '',
        },
      ],
    };
    await save(store, '/subscriptions/s/rg/aks', snapshot);
    const [read] = await store.listClusters();
    expect(read.snapshot).toEqual(snapshot);
  });

  it('reads rows written in full by earlier releases unchanged', async () => {
    const { knex, store } = await createStore();
    const { cluster, snapshot } = resolvedStamp();
    await save(store, cluster.id!, { controls: [] });
    await knex('aks_clusters').update({
      snapshot_json: JSON.stringify(snapshot),
    });
    const [read] = await store.listClusters();
    expect(JSON.stringify(read.snapshot)).toBe(JSON.stringify(snapshot));
  });
});
