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
  await upsertRows(tx, 'aks_clusters', stored.map(clusterToRow));
  await upsertRows(tx, 'aks_cluster_list', stored.map(clusterListRow));
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
    for (const slice of chunks(ids, 500)) {
      for (const table of ['aks_clusters', 'aks_cluster_list']) {
        await tx(table)
          .whereIn('resource_id', slice)
          .update({ stale: true, stale_reason: reason });
      }
    }
  }
}

export function clusterToRow(cluster: StoredCluster<unknown>) {
  return {
    resource_id: normalizeArmResourceId(cluster.resourceId),
    name: cluster.name,
    subscription_id: cluster.subscriptionId,
    resource_group: cluster.resourceGroup,
    location: cluster.location,
    worst_status: cluster.worstStatus,
    soonest_expiry: cluster.soonestExpiry?.toISOString() ?? null,
    failing_controls: cluster.failingControls,
    refreshed_at: cluster.refreshedAt.toISOString(),
    stale: cluster.stale,
    stale_reason: cluster.staleReason ?? null,
    snapshot_json: encodeSnapshot(cluster.snapshot),
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
