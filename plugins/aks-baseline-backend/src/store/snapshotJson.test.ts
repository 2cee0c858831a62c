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
    at: { refreshedAt?: Date; staleReason?: string } = {},
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
            refreshedAt: at.refreshedAt ?? NOW,
            staleReason: at.staleReason,
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

  describe('a cluster refreshed without changes', () => {
    const LATER = new Date(NOW.getTime() + 30 * 60 * 1000);
    /** The stamp as a refresh at `at` makes it: its times are the refresh's. */
    function stampAt(at: Date) {
      const { cluster, snapshot } = resolvedStamp();
      return {
        cluster,
        snapshot: {
          ...snapshot,
          refreshedAt: at.toISOString(),
          partsReadAt: {
            topology: at.toISOString(),
            certificates: NOW.toISOString(),
            governance: NOW.toISOString(),
          },
        },
      };
    }
    /** The SQL a save runs, lower-cased. */
    function statementsOf(
      knex: Awaited<ReturnType<typeof createStore>>['knex'],
    ) {
      const statements: string[] = [];
      knex.on('query', (query: { sql: string }) =>
        statements.push(query.sql.toLowerCase()),
      );
      return statements;
    }
    /** The statements that wrote `aks_clusters`: `insert` (a full row) or `update`. */
    const writesOfClusters = (
      statements: string[],
      verb = 'insert into|update',
    ) =>
      statements.filter(sql =>
        new RegExp(`^(${verb}) [\`"]?aks_clusters[\`"]? `).test(sql),
      );

    it('updates only its refresh time; reading it gives the new times', async () => {
      const { knex, store } = await createStore();
      const first = stampAt(NOW);
      await save(store, first.cluster.id!, first.snapshot);
      const before = await knex('aks_clusters').first(
        'snapshot_json',
        'content_digest',
      );
      const statements = statementsOf(knex);

      const again = stampAt(LATER);
      await save(store, again.cluster.id!, again.snapshot, {
        refreshedAt: LATER,
      });

      const after = await knex('aks_clusters').first(
        'snapshot_json',
        'content_digest',
        'refreshed_at',
      );
      expect(before.content_digest).toEqual(expect.any(String));
      expect(after.snapshot_json).toBe(before.snapshot_json);
      expect(new Date(after.refreshed_at).toISOString()).toBe(
        LATER.toISOString(),
      );
      const writes = writesOfClusters(statements);
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^update/);
      expect(writes[0]).not.toContain('snapshot_json');

      const [read] = await store.listClusters();
      expect(JSON.stringify(read.snapshot)).toBe(
        JSON.stringify(again.snapshot),
      );
      expect(read.refreshedAt).toEqual(LATER);
      const [listed] = await store.listSummaries();
      expect(listed.refreshedAt).toEqual(LATER);
    });

    it('writes it in full when it changed, or when it was or becomes stale', async () => {
      const { knex, store } = await createStore();
      const { cluster, snapshot } = stampAt(NOW);
      await save(store, cluster.id!, snapshot);
      const statements = statementsOf(knex);
      const fullWrites = () =>
        writesOfClusters(statements, 'insert into').length;

      const changed = { ...stampAt(LATER).snapshot, owner: 'team-b' };
      await save(store, cluster.id!, changed, { refreshedAt: LATER });
      expect(fullWrites()).toBe(1);
      expect((await store.listClusters())[0].snapshot).toMatchObject({
        owner: 'team-b',
      });

      await save(store, cluster.id!, changed, {
        refreshedAt: LATER,
        staleReason: 'the vault list failed',
      });
      expect(fullWrites()).toBe(2);
      expect((await store.listClusters())[0].staleReason).toBe(
        'the vault list failed',
      );

      // The same snapshot, fresh again: the stale flag is cleared.
      await save(store, cluster.id!, changed, { refreshedAt: LATER });
      const [read] = await store.listClusters();
      expect(read.stale).toBe(false);
      expect(read.staleReason).toBeUndefined();
      const [listed] = await store.listSummaries();
      expect(listed.stale).toBe(false);
    });

    it('writes rows stored before digests in full once', async () => {
      const { knex, store } = await createStore();
      const { cluster, snapshot } = stampAt(NOW);
      await save(store, cluster.id!, snapshot);
      await knex('aks_clusters').update({ content_digest: null });
      const statements = statementsOf(knex);

      await save(store, cluster.id!, stampAt(LATER).snapshot, {
        refreshedAt: LATER,
      });

      expect(writesOfClusters(statements, 'insert into')).toHaveLength(1);
      expect(
        (await knex('aks_clusters').first('content_digest')).content_digest,
      ).toEqual(expect.any(String));
    });
  });
});
