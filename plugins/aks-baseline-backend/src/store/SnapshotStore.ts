import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ClusterFilterOptions,
  ClusterListFilters,
  ClusterSortKey,
  normalizeArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Knex } from 'knex';
import {
  applyFilters,
  applyOrder,
  countQuery,
  orderTerms,
  pageQuery,
} from './clusterListQuery';
import { markStale, writeClusters } from './clusterWrites';
import { migrateToLatest } from './migrateToLatest';
import { decodeSnapshot } from './snapshotJson';
import { NoticeLedger } from './NoticeLedger';

const migrationsDir = resolvePackagePath(
  '@aks-baseline/plugin-aks-baseline-backend',
  'migrations',
);

/** The one row of `aks_data_generation`. */
const GENERATION_ROW = 1;

const SUMMARY_COLUMNS = [
  'resource_id',
  'name',
  'subscription_id',
  'resource_group',
  'location',
  'worst_status',
  'soonest_expiry',
  'failing_controls',
  'refreshed_at',
  'stale',
  'stale_reason',
  'owner',
  'subscription_name',
  'summary_json',
];

/** One cluster's latest state, with the columns the fleet list sorts on. */
export interface StoredCluster<TSnapshot = unknown> {
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  worstStatus: string;
  soonestExpiry?: Date;
  failingControls: number;
  refreshedAt: Date;
  stale: boolean;
  staleReason?: string;
  /** The cluster's `owner` tag, when it has one. */
  owner?: string;
  /** The subscription's display name, when Azure listed it. */
  subscriptionName?: string;
  snapshot: TSnapshot;
  /** What the fleet list shows, stored apart so listing never parses snapshots. */
  summary?: unknown;
}

/** A stored cluster without its snapshot: what the fleet list reads. */
export type StoredClusterSummary<TSummary = unknown> = Omit<
  StoredCluster,
  'snapshot' | 'summary'
> & { summary?: TSummary };

export interface CertificateObservation {
  purpose: string;
  name: string;
  secretId?: string;
  notAfter?: Date;
}

export interface RefreshRun<TError = unknown> {
  id?: number;
  startedAt: Date;
  finishedAt: Date;
  status: 'succeeded' | 'partial' | 'failed';
  clusterCount: number;
  requestCount: number;
  errors: TError[];
}

export interface RefreshResult<TSnapshot, TError> {
  run: RefreshRun<TError>;
  /**
   * Clusters refreshed in this run, with the certificates seen on them. A
   * `staleReason` says part of the data is kept from an earlier run.
   */
  refreshed: Array<{
    cluster: Omit<StoredCluster<TSnapshot>, 'stale'>;
    certificates: CertificateObservation[];
  }>;
  /** Clusters this run could not refresh: their last good snapshot is kept. */
  failed: Array<{ resourceId: string; reason: string }>;
  /** Clusters that no longer exist where the run could look. */
  removed: string[];
}

/** Which page of the fleet list, in which order. */
export interface SummaryPageRequest {
  filters: ClusterListFilters;
  sort: ClusterSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  /** When "expiring within N days" counts from. */
  now: Date;
}

/**
 * The plugin's database: the snapshot the API serves, so requests never wait
 * on Azure, and the history of refresh runs and certificate expiry.
 */
export class SnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SnapshotStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateToLatest(client, migrationsDir);
    }
    return new SnapshotStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** The notices already sent to owners, in the same database. */
  noticeLedger(): NoticeLedger {
    return new NoticeLedger(this.db);
  }

  /** Writes one refresh atomically, so readers never see half a fleet. */
  async saveRefresh<TSnapshot, TError>(
    result: RefreshResult<TSnapshot, TError>,
  ): Promise<number> {
    return this.db.transaction(async tx => {
      const [inserted] = await tx('aks_refresh_runs')
        .insert(runToRow(result.run))
        .returning('id');
      const runId = typeof inserted === 'object' ? inserted.id : inserted;

      await writeClusters(
        tx,
        result.refreshed,
        result.run.finishedAt.toISOString(),
      );

      await markStale(tx, result.failed);
      if (result.removed.length > 0) {
        // The list row first: its foreign key needs the cluster row.
        for (const table of ['aks_cluster_list', 'aks_clusters']) {
          await tx(table)
            .whereIn('resource_id', result.removed.map(normalizeArmResourceId))
            .delete();
        }
      }
      await bumpGeneration(tx);
      return Number(runId);
    });
  }

  /**
   * Writes refreshed clusters in one transaction, ahead of their run (a
   * streaming refresh writes each batch as it is resolved, so it never holds
   * the whole fleet's snapshots; `saveRefresh` then records the run). Each
   * cluster's rows change together; readers may see some clusters of a run
   * before the others.
   */
  async saveClusters<TSnapshot>(
    refreshed: RefreshResult<TSnapshot, unknown>['refreshed'],
    observedAt: Date,
  ): Promise<void> {
    if (refreshed.length === 0) return;
    await this.db.transaction(async tx => {
      await writeClusters(tx, refreshed, observedAt.toISOString());
      await bumpGeneration(tx);
    });
  }

  /**
   * The generation of the stored fleet: it grows with every committed write
   * of clusters or runs, by any replica. One primary-key read, so a reader
   * can ask per request whether answers it keeps still hold.
   */
  async dataGeneration(): Promise<number> {
    const row = await this.db('aks_data_generation')
      .where('id', GENERATION_ROW)
      .first('generation');
    // PostgreSQL returns a bigint as a string.
    return Number(row?.generation ?? 0);
  }

  /** The stored clusters with these ids (any case), snapshots included. */
  async getClusters<TSnapshot>(
    resourceIds: string[],
  ): Promise<StoredCluster<TSnapshot>[]> {
    const ids = [...new Set(resourceIds.map(normalizeArmResourceId))];
    const found: StoredCluster<TSnapshot>[] = [];
    // Bounded IN lists (SQLite allows 999 parameters in older builds).
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db('aks_clusters').whereIn(
        'resource_id',
        ids.slice(i, i + 500),
      );
      found.push(...rows.map(rowToCluster<TSnapshot>));
    }
    return found;
  }

  /** Every stored cluster's id and subscription: what a refresh compares with what it saw. */
  async listClusterIds(): Promise<
    Array<{ resourceId: string; subscriptionId: string }>
  > {
    const rows = await this.db('aks_cluster_list')
      .select('resource_id', 'subscription_id')
      .orderBy('name');
    return rows.map(r => ({
      resourceId: r.resource_id,
      subscriptionId: r.subscription_id,
    }));
  }

  async listClusters<TSnapshot>(): Promise<StoredCluster<TSnapshot>[]> {
    const rows = await this.db('aks_clusters').orderBy('name');
    return rows.map(rowToCluster<TSnapshot>);
  }

  /**
   * Every stored cluster, snapshot included, one row at a time (by name):
   * a reader that keeps a few fields of each never holds the fleet's
   * snapshots (about 46 KiB of JSON each).
   */
  async *streamClusters<TSnapshot>(): AsyncGenerator<StoredCluster<TSnapshot>> {
    const stream = this.db('aks_clusters').orderBy('name').stream();
    try {
      for await (const row of stream) {
        yield rowToCluster<TSnapshot>(row);
      }
    } finally {
      stream.destroy();
    }
  }

  async listSummaries<TSummary>(): Promise<StoredClusterSummary<TSummary>[]> {
    const rows = await this.db('aks_cluster_list')
      .select(SUMMARY_COLUMNS)
      .orderBy('name');
    return rows.map(row => rowToSummary<TSummary>(row));
  }

  /** One page of the fleet list, filtered and sorted by the database. */
  async pageSummaries<TSummary>(
    request: SummaryPageRequest,
  ): Promise<{ rows: StoredClusterSummary<TSummary>[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.pageRows<TSummary>(request),
      this.countSummaries(request.filters, request.now),
    ]);
    return { rows, total };
  }

  /** The rows of one page, without the count. */
  async pageRows<TSummary>(
    request: SummaryPageRequest,
  ): Promise<StoredClusterSummary<TSummary>[]> {
    const rows = await pageQuery(this.db, SUMMARY_COLUMNS, request);
    return rows.map((row: unknown) => rowToSummary<TSummary>(row));
  }

  /** How many stored clusters match the filters. */
  async countSummaries(
    filters: ClusterListFilters,
    now: Date,
  ): Promise<number> {
    const [row] = await countQuery(this.db, filters, now);
    // PostgreSQL counts as a bigint string, SQLite as a number.
    return Number(row.total);
  }

  /**
   * Every row matching the filters, in attention order, one at a time from
   * the database: a whole-fleet export never holds the fleet in memory.
   */
  async *streamSummaries<TSummary>(
    filters: ClusterListFilters,
    now: Date,
  ): AsyncGenerator<StoredClusterSummary<TSummary>> {
    const stream = applyOrder(
      applyFilters(
        this.db('aks_cluster_list').select(SUMMARY_COLUMNS),
        filters,
        now,
      ),
      orderTerms('attention', 'asc'),
    ).stream();
    try {
      for await (const row of stream) {
        yield rowToSummary<TSummary>(row);
      }
    } finally {
      // A client that hangs up mid-download must not leave the query open.
      stream.destroy();
    }
  }

  /** The values the fleet filters offer: distinct over the whole fleet. */
  async filterOptions(): Promise<ClusterFilterOptions> {
    const [subscriptions, regions, owners] = await Promise.all([
      this.db('aks_cluster_list')
        .distinct('subscription_id', 'subscription_name')
        .orderBy(['subscription_id', 'subscription_name']),
      this.db('aks_cluster_list').distinct('location').orderBy('location'),
      this.db('aks_cluster_list')
        .distinct('owner')
        .whereNotNull('owner')
        .orderBy('owner'),
    ]);
    return {
      subscriptions: subscriptions.map(r => ({
        id: r.subscription_id,
        name: r.subscription_name ?? undefined,
      })),
      regions: regions.map(r => r.location),
      owners: owners.map(r => r.owner),
    };
  }

  async getCluster<TSnapshot>(
    resourceId: string,
  ): Promise<StoredCluster<TSnapshot> | undefined> {
    const row = await this.db('aks_clusters')
      .where('resource_id', normalizeArmResourceId(resourceId))
      .first();
    return row ? rowToCluster<TSnapshot>(row) : undefined;
  }

  async certificateHistory(
    resourceId: string,
  ): Promise<Array<CertificateObservation & { observedAt: Date }>> {
    const rows = await this.db('aks_certificate_observations')
      .where('cluster_resource_id', normalizeArmResourceId(resourceId))
      .orderBy([{ column: 'observed_at' }, { column: 'id' }]);
    return rows.map(r => ({
      purpose: r.purpose,
      name: r.name,
      secretId: r.secret_id ?? undefined,
      notAfter: r.not_after ? new Date(r.not_after) : undefined,
      observedAt: new Date(r.observed_at),
    }));
  }

  async latestRun<TError>(): Promise<RefreshRun<TError> | undefined> {
    const row = await this.db('aks_refresh_runs').orderBy('id', 'desc').first();
    return row ? rowToRun<TError>(row) : undefined;
  }

  /** The `count` latest runs, newest first. */
  async latestRuns<TError>(count: number): Promise<RefreshRun<TError>[]> {
    const rows = await this.db('aks_refresh_runs')
      .orderBy('id', 'desc')
      .limit(count);
    return rows.map(row => rowToRun<TError>(row));
  }
}

/** Marks a write of the fleet's data, inside the transaction that writes it. */
async function bumpGeneration(tx: Knex.Transaction): Promise<void> {
  await tx('aks_data_generation')
    .where('id', GENERATION_ROW)
    .increment('generation', 1);
}

/** The rows of refreshed clusters and the certificates seen on them, inside `tx`. */
function rowToRun<TError>(row: any): RefreshRun<TError> {
  return {
    id: row.id,
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    status: row.status,
    clusterCount: row.cluster_count,
    requestCount: row.request_count,
    errors: JSON.parse(row.errors_json),
  };
}

function runToRow(run: RefreshRun<unknown>) {
  return {
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt.toISOString(),
    status: run.status,
    cluster_count: run.clusterCount,
    request_count: run.requestCount,
    errors_json: JSON.stringify(run.errors),
  };
}

function rowToSummary<TSummary>(row: any): StoredClusterSummary<TSummary> {
  return {
    resourceId: row.resource_id,
    name: row.name,
    subscriptionId: row.subscription_id,
    resourceGroup: row.resource_group,
    location: row.location,
    worstStatus: row.worst_status,
    soonestExpiry: row.soonest_expiry
      ? new Date(row.soonest_expiry)
      : undefined,
    failingControls: row.failing_controls,
    refreshedAt: new Date(row.refreshed_at),
    // SQLite returns 0/1, PostgreSQL a boolean.
    stale: Boolean(row.stale),
    staleReason: row.stale_reason ?? undefined,
    owner: row.owner ?? undefined,
    subscriptionName: row.subscription_name ?? undefined,
    summary: row.summary_json ? JSON.parse(row.summary_json) : undefined,
  };
}

function rowToCluster<TSnapshot>(row: any): StoredCluster<TSnapshot> {
  return {
    ...rowToSummary(row),
    snapshot: decodeSnapshot(
      row.snapshot_json,
      new Date(row.refreshed_at).toISOString(),
    ) as TSnapshot,
  };
}
