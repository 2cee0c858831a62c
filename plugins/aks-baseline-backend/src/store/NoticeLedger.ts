import { normalizeArmResourceId } from '@aks-baseline/plugin-aks-baseline-common';
import { Knex } from 'knex';

const TABLE = 'aks_notices_sent';

/** One notice to owners: what it is about, and at which level. */
export interface NoticeKey {
  clusterResourceId: string;
  /** `certificate:<purpose>:<vault>/<name>` or `control:<id>`. */
  subject: string;
  /** The certificate's notAfter (a renewal is a new instance); '' for a control. */
  instance: string;
  level: string;
}

/**
 * The notices already sent to owners, so that repeated refreshes, restarts
 * and replicas send each one once. Claiming is the insert itself: the
 * database's unique key decides which caller sends, on PostgreSQL and SQLite
 * alike, with no read-then-write window between replicas.
 */
export class NoticeLedger {
  constructor(private readonly db: Knex) {}

  /** True when this caller won the notice and must send it. */
  async claim(key: NoticeKey, at: Date): Promise<boolean> {
    const inserted = await this.db(TABLE)
      .insert({ ...toRow(key), sent_at: at.toISOString() })
      .onConflict(['cluster_resource_id', 'subject', 'instance', 'level'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  /**
   * Forgets a notice: its send failed (a later refresh retries it), or its
   * certificate was renewed or its control passes again (told anew next time).
   */
  async forget(key: NoticeKey): Promise<void> {
    await this.db(TABLE).where(toRow(key)).delete();
  }

  /**
   * Every notice sent, by lower-cased cluster id. Rows exist only for what is
   * wrong now, so one read per refresh stays small.
   */
  async listSent(): Promise<Map<string, NoticeKey[]>> {
    const rows = await this.db(TABLE).select(
      'cluster_resource_id',
      'subject',
      'instance',
      'level',
    );
    const byCluster = new Map<string, NoticeKey[]>();
    for (const row of rows) {
      const key: NoticeKey = {
        clusterResourceId: row.cluster_resource_id,
        subject: row.subject,
        instance: row.instance,
        level: row.level,
      };
      byCluster.set(key.clusterResourceId, [
        ...(byCluster.get(key.clusterResourceId) ?? []),
        key,
      ]);
    }
    return byCluster;
  }
}

function toRow(key: NoticeKey) {
  return {
    cluster_resource_id: normalizeArmResourceId(key.clusterResourceId),
    subject: key.subject,
    instance: key.instance,
    level: key.level,
  };
}
