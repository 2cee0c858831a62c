import {
  ClusterListFilters,
  ClusterSortKey,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Knex } from 'knex';

/** Attention order of a status, stored as `status_rank` so the database sorts by it. */
export const STATUS_RANK: Record<HopStatus, number> = {
  error: 0,
  warning: 1,
  'not-observed': 2,
  ok: 3,
};

export function statusRank(status: string): number {
  return STATUS_RANK[status as HopStatus] ?? STATUS_RANK.ok;
}

/** What `search_text` holds: every field the fleet search matches, lower-cased. */
export function searchText(fields: Array<string | undefined>): string {
  return fields
    .filter(f => f)
    .join(' ')
    .toLowerCase();
}

type Order = 'asc' | 'desc';
type OrderTerm = { column: string; order: Order; nulls?: 'first' | 'last' };

function flip(order: Order): Order {
  return order === 'asc' ? 'desc' : 'asc';
}

/**
 * The ORDER BY of each sort key. Every key ends with the primary key, so
 * rows that tie keep one order and offsets never skip or repeat a row.
 */
export function orderTerms(sort: ClusterSortKey, order: Order): OrderTerm[] {
  const byName: OrderTerm[] = [
    { column: 'name', order: 'asc' },
    { column: 'resource_id', order: 'asc' },
  ];
  const first = (column: string, nulls?: 'last'): OrderTerm[] => [
    { column, order, nulls },
    ...byName,
  ];
  switch (sort) {
    case 'attention':
      // Worst first, as the unpaged list sorted: status, stale, expiry, failures.
      return [
        { column: 'status_rank', order },
        { column: 'stale', order: flip(order) },
        { column: 'expiry_sort', order },
        { column: 'failing_controls', order: flip(order) },
        ...byName,
      ];
    case 'name':
      return [
        { column: 'name', order },
        { column: 'resource_id', order },
      ];
    case 'status':
      return first('status_rank');
    case 'expiry':
      // Without certificates sorts last ascending, first descending.
      return first('expiry_sort');
    case 'failingControls':
      return first('failing_controls');
    case 'subscription':
      return [
        { column: 'subscription_name', order, nulls: 'last' },
        ...first('subscription_id'),
      ];
    case 'region':
      return first('location');
    case 'owner':
      return first('owner', 'last');
    case 'refreshedAt':
      return first('refreshed_at');
    default:
      throw new Error(`Unknown sort key ${sort satisfies never}`);
  }
}

/**
 * Adds the ORDER BY. Nulls last is spelled out (`case when ... is null`):
 * knex's `nulls: 'last'` on SQLite orders by the null test alone and drops
 * the column's own order.
 */
export function applyOrder(
  query: Knex.QueryBuilder,
  terms: OrderTerm[],
): Knex.QueryBuilder {
  for (const { column, order, nulls } of terms) {
    if (nulls === 'last') {
      query.orderByRaw('case when ?? is null then 1 else 0 end', [column]);
    }
    query.orderBy(column, order);
  }
  return query;
}

/** `expiry_sort` of a cluster without certificates: after every date. */
export const NO_EXPIRY = '9999-12-31T23:59:59.999Z';

/** The `aks_cluster_list` row of a cluster: what the fleet list reads. */
export function clusterListRow(cluster: {
  resourceId: string;
  name: string;
  subscriptionId: string;
  subscriptionName?: string;
  resourceGroup: string;
  location: string;
  owner?: string;
  worstStatus: string;
  stale: boolean;
  staleReason?: string;
  soonestExpiry?: Date;
  failingControls: number;
  refreshedAt: Date;
  summary?: unknown;
}) {
  return {
    resource_id: cluster.resourceId,
    name: cluster.name,
    subscription_id: cluster.subscriptionId,
    subscription_name: cluster.subscriptionName ?? null,
    resource_group: cluster.resourceGroup,
    location: cluster.location,
    owner: cluster.owner ?? null,
    worst_status: cluster.worstStatus,
    status_rank: statusRank(cluster.worstStatus),
    stale: cluster.stale,
    stale_reason: cluster.staleReason ?? null,
    soonest_expiry: cluster.soonestExpiry?.toISOString() ?? null,
    expiry_sort: cluster.soonestExpiry?.toISOString() ?? NO_EXPIRY,
    failing_controls: cluster.failingControls,
    refreshed_at: cluster.refreshedAt.toISOString(),
    search_text: searchText([
      cluster.name,
      cluster.resourceGroup,
      cluster.owner,
      cluster.subscriptionName,
    ]),
    summary_json:
      cluster.summary === undefined ? null : JSON.stringify(cluster.summary),
  };
}

/**
 * The search condition: `search_text` contains the lower-cased text, every
 * character literal. A substring test (SQLite's `instr`, PostgreSQL's
 * `strpos`) rather than LIKE: no wildcards to escape, and SQLite's LIKE with
 * an ESCAPE clause compares a character at a time (about 4x slower over the
 * fleet's search texts).
 */
export function containsCondition(
  client: string,
  text: string,
): [sql: string, bindings: string[]] {
  const fn = /^(pg|postgres)/.test(client) ? 'strpos' : 'instr';
  return [`${fn}(search_text, ?) > 0`, [text.toLowerCase()]];
}

/** Narrows a query of `aks_clusters` to the rows matching the filters. */
export function applyFilters(
  query: Knex.QueryBuilder,
  filters: ClusterListFilters,
  now: Date,
): Knex.QueryBuilder {
  if (filters.status && filters.status.length > 0) {
    // By rank, one to one with the status: the attention index starts with it.
    query.whereIn(
      'status_rank',
      [...new Set(filters.status.map(statusRank))].sort(),
    );
  }
  const lists: Array<[string, string[] | undefined]> = [
    ['subscription_id', filters.subscriptionId?.map(s => s.toLowerCase())],
    ['location', filters.region],
    ['owner', filters.owner],
  ];
  for (const [column, values] of lists) {
    if (values && values.length > 0) {
      // Subscription ids are stored as ARM returned them; compare lower-cased
      // (an index holds lower(subscription_id)).
      if (column === 'subscription_id') {
        query.whereRaw(
          `lower(subscription_id) in (${values.map(() => '?').join(', ')})`,
          values,
        );
      } else {
        query.whereIn(column, values);
      }
    }
  }
  if (filters.expiringWithinDays !== undefined) {
    const until = new Date(
      now.getTime() + filters.expiringWithinDays * 86_400_000,
    );
    query.where('expiry_sort', '<=', until.toISOString());
  }
  if (filters.search) {
    const client = String(query.client.config.client);
    const [sql, bindings] = containsCondition(client, filters.search);
    query.whereRaw(sql, bindings);
  }
  return query;
}

/** The page's rows: filtered, in the sort's order, `offset` then `limit`. */
export function pageQuery(
  db: Knex,
  columns: string[],
  request: {
    filters: ClusterListFilters;
    sort: ClusterSortKey;
    order: Order;
    offset: number;
    limit: number;
    now: Date;
  },
): Knex.QueryBuilder {
  const { filters, sort, order, offset, limit, now } = request;
  return applyOrder(
    applyFilters(db('aks_cluster_list').select(columns), filters, now),
    orderTerms(sort, order),
  )
    .offset(offset)
    .limit(limit);
}

/** How many rows match the filters: an index range wherever a filter has one. */
export function countQuery(
  db: Knex,
  filters: ClusterListFilters,
  now: Date,
): Knex.QueryBuilder {
  return applyFilters(db('aks_cluster_list'), filters, now).count({
    total: '*',
  });
}
