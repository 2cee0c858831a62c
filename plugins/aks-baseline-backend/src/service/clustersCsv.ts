import { ClusterSummary } from '@aks-baseline/plugin-aks-baseline-common';
import { once } from 'node:events';
import { Writable } from 'node:stream';

/** The export's columns: a header and how each row fills it. */
const COLUMNS: Array<[string, (c: ClusterSummary) => unknown]> = [
  ['name', c => c.name],
  ['status', c => c.worstStatus],
  ['access', c => c.accessDenied ?? ''],
  ['reasons', c => c.reasons.join('; ')],
  ['soonest_expiry', c => c.soonestExpiry?.notAfter ?? ''],
  ['soonest_expiry_certificate', c => c.soonestExpiry?.name ?? ''],
  ['failing_controls', c => c.failingControls],
  ['owner', c => c.owner ?? ''],
  ['subscription_id', c => c.subscriptionId],
  ['subscription_name', c => c.subscriptionName ?? ''],
  ['resource_group', c => c.resourceGroup],
  ['region', c => c.location],
  ['refreshed_at', c => c.refreshedAt],
  ['stale_reason', c => (c.stale ? c.staleReason ?? 'stale' : '')],
  ['entity_ref', c => c.entityRef ?? ''],
  ['resource_id', c => c.resourceId],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) gets a leading apostrophe: names and reasons come from Azure.
 */
export function csvField(value: unknown): string {
  let text = String(value ?? '');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export const CSV_HEADER = csvLine(COLUMNS.map(([header]) => header));

export function clusterCsvLine(cluster: ClusterSummary): string {
  return csvLine(COLUMNS.map(([, value]) => value(cluster)));
}

/**
 * Writes the rows as they come from the database, waiting whenever the
 * client reads slower than the store: memory stays one row, whatever the
 * fleet.
 */
export async function writeClustersCsv(
  out: Writable,
  clusters: AsyncIterable<ClusterSummary>,
): Promise<void> {
  out.write(CSV_HEADER);
  for await (const cluster of clusters) {
    if (out.destroyed) return;
    if (!out.write(clusterCsvLine(cluster))) {
      await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
  }
  out.end();
}
