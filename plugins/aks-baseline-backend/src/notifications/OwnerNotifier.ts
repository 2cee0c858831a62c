import { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { normalizeArmResourceId } from '@aks-baseline/plugin-aks-baseline-common';
import { NoticeKey, NoticeLedger } from '../store/NoticeLedger';
import type { AppOnHost, AppsServing } from './catalogApps';
import { describeNotice } from './describeNotice';
import {
  CertificateLevel,
  obsoleteNotices,
  PlannedNotice,
  planNotices,
  unsentNotices,
} from './planNotices';

/** `aksBaseline.notifications`, as validated. */
export interface NotificationsConfig {
  enabled: boolean;
  certificateLevels: CertificateLevel[];
  clusterNoticesTo: 'owner' | 'none';
}

/** A refreshed cluster, and whether its certificates were seen in this refresh. */
export interface NotifiedCluster {
  snapshot: ClusterSnapshot;
  certificatesObserved: boolean;
}

/** What one pass sent, per notice. */
export interface NotifyOutcome {
  sent: number;
  /** Due, but no entity to tell (no catalog entity, no app on its hosts). */
  unaddressed: number;
  /** Send failed: given back, retried at the next refresh. */
  failed: number;
  /** Claimed first by another replica or refresh running at the same time. */
  taken: number;
}

export interface OwnerNotifierOptions {
  ledger: Pick<NoticeLedger, 'claim' | 'forget' | 'listSent'>;
  notifications: NotificationService;
  appsServing: AppsServing;
  /**
   * The catalog's cluster entities by lower-cased cluster id, for snapshots
   * refreshed before the catalog had them (the first refresh after a start).
   */
  entityLinks?: () => Promise<Map<string, string>>;
  config: NotificationsConfig;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * Tells owners what a refresh found: certificates that reached a level and
 * controls that started failing. The plan is pure (planNotices); the ledger
 * makes each notice go out once, whichever replica or restart gets there.
 * A cluster whose notices fail (catalog down) is retried at the next refresh.
 */
export class OwnerNotifier {
  /** Clusters of the last pass with notices left unsent, for `retryLeftovers`. */
  private leftovers: NotifiedCluster[] = [];

  constructor(private readonly options: OwnerNotifierOptions) {}

  /**
   * Sends what the last pass could not (a send failed, the catalog was down
   * or did not have the entities yet), until the next refresh replaces it.
   */
  async retryLeftovers(): Promise<NotifyOutcome> {
    return this.notify(this.leftovers);
  }

  /**
   * `continuing`: these clusters are a later batch of the same refresh, so
   * what this pass cannot send is added to the earlier batches' leftovers
   * instead of replacing them.
   */
  async notify(
    clusters: NotifiedCluster[],
    options: { continuing?: boolean } = {},
  ): Promise<NotifyOutcome> {
    const total = noOutcome();
    const leftovers: NotifiedCluster[] = options.continuing
      ? [...this.leftovers]
      : [];
    if (clusters.length === 0) return total;
    const sent = await this.options.ledger.listSent();
    const links = await this.entityLinks();
    for (const cluster of clusters) {
      const { snapshot } = cluster;
      try {
        const outcome = await this.notifyCluster(
          {
            ...cluster,
            snapshot: {
              ...snapshot,
              entityRef:
                snapshot.entityRef ??
                links.get(normalizeArmResourceId(snapshot.resourceId)),
            },
          },
          sent.get(normalizeArmResourceId(snapshot.resourceId)) ?? [],
        );
        if (outcome.failed + outcome.unaddressed > 0) leftovers.push(cluster);
        for (const k of Object.keys(total) as Array<keyof NotifyOutcome>) {
          total[k] += outcome[k];
        }
      } catch (error) {
        leftovers.push(cluster);
        this.options.logger.warn(
          `AKS baseline: could not notify the owners of ${
            cluster.snapshot.name
          }, retrying at the next refresh: ${
            (error as Error)?.message ?? error
          }`,
        );
      }
    }
    this.leftovers = leftovers;
    if (total.sent + total.failed + total.unaddressed > 0) {
      this.options.logger.info(
        `AKS baseline notices: ${total.sent} sent, ${total.failed} failed (retried next refresh), ${total.unaddressed} with no entity to tell`,
      );
    }
    return total;
  }

  /** The catalog's links; none when it does not answer (the snapshot's own stand). */
  private async entityLinks(): Promise<Map<string, string>> {
    try {
      return (await this.options.entityLinks?.()) ?? new Map();
    } catch {
      return new Map();
    }
  }

  private async notifyCluster(
    cluster: NotifiedCluster,
    sent: NoticeKey[],
  ): Promise<NotifyOutcome> {
    const { ledger, config } = this.options;
    const { snapshot } = cluster;
    const plan = planNotices(snapshot, {
      certificateLevels: config.certificateLevels,
      controls: config.clusterNoticesTo === 'owner',
      certificatesObserved: cluster.certificatesObserved,
    });
    for (const obsolete of obsoleteNotices(sent, plan.resets)) {
      await ledger.forget(obsolete);
    }
    const outcome = noOutcome();
    const due = unsentNotices(plan.notices, sent);
    if (due.length === 0) return outcome;
    const apps = await this.options.appsServing(
      [...new Set(due.flatMap(n => (n.kind === 'certificate' ? n.hosts : [])))],
      snapshot.entityRef,
    );
    for (const notice of due) {
      const recipients = recipientsOf(notice, snapshot, apps);
      if (recipients.length === 0) {
        outcome.unaddressed += 1;
        continue;
      }
      outcome[await this.sendOnce(notice, snapshot, recipients)] += 1;
    }
    return outcome;
  }

  /** Claims the notice, then sends it; a failed send gives the claim back. */
  private async sendOnce(
    notice: PlannedNotice,
    snapshot: ClusterSnapshot,
    recipients: string[],
  ): Promise<'sent' | 'failed' | 'taken'> {
    const { ledger, notifications, logger } = this.options;
    const key: NoticeKey = {
      clusterResourceId: snapshot.resourceId,
      subject: notice.subject,
      instance: notice.instance,
      level: notice.level,
    };
    const now = (this.options.now ?? (() => new Date()))();
    if (!(await ledger.claim(key, now))) return 'taken';
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: describeNotice(notice, snapshot),
      });
      return 'sent';
    } catch (error) {
      await ledger.forget(key);
      logger.warn(
        `AKS baseline: notice ${notice.subject} (${notice.level}) on ${
          snapshot.name
        } not sent, retrying at the next refresh: ${
          (error as Error)?.message ?? error
        }`,
      );
      return 'failed';
    }
  }
}

/**
 * Entity refs to tell; the notifications backend resolves each to its
 * owner's users. A certificate: the cluster and the apps on its hosts. A
 * control: the cluster, when cluster notices go to its owner.
 */
function recipientsOf(
  notice: PlannedNotice,
  snapshot: ClusterSnapshot,
  apps: AppOnHost[],
): string[] {
  const cluster = snapshot.entityRef ? [snapshot.entityRef] : [];
  if (notice.kind === 'control') return cluster;
  const served = apps
    .filter(app => notice.hosts.includes(app.host))
    .map(app => app.entityRef);
  return [...new Set([...cluster, ...served])];
}

function noOutcome(): NotifyOutcome {
  return { sent: 0, unaddressed: 0, failed: 0, taken: 0 };
}
