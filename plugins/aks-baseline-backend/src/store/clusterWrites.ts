import { createHash } from 'node:crypto';
import { normalizeArmResourceId } from '@aks-baseline/plugin-aks-baseline-common';
import type { Knex } from 'knex';
import { clusterListRow } from './clusterListQuery';
import { encodeSnapshot } from './snapshotJson';
import type {
  CertificateObservation,
  RefreshResult,
  StoredCluster,
} from './SnapshotStore';

/**
 * Bound parameters per statement: SQLite before 3.32 allowed 999, and a
 * multi-row insert binds one per column and row.
 */
const MAX_PARAMETERS = 999;

/**
 * Writes refreshed clusters: each table in multi-row upserts (a batch of 200
 * clusters is a handful of statements, not three per cluster), and a
 * certificate observation only when it differs from the last one stored for
 * that cluster, purpose and name, so the table records rotations instead of
 * growing by every certificate at every refresh (at 10,000 clusters, three
 * certificates each and a refresh every 30 minutes, that was 1.4 million rows
 * a day).
 */
export async function writeClusters(
  tx: Knex.Transaction,
  refreshed: RefreshResult<unknown, unknown>['refreshed'],
  observedAt: string,
): Promise<void> {
  const latest = lastOfEachId(refreshed);
  const stored = latest.map(({ cluster }) => ({
    ...cluster,
    resourceId: normalizeArmResourceId(cluster.resourceId),
    stale: !!cluster.staleReason,
  }));
  const rows = stored.map(clusterToRow);
  const listRows = stored.map(clusterListRow);
  const digests = rows.map((row, i) => contentDigest(row, listRows[i]));
  const storedDigests = await contentDigests(
    tx,
    rows.map(r => r.resource_id),
  );
  // Stored as it is now: only its refresh time and stale flag change.
  const same = rows.map(
    (row, i) => !row.stale && storedDigests.get(row.resource_id) === digests[i],
  );
  await upsertRows(
    tx,
    'aks_clusters',
    rows.flatMap((row, i) =>
      same[i] ? [] : [{ ...row, content_digest: digests[i] }],
    ),
  );
  await upsertRows(
    tx,
    'aks_cluster_list',
    listRows.filter((_, i) => !same[i]),
  );
  await markRefreshed(
    tx,
    rows.filter((_, i) => same[i]),
  );
  const previous = await lastObservations(
    tx,
    stored.map(c => c.resourceId),
  );
  const changed = latest.flatMap(({ certificates }, i) =>
    certificates
      .filter(
        c =>
          !sameObservation(
            previous.get(observationKey(stored[i].resourceId, c)),
            c,
          ),
      )
      .map(c => observationRow(stored[i].resourceId, c, observedAt)),
  );
  await insertRows(tx, 'aks_certificate_observations', changed);
}

/**
 * What a cluster's rows hold besides their refresh time and stale flag: the
 * snapshot as stored and every column of both tables. Equal digests, equal
 * rows but for those three columns.
 */
function contentDigest(
  row: ReturnType<typeof clusterToRow>,
  listRow: ReturnType<typeof clusterListRow>,
): string {
  const { refreshed_at, stale, stale_reason, snapshot_json, ...columns } = row;
  const {
    refreshed_at: _listRefreshedAt,
    stale: _listStale,
    stale_reason: _listStaleReason,
    ...listColumns
  } = listRow;
  return createHash('sha1')
    .update(snapshot_json)
    .update(JSON.stringify([columns, listColumns]))
    .digest('base64');
}

/** Each stored cluster's content digest (absent: no row, or none yet). */
async function contentDigests(
  tx: Knex.Transaction,
  resourceIds: string[],
): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const slice of chunks(resourceIds, 500)) {
    const found = await tx('aks_clusters')
      .whereIn('resource_id', slice)
      .whereNotNull('content_digest')
      .select('resource_id', 'content_digest');
    for (const row of found) digests.set(row.resource_id, row.content_digest);
  }
  return digests;
}

/**
 * Rows whose content is unchanged: the refresh time and the stale flag in
 * both tables, and nothing else. Grouped by time: one statement per slice
 * of each.
 */
async function markRefreshed(
  tx: Knex.Transaction,
  rows: Array<{ resource_id: string; refreshed_at: string }>,
): Promise<void> {
  const byTime = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byTime.get(row.refreshed_at) ?? [];
    ids.push(row.resource_id);
    byTime.set(row.refreshed_at, ids);
  }
  for (const [refreshedAt, ids] of byTime) {
    await updateBothTables(tx, ids, {
      refreshed_at: refreshedAt,
      stale: false,
      stale_reason: null,
    });
  }
}

/** The same columns of these clusters in both tables, in bounded `IN` lists. */
async function updateBothTables(
  tx: Knex.Transaction,
  resourceIds: string[],
  values: Record<string, unknown>,
): Promise<void> {
  for (const slice of chunks(resourceIds, 500)) {
    for (const table of ['aks_clusters', 'aks_cluster_list']) {
      await tx(table).whereIn('resource_id', slice).update(values);
    }
  }
}

/** Marks clusters stale, in bounded `IN` lists. */
export async function markStale(
  tx: Knex.Transaction,
  failed: Array<{ resourceId: string; reason: string }>,
): Promise<void> {
  const byReason = new Map<string, string[]>();
  for (const { resourceId, reason } of failed) {
    const ids = byReason.get(reason) ?? [];
    ids.push(normalizeArmResourceId(resourceId));
    byReason.set(reason, ids);
  }
  for (const [reason, ids] of byReason) {
    await updateBothTables(tx, ids, { stale: true, stale_reason: reason });
  }
}

export function clusterToRow(cluster: StoredCluster<unknown>) {
  const refreshedAt = cluster.refreshedAt.toISOString();
  return {
    resource_id: normalizeArmResourceId(cluster.resourceId),
    name: cluster.name,
    subscription_id: cluster.subscriptionId,
    resource_group: cluster.resourceGroup,
    location: cluster.location,
    worst_status: cluster.worstStatus,
    soonest_expiry: cluster.soonestExpiry?.toISOString() ?? null,
    failing_controls: cluster.failingControls,
    refreshed_at: refreshedAt,
    stale: cluster.stale,
    stale_reason: cluster.staleReason ?? null,
    snapshot_json: encodeSnapshot(cluster.snapshot, refreshedAt),
    summary_json:
      cluster.summary === undefined ? null : JSON.stringify(cluster.summary),
  };
}

/**
 * One entry per cluster, the last given winning as sequential writes would:
 * PostgreSQL refuses an upsert that touches one row twice.
 */
function lastOfEachId<T extends { cluster: { resourceId: string } }>(
  refreshed: T[],
): T[] {
  const byId = new Map<string, T>();
  for (const entry of refreshed) {
    const id = normalizeArmResourceId(entry.cluster.resourceId);
    byId.delete(id);
    byId.set(id, entry);
  }
  return [...byId.values()];
}

async function upsertRows(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  for (const slice of rowChunks(rows)) {
    await tx(table).insert(slice).onConflict('resource_id').merge();
  }
}

async function insertRows(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  for (const slice of rowChunks(rows)) {
    await tx(table).insert(slice);
  }
}

interface StoredObservation {
  secretId?: string;
  notAfter?: number;
}

/** The latest stored observation of each certificate of these clusters. */
async function lastObservations(
  tx: Knex.Transaction,
  resourceIds: string[],
): Promise<Map<string, StoredObservation>> {
  const latest = new Map<string, StoredObservation>();
  for (const slice of chunks(resourceIds, 500)) {
    const rows = await tx('aks_certificate_observations')
      .whereIn('cluster_resource_id', slice)
      .orderBy([{ column: 'observed_at' }, { column: 'id' }])
      .select(
        'cluster_resource_id',
        'purpose',
        'name',
        'secret_id',
        'not_after',
      );
    for (const row of rows) {
      latest.set(observationKey(row.cluster_resource_id, row), {
        secretId: row.secret_id ?? undefined,
        notAfter: row.not_after ? new Date(row.not_after).getTime() : undefined,
      });
    }
  }
  return latest;
}

function observationKey(
  resourceId: string,
  certificate: { purpose: string; name: string },
): string {
  return JSON.stringify([resourceId, certificate.purpose, certificate.name]);
}

function sameObservation(
  stored: StoredObservation | undefined,
  observed: CertificateObservation,
): boolean {
  return (
    stored !== undefined &&
    stored.secretId === observed.secretId &&
    stored.notAfter === observed.notAfter?.getTime()
  );
}

function observationRow(
  resourceId: string,
  certificate: CertificateObservation,
  observedAt: string,
) {
  return {
    cluster_resource_id: resourceId,
    purpose: certificate.purpose,
    name: certificate.name,
    secret_id: certificate.secretId ?? null,
    not_after: certificate.notAfter?.toISOString() ?? null,
    observed_at: observedAt,
  };
}

function rowChunks<T extends Record<string, unknown>>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]).length;
  return chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / columns)));
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
