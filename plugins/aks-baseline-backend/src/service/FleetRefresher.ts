import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArmResource,
  ClusterSnapshot,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import type {
  FleetKubernetesRead,
  KubernetesFleetReader,
} from '../kubernetes/readFleet';
import type { TraefikSettings } from '../kubernetes/types';
import {
  ExpiryThresholds,
  indexInventory,
  resolveCluster,
  ResolverInventory,
  summarizeCluster,
} from '../resolver';
import { parseResourceId } from '../resolver/resolveCluster';
import { normalizeId, SnapshotStore } from '../store/SnapshotStore';

/** What one collection of the Azure inventory returns. */
export interface CollectedInventory extends ResolverInventory {
  errors: SourceError[];
  subscriptionsScanned: string[];
  requestCount: number;
}

/** The clusters the configured sources ask for. */
export interface ClusterSelection {
  /** Take every managed cluster in the scanned subscriptions (`azure`, `demo`). */
  all: boolean;
  /** Explicit cluster ids (`config`, `catalog`), lower-cased. */
  ids: Set<string>;
  /** Subscriptions to scan; undefined = every subscription the credential sees. */
  subscriptions?: string[];
  /** Catalog entity ref by lower-cased cluster id, to link fleet rows. */
  entityRefs: Map<string, string>;
  /** Why a source could not say which clusters it wants (e.g. the catalog is down). */
  errors?: SourceError[];
}

export interface RefreshOutcome {
  runId: number;
  status: 'succeeded' | 'partial' | 'failed';
  clusterCount: number;
  requestCount: number;
  /** Requests to API servers and `listClusterUserCredential` calls, when clusters were read. */
  kubernetesRequestCount?: number;
  errors: SourceError[];
  durationMs: number;
}

export interface FleetRefresherOptions {
  store: SnapshotStore;
  logger: LoggerService;
  select: () => Promise<ClusterSelection>;
  collect: (subscriptions?: string[]) => Promise<CollectedInventory>;
  thresholds: ExpiryThresholds;
  /** Said on in-cluster hops when clusters are not read at all. */
  kubernetesUnavailableReason: string;
  /** Reads the clusters' API servers (the I/O edge of the in-cluster hops). */
  readKubernetes?: KubernetesFleetReader;
  /** Where Traefik runs, for the resolver. */
  traefik?: TraefikSettings;
  /** Adds what each listener really serves (live TLS probe), when enabled. */
  probeServedCertificates?: (
    snapshots: ClusterSnapshot[],
  ) => Promise<ClusterSnapshot[]>;
  now?: () => Date;
}

/**
 * One refresh of the fleet: the inventory is collected once for all clusters
 * (requests grow with subscriptions and vaults, not clusters), each cluster is
 * resolved by pure functions, and the whole result is stored in one
 * transaction. A cluster that could not be refreshed keeps its last good
 * snapshot, marked stale.
 */
export class FleetRefresher {
  private inFlight?: Promise<RefreshOutcome>;

  constructor(private readonly options: FleetRefresherOptions) {}

  /** Concurrent callers in this process share one run. */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async run(): Promise<RefreshOutcome> {
    const { store, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    const startedAt = now();
    const selection = await this.options.select();

    let inventory: CollectedInventory;
    try {
      inventory = await this.options.collect(selection.subscriptions);
    } catch (error) {
      const errors: SourceError[] = [
        {
          scope: 'inventory',
          kind: 'subscription',
          message: String((error as Error)?.message ?? error),
        },
      ];
      const stored = await store.listSummaries();
      const runId = await store.saveRefresh({
        run: {
          startedAt,
          finishedAt: now(),
          status: 'failed',
          clusterCount: 0,
          requestCount: 0,
          errors,
        },
        refreshed: [],
        failed: stored.map(c => ({
          resourceId: c.resourceId,
          reason: errors[0].message,
        })),
        removed: [],
      });
      logger.error(`AKS baseline refresh failed: ${errors[0].message}`);
      return {
        runId,
        status: 'failed',
        clusterCount: 0,
        requestCount: 0,
        errors,
        durationMs: now().getTime() - startedAt.getTime(),
      };
    }

    const refreshedAt = now();
    const index = indexInventory(inventory);
    const vaultErrors = new Map(
      inventory.errors
        .filter(e => e.kind === 'vault')
        .map(e => [e.scope.toLowerCase(), e.message]),
    );
    const subscriptionErrors = (subscriptionId: string) =>
      inventory.errors.filter(
        e =>
          e.kind === 'subscription' &&
          e.scope.toLowerCase() === subscriptionId.toLowerCase(),
      );

    const clusters = inventory.managedClusters.filter(
      c => c.id && (selection.all || selection.ids.has(normalizeId(c.id))),
    );
    const kubernetes = await this.readKubernetes(clusters);
    const resolved = clusters.map(cluster => {
      const { subscriptionId } = parseResourceId(cluster.id!);
      const snapshot: ClusterSnapshot = {
        ...resolveCluster(cluster, index, {
          now: refreshedAt,
          thresholds: this.options.thresholds,
          vaultErrors,
          subscriptionErrors: subscriptionErrors(subscriptionId),
          kubernetesUnavailableReason: this.options.kubernetesUnavailableReason,
          kubernetes: kubernetes?.results.get(normalizeId(cluster.id!)),
          traefik: this.options.traefik,
        }),
        entityRef: selection.entityRefs.get(normalizeId(cluster.id!)),
      };
      return snapshot;
    });
    const snapshots = this.options.probeServedCertificates
      ? await this.options.probeServedCertificates(resolved)
      : resolved;
    const refreshed = snapshots.map(snapshot => {
      const summary = summarizeCluster(snapshot);
      return {
        cluster: {
          ...summary,
          soonestExpiry: summary.soonestExpiry?.notAfter
            ? new Date(summary.soonestExpiry.notAfter)
            : undefined,
          refreshedAt,
          snapshot,
          summary: { ...summary, entityRef: snapshot.entityRef },
        },
        certificates: snapshot.certificates.map(c => ({
          purpose: c.purpose,
          name: c.name,
          secretId: c.keyVaultSecretId,
          notAfter: c.notAfter ? new Date(c.notAfter) : undefined,
        })),
      };
    });

    const seen = new Set(clusters.map(c => normalizeId(c.id!)));
    const failedSubscriptions = new Set(
      inventory.errors
        .filter(e => e.kind === 'subscription')
        .map(e => e.scope.toLowerCase()),
    );
    const scanned = new Set(
      inventory.subscriptionsScanned.map(s => s.toLowerCase()),
    );
    const failed: Array<{ resourceId: string; reason: string }> = [];
    const removed: string[] = [];
    for (const stored of await store.listSummaries()) {
      if (seen.has(stored.resourceId)) continue;
      const subscription = stored.subscriptionId.toLowerCase();
      if (failedSubscriptions.has(subscription) || !scanned.has(subscription)) {
        failed.push({
          resourceId: stored.resourceId,
          reason:
            subscriptionErrors(subscription)[0]?.message ??
            `subscription ${subscription} was not scanned`,
        });
      } else {
        removed.push(stored.resourceId);
      }
    }

    const errors = [...(selection.errors ?? []), ...inventory.errors];
    const status = errors.length === 0 ? 'succeeded' : 'partial';
    const runId = await store.saveRefresh({
      run: {
        startedAt,
        finishedAt: now(),
        status,
        clusterCount: refreshed.length,
        requestCount: inventory.requestCount,
        errors,
      },
      refreshed,
      failed,
      removed,
    });
    const durationMs = now().getTime() - startedAt.getTime();
    const kubernetesRequestCount = kubernetes
      ? kubernetes.kubernetesRequestCount + kubernetes.armRequestCount
      : undefined;
    logger.info(
      `AKS baseline refresh ${status}: ${refreshed.length} clusters, ${
        inventory.requestCount
      } ARM requests${
        kubernetes
          ? `, ${kubernetes.armRequestCount} cluster credential and ${kubernetes.kubernetesRequestCount} Kubernetes requests`
          : ''
      }, ${errors.length} errors, ${durationMs} ms`,
    );
    return {
      runId,
      status,
      clusterCount: refreshed.length,
      requestCount: inventory.requestCount,
      kubernetesRequestCount,
      errors,
      durationMs,
    };
  }

  /**
   * The clusters' own API servers, read after the inventory (their
   * addresses come from it). Never fails the refresh: a reader that throws
   * leaves every cluster with its ARM half and the reason.
   */
  private async readKubernetes(
    clusters: ArmResource[],
  ): Promise<FleetKubernetesRead | undefined> {
    const read = this.options.readKubernetes;
    if (!read || clusters.length === 0) return undefined;
    try {
      return await read(clusters);
    } catch (error) {
      const reason = `the Kubernetes reader failed: ${
        (error as Error)?.message ?? error
      }`;
      this.options.logger.warn(`AKS baseline: ${reason}`);
      return {
        results: new Map(
          clusters.map(c => [
            normalizeId(c.id!),
            { unavailableReason: reason, notes: [], requestCount: 0 },
          ]),
        ),
        kubernetesRequestCount: 0,
        armRequestCount: 0,
      };
    }
  }
}
