import {
  CLUSTER_SORT_KEYS,
  ClusterListFilters,
  ClusterSortKey,
} from '@aks-baseline/plugin-aks-baseline-common';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { countQuery, pageQuery } from './clusterListQuery';
import { SnapshotStore } from './SnapshotStore';

const { databases, supported } = createTestDatabases();

const NOW = new Date('2026-12-07T12:00:00.000Z');

/**
 * Each page of the fleet list must be an index walk of `offset + limit`
 * entries, never a sort or scan of the fleet (issue #20: at 10,000 clusters
 * a sort per request cost 7-27 ms on the event loop). The databases' own
 * query planners judge it: SQLite's EXPLAIN QUERY PLAN must not sort the
 * whole result ("USE TEMP B-TREE FOR ORDER BY"; sorting ties of the last
 * terms within one index entry's group is allowed), and PostgreSQL, with
 * sequential scans and sorts priced out (`enable_seqscan`/`enable_sort`
 * off, as its documentation suggests for such checks), must still choose a
 * plan without a Sort or Seq Scan node.
 */
async function plan(
  knex: Knex,
  databaseId: string,
  query: Knex.QueryBuilder,
): Promise<string> {
  const { sql, bindings } = query.toSQL();
  if (databaseId.startsWith('SQLITE')) {
    const rows = await knex.raw(`explain query plan ${sql}`, bindings);
    return rows.map((r: { detail: string }) => r.detail).join('\n');
  }
  return knex.transaction(async tx => {
    await tx.raw('set local enable_seqscan = off');
    await tx.raw('set local enable_sort = off');
    const result = await tx.raw(`explain ${sql}`, bindings);
    return result.rows
      .map((r: Record<string, string>) => r['QUERY PLAN'])
      .join('\n');
  });
}

function sortsOrScans(databaseId: string, text: string): boolean {
  return databaseId.startsWith('SQLITE')
    ? /USE TEMP B-TREE FOR ORDER BY|^SCAN aks_cluster_list$/m.test(text)
    : /\bSort\b|Seq Scan/.test(text);
}

function scans(databaseId: string, text: string): boolean {
  return databaseId.startsWith('SQLITE')
    ? /^SCAN aks_cluster_list$/m.test(text)
    : /Seq Scan/.test(text);
}

describe.each(supported)('fleet list query plans on %s', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const store = await SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
    await store.saveRefresh({
      run: {
        startedAt: NOW,
        finishedAt: NOW,
        status: 'succeeded',
        clusterCount: 0,
        requestCount: 0,
        errors: [],
      },
      refreshed: [],
      failed: [],
      removed: [],
    });
  });

  const page = (
    sort: ClusterSortKey,
    order: 'asc' | 'desc',
    filters: ClusterListFilters = {},
  ) =>
    pageQuery(knex, ['resource_id', 'name', 'summary_json'], {
      filters,
      sort,
      order,
      offset: 4000,
      limit: 50,
      now: NOW,
    });

  it.each(
    CLUSTER_SORT_KEYS.flatMap(sort =>
      (['asc', 'desc'] as const).map(order => [sort, order] as const),
    ),
  )('walks an index for sort %s %s', async (sort, order) => {
    const text = await plan(knex, databaseId, page(sort, order));
    expect({
      sort,
      order,
      sorts: sortsOrScans(databaseId, text),
      text,
    }).toEqual(expect.objectContaining({ sorts: false }));
  });

  const filtered: Array<[ClusterListFilters, ClusterSortKey]> = [
    [{ status: ['error', 'warning'] }, 'attention'],
    [{ subscriptionId: ['6F1E4B7A-2C3D-4E5F-8A9B-0C1D2E3F4A5B'] }, 'attention'],
    [{ region: ['eastus2'] }, 'attention'],
    [{ owner: ['payments-team'] }, 'attention'],
    [{ region: ['eastus2'], owner: ['payments-team'] }, 'attention'],
    [{ expiringWithinDays: 30 }, 'expiry'],
  ];

  it.each(filtered)(
    'filters %j in %s order through an index, without sorting',
    async (filters, sort) => {
      const text = await plan(knex, databaseId, page(sort, 'asc', filters));
      expect({ filters, sorts: sortsOrScans(databaseId, text), text }).toEqual(
        expect.objectContaining({ sorts: false }),
      );
      const count = await plan(
        knex,
        databaseId,
        countQuery(knex, filters, NOW),
      );
      expect({ filters, scans: scans(databaseId, count), count }).toEqual(
        expect.objectContaining({ scans: false }),
      );
    },
  );

  it('searches in the default order by walking the attention index, not the table', async () => {
    const text = await plan(
      knex,
      databaseId,
      page('attention', 'asc', { search: 'payments' }),
    );
    expect({ sorts: sortsOrScans(databaseId, text), text }).toEqual(
      expect.objectContaining({ sorts: false }),
    );
  });
});
