import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArmResource,
  ClusterSnapshot,
  normalizeArmResourceId,
  parseArmId,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { FailedListing, SlowTierReadTimes } from '../inventory';
import type {
  FleetKubernetesRead,
  KubernetesFleetReader,
} from '../kubernetes/readFleet';
import type { TraefikSettings } from '../kubernetes/types';
import {
  ExpiryThresholds,
  indexInventory,
  ResolverInventory,
  summarizeCluster,
  describeFailure,
  KeptSnapshot,
  keepLastGood,
  subscriptionsUsedBy,
  ResolvedCluster,
  resolveClusterWithGaps,
  backendTargets,
  ownerTag,
} from '../resolver';
import type { BackendTarget, InventoryIndex, ServedChain } from '../resolver';
import { armFactsOf } from './discoveredClusters';
import {
  RefreshResult,
  SnapshotStore,
  StoredClusterSummary,
} from '../store/SnapshotStore';
import { partsReadAt } from './partsReadAt';

/** What one collection of the Azure inventory returns. */
export interface CollectedInventory extends ResolverInventory {
  errors: SourceError[];
  /** The lists behind the `subscription` errors (see `FailedListing`). */
  failedListings: FailedListing[];
  subscriptionsScanned: string[];
  /** Display names by lower-cased subscription id, when the inventory listed subscriptions. */
  subscriptionNames?: Record<string, string>;
  requestCount: number;
  /** When each slow-tier list was read (absent: all of them now). */
  slowTierReadAt?: SlowTierReadTimes;
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
  /** Lists the inventory; stops its requests when `signal` aborts. */
  collect: (
    subscriptions?: string[],
    signal?: AbortSignal,
  ) => Promise<CollectedInventory>;
  thresholds: ExpiryThresholds;
  /** Said on in-cluster hops when clusters are not read at all. */
  kubernetesUnavailableReason: string;
  /** Reads the clusters' API servers (the I/O edge of the in-cluster hops). */
  readKubernetes?: KubernetesFleetReader;
  /** Where Traefik runs, for the resolver. */
  traefik?: TraefikSettings;
  /**
   * What Traefik serves at each HTTPS backend of the gateways (live TLS
   * probe, CERT-04), when enabled.
   */
  probeBackends?: (
    targets: BackendTarget[],
  ) => Promise<Map<string, ServedChain>>;
  /** Adds what each listener really serves (live TLS probe), when enabled. */
  probeServedCertificates?: (
    snapshots: ClusterSnapshot[],
  ) => Promise<ClusterSnapshot[]>;
  /**
   * Tells owners what the saved refresh found (certificate levels, failing
   * controls); runs after each batch is saved, and never fails the refresh.
   * `batch.first`: the run's first batch (a notifier that keeps what it
   * could not send replaces it then, and adds to it after).
   */
  notifyOwners?: (
    clusters: KeptSnapshot[],
    batch: { first: boolean },
  ) => Promise<unknown>;
  /**
   * Tells other plugins (the catalog's entity provider) that a run was
   * stored; runs after the save, and never fails the refresh.
   */
  publishStored?: () => Promise<void>;
  /**
   * Clusters resolved, kept and written at a time (default 200): the
   * refresh holds one batch's snapshots, never the whole fleet's.
   */
  batchSize?: number;
  now?: () => Date;
}

const DEFAULT_BATCH_SIZE = 200;

/** The in-cluster reads of one refresh, and what went wrong with them. */
interface KubernetesReads {
  read?: FleetKubernetesRead;
  /** Failures to count in the run: per cluster (401, 403, TLS...) or of the reader itself. */
  errors: SourceError[];
}

/** A cluster of this refresh, ready to store. */
type RefreshedCluster = RefreshResult<
  ClusterSnapshot,
  SourceError
>['refreshed'][number];

/**
 * One refresh of the fleet: the inventory is collected once for all clusters
 * (requests grow with subscriptions and vaults, not clusters) and indexed
 * once; then the clusters are streamed in batches: each batch is resolved by
 * pure functions, given its last good data where lists failed, written (one
 * transaction per batch) and told to owners before the next is resolved, so
 * memory holds one batch of snapshots however large the fleet. The run
 * itself (its status, and what became of the stored clusters it did not
 * see) is written last. A cluster that could not be refreshed keeps its last
 * good snapshot, marked stale; one that a failed list left partly unknown
 * keeps the last good data of the parts that list feeds, marked stale too.
 */
export class FleetRefresher {
  private inFlight?: Promise<RefreshOutcome>;

  constructor(private readonly options: FleetRefresherOptions) {}

  /**
   * Concurrent callers in this process share one run. `signal` (the
   * scheduler's) abandons it: requests stop, nothing of it is stored but a
   * failed run, and every cluster keeps its last good data.
   */
  refresh(signal?: AbortSignal): Promise<RefreshOutcome> {
    this.inFlight ??= this.run(signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /**
   * select -> collect -> read clusters -> index; per batch: last good ->
   * resolve -> probe -> keep -> write -> notify; then the run -> publish -> log.
   */
  private async run(signal?: AbortSignal): Promise<RefreshOutcome> {
    const startedAt = this.now();
    const selection = await this.options.select();
    let inventory: CollectedInventory;
    try {
      inventory = await this.options.collect(selection.subscriptions, signal);
    } catch (error) {
      return this.saveFailedRun(startedAt, 'inventory', error);
    }
    const clusters = selectedClusters(inventory, selection);
    const kubernetes = await this.readKubernetes(clusters, signal);
    if (signal?.aborted) {
      return this.saveFailedRun(startedAt, 'refresh', abandoned());
    }
    const servedByTraefik = await this.probeBackends(inventory);
    const refreshedAt = this.now();
    const context: ResolveContext = {
      inventory,
      kubernetes,
      selection,
      servedByTraefik,
      index: indexInventory(inventory),
      vaultErrors: new Map(
        inventory.errors
          .filter(e => e.kind === 'vault')
          .map(e => [normalizeArmResourceId(e.scope), e.message]),
      ),
    };
    const incomplete = mayLeaveGaps(inventory, kubernetes);
    const written = new Set<string>();
    let stale = 0;
    const batchSize = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    for (let start = 0; start < clusters.length; start += batchSize) {
      if (signal?.aborted) {
        return this.saveFailedRun(startedAt, 'refresh', abandoned(), written);
      }
      const batch = clusters.slice(start, start + batchSize);
      const lastGood = incomplete
        ? await this.lastGoodSnapshots(batch)
        : new Map<string, ClusterSnapshot>();
      const resolved = await this.probe(
        this.resolve(batch, { ...context, lastGood }, refreshedAt),
      );
      const kept = resolved.map(r =>
        keepWhatIsUnknown(
          r,
          lastGood.get(normalizeArmResourceId(r.snapshot.resourceId)),
          {
            now: refreshedAt,
            thresholds: this.options.thresholds,
          },
        ),
      );
      await this.options.store.saveClusters(
        kept.map(k => toRefreshedCluster(k, refreshedAt)),
        this.now(),
      );
      for (const k of kept) {
        written.add(normalizeArmResourceId(k.snapshot.resourceId));
        if (k.staleReason) stale += 1;
      }
      await this.notifyOwners(kept, start === 0);
    }
    const errors = [
      ...(selection.errors ?? []),
      ...inventory.errors,
      ...kubernetes.errors,
    ];
    const saved = await this.save({
      startedAt,
      clusters,
      clusterCount: written.size,
      inventory,
      errors,
    });
    await this.publishStored();
    return this.logOutcome({
      ...saved,
      startedAt,
      clusterCount: written.size,
      staleCount: stale,
      kubernetes,
      errors,
    });
  }

  /** The run, and what became of the stored clusters it did not see. */
  private async save(run: {
    startedAt: Date;
    clusters: ArmResource[];
    clusterCount: number;
    inventory: CollectedInventory;
    errors: SourceError[];
  }) {
    const { store } = this.options;
    const { inventory, errors } = run;
    const status: RefreshOutcome['status'] =
      errors.length === 0 ? 'succeeded' : 'partial';
    const runId = await store.saveRefresh({
      run: {
        startedAt: run.startedAt,
        finishedAt: this.now(),
        status,
        clusterCount: run.clusterCount,
        requestCount: inventory.requestCount,
        errors,
      },
      refreshed: [],
      ...missingClusters(await store.listClusterIds(), run.clusters, inventory),
    });
    return { runId, status, requestCount: inventory.requestCount };
  }

  /** After the save, so a notice never announces data that was not stored. */
  private async notifyOwners(
    kept: KeptSnapshot[],
    first: boolean,
  ): Promise<void> {
    try {
      await this.options.notifyOwners?.(kept, { first });
    } catch (error) {
      this.options.logger.warn(
        `AKS baseline: notifying owners failed: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  private async publishStored(): Promise<void> {
    try {
      await this.options.publishStored?.();
    } catch (error) {
      this.options.logger.warn(
        `AKS baseline: publishing the stored refresh failed: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  /**
   * The stored snapshots of a batch, when a failed list may leave part of a
   * cluster unknown (they say which other subscriptions it uses, and hold the
   * data to keep). A clean inventory does not pay for reading them.
   */
  private async lastGoodSnapshots(
    batch: ArmResource[],
  ): Promise<Map<string, ClusterSnapshot>> {
    const stored = await this.options.store.getClusters<ClusterSnapshot>(
      batch.map(c => c.id!),
    );
    return new Map(stored.map(c => [c.resourceId, c.snapshot]));
  }

  /** Each cluster from the inventory and its API server's objects (pure). */
  private resolve(
    clusters: ArmResource[],
    context: ResolveContext & { lastGood: Map<string, ClusterSnapshot> },
    now: Date,
  ): ResolvedCluster[] {
    const {
      inventory,
      kubernetes,
      selection,
      lastGood,
      servedByTraefik,
      index,
      vaultErrors,
    } = context;
    return clusters.map(cluster => {
      const id = normalizeArmResourceId(cluster.id!);
      const previous = lastGood.get(id);
      const { snapshot, gaps } = resolveClusterWithGaps(cluster, index, {
        now,
        thresholds: this.options.thresholds,
        vaultErrors,
        subscriptionErrors: subscriptionErrors(
          inventory,
          parseArmId(cluster.id!)?.subscriptionId ?? '',
        ),
        kubernetesUnavailableReason: this.options.kubernetesUnavailableReason,
        kubernetes: kubernetes.read?.results.get(id),
        traefik: this.options.traefik,
        relatedSubscriptions: previous && subscriptionsUsedBy(previous),
        servedByTraefik,
      });
      return {
        snapshot: {
          ...snapshot,
          entityRef: selection.entityRefs.get(id),
          armFacts: armFactsOf(
            cluster,
            kubernetes.read?.results.get(id)?.certificateAuthorityData,
          ),
          partsReadAt: partsReadAt(snapshot, inventory, now),
          owner: ownerTag(cluster.tags),
          subscriptionName:
            inventory.subscriptionNames?.[
              (parseArmId(cluster.id!)?.subscriptionId ?? '').toLowerCase()
            ],
        },
        gaps,
      };
    });
  }

  /** What Traefik serves at each gateway backend, when the live TLS probe is on. */
  private async probeBackends(
    inventory: CollectedInventory,
  ): Promise<Map<string, ServedChain> | undefined> {
    const probe = this.options.probeBackends;
    if (!probe) return undefined;
    return probe(backendTargets(inventory.applicationGateways));
  }

  /** What each listener really serves, when the live TLS probe is on. */
  private async probe(resolved: ResolvedCluster[]): Promise<ResolvedCluster[]> {
    const probe = this.options.probeServedCertificates;
    if (!probe) return resolved;
    const snapshots = await probe(resolved.map(r => r.snapshot));
    return resolved.map((r, i) => ({ ...r, snapshot: snapshots[i] }));
  }

  /**
   * The clusters' own API servers, read after the inventory (their
   * addresses come from it). Never fails the refresh: a reader that throws
   * leaves every cluster with its ARM half and the reason.
   */
  private async readKubernetes(
    clusters: ArmResource[],
    signal?: AbortSignal,
  ): Promise<KubernetesReads> {
    const read = this.options.readKubernetes;
    if (!read || clusters.length === 0) return { errors: [] };
    try {
      const result = await read(clusters, signal);
      return { read: result, errors: kubernetesErrors(result) };
    } catch (error) {
      const reason = `the Kubernetes reader failed: ${
        (error as Error)?.message ?? error
      }`;
      this.options.logger.warn(`AKS baseline: ${reason}`);
      return {
        read: {
          results: new Map(
            clusters.map(c => [
              normalizeArmResourceId(c.id!),
              { unavailableReason: reason, notes: [], requestCount: 0 },
            ]),
          ),
          kubernetesRequestCount: 0,
          armRequestCount: 0,
        },
        errors: [{ scope: 'kubernetes', kind: 'kubernetes', message: reason }],
      };
    }
  }

  /** A run that stored nothing new: every cluster keeps its data, stale. */
  private async saveFailedRun(
    startedAt: Date,
    scope: string,
    error: unknown,
    /** Clusters this run already wrote (a run abandoned between batches). */
    written: Set<string> = new Set(),
  ): Promise<RefreshOutcome> {
    const errors: SourceError[] = [
      {
        scope,
        kind: 'subscription',
        message: String((error as Error)?.message ?? error),
      },
    ];
    const stored = (await this.options.store.listClusterIds()).filter(
      c => !written.has(c.resourceId),
    );
    const runId = await this.options.store.saveRefresh({
      run: {
        startedAt,
        finishedAt: this.now(),
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
    this.options.logger.error(
      `AKS baseline refresh failed: ${errors[0].message}`,
    );
    await this.publishStored();
    return {
      runId,
      status: 'failed',
      clusterCount: 0,
      requestCount: 0,
      errors,
      durationMs: this.now().getTime() - startedAt.getTime(),
    };
  }

  private logOutcome(run: {
    runId: number;
    status: RefreshOutcome['status'];
    startedAt: Date;
    clusterCount: number;
    staleCount: number;
    requestCount: number;
    kubernetes: KubernetesReads;
    errors: SourceError[];
  }): RefreshOutcome {
    const { read } = run.kubernetes;
    const durationMs = this.now().getTime() - run.startedAt.getTime();
    const stale = run.staleCount;
    this.options.logger.info(
      `AKS baseline refresh ${run.status}: ${run.clusterCount} clusters${
        stale ? ` (${stale} partly kept from their last good data)` : ''
      }, ${run.requestCount} ARM requests${
        read
          ? `, ${read.armRequestCount} cluster credential and ${read.kubernetesRequestCount} Kubernetes requests`
          : ''
      }, ${run.errors.length} errors (${
        run.kubernetes.errors.length
      } Kubernetes), ${durationMs} ms`,
    );
    return {
      runId: run.runId,
      status: run.status,
      clusterCount: run.clusterCount,
      requestCount: run.requestCount,
      kubernetesRequestCount: read
        ? read.kubernetesRequestCount + read.armRequestCount
        : undefined,
      errors: run.errors,
      durationMs,
    };
  }
}

/** What resolving each cluster of a run shares, built once. */
interface ResolveContext {
  inventory: CollectedInventory;
  kubernetes: KubernetesReads;
  selection: ClusterSelection;
  servedByTraefik?: Map<string, ServedChain>;
  index: InventoryIndex;
  vaultErrors: Map<string, string>;
}

/**
 * Whether a failed list may leave part of a cluster unknown, so the last
 * good snapshots are worth reading.
 */
function mayLeaveGaps(
  inventory: CollectedInventory,
  kubernetes: KubernetesReads,
): boolean {
  return (
    inventory.failedListings.length > 0 ||
    // A vault's secrets or a firewall policy's rule collection groups.
    inventory.errors.some(e => e.kind === 'vault' || e.kind === 'resource') ||
    // Traefik's ConfigMaps, on a cluster whose other lists succeeded.
    [...(kubernetes.read?.results.values() ?? [])].some(
      r => r.objects && r.traefikConfigurationError,
    )
  );
}

function abandoned(): Error {
  const error = new Error(
    'the refresh was abandoned before it finished (aksBaseline.refresh.timeoutMinutes ran out, or the backend is shutting down)',
  );
  error.name = 'AbortError';
  return error;
}

/** The managed clusters the sources ask for. */
function selectedClusters(
  inventory: CollectedInventory,
  selection: ClusterSelection,
): ArmResource[] {
  return inventory.managedClusters.filter(
    c =>
      c.id &&
      (selection.all || selection.ids.has(normalizeArmResourceId(c.id))),
  );
}

function subscriptionErrors(
  inventory: CollectedInventory,
  subscriptionId: string,
): SourceError[] {
  return inventory.errors.filter(
    e =>
      e.kind === 'subscription' &&
      e.scope.toLowerCase() === subscriptionId.toLowerCase(),
  );
}

/**
 * API servers that refused or failed the portal (401, 403, TLS, 5xx, a
 * public one out of reach); a private one out of reach is not an error.
 * By cluster, whatever order the reads finished in.
 */
function kubernetesErrors(read: FleetKubernetesRead): SourceError[] {
  return [...read.results.values()]
    .flatMap(r => (r.error ? [r.error] : []))
    .sort((a, b) => a.scope.localeCompare(b.scope));
}

/** The last good data where this refresh left inputs unknown. */
function keepWhatIsUnknown(
  resolved: ResolvedCluster,
  lastGood: ClusterSnapshot | undefined,
  clock: { now: Date; thresholds: ExpiryThresholds },
): KeptSnapshot {
  if (resolved.gaps.length === 0) {
    return { snapshot: resolved.snapshot, certificatesObserved: true };
  }
  return keepLastGood(resolved.snapshot, resolved.gaps, lastGood, clock);
}

/** The stored row of a refreshed cluster and the certificates seen on it. */
function toRefreshedCluster(
  kept: KeptSnapshot,
  refreshedAt: Date,
): RefreshedCluster {
  const { snapshot } = kept;
  const summary = summarizeCluster(snapshot);
  // The row's own column says when: a summary without it stays the same
  // between refreshes that changed nothing, and its row is not rewritten.
  const { refreshedAt: _, ...storedSummary } = summary;
  return {
    cluster: {
      ...summary,
      soonestExpiry: summary.soonestExpiry?.notAfter
        ? new Date(summary.soonestExpiry.notAfter)
        : undefined,
      refreshedAt,
      snapshot,
      summary: { ...storedSummary, entityRef: snapshot.entityRef },
      staleReason: kept.staleReason,
    },
    // Kept certificates were not seen now: the history records sightings.
    certificates: kept.certificatesObserved
      ? snapshot.certificates.map(c => ({
          purpose: c.purpose,
          name: c.name,
          secretId: c.keyVaultSecretId,
          notAfter: c.notAfter ? new Date(c.notAfter) : undefined,
        }))
      : [],
  };
}

/**
 * Stored clusters this refresh did not see: gone when their subscription's
 * cluster list succeeded, else kept (stale) with the reason.
 */
function missingClusters(
  stored: Array<Pick<StoredClusterSummary, 'resourceId' | 'subscriptionId'>>,
  seenClusters: ArmResource[],
  inventory: CollectedInventory,
): Pick<RefreshResult<unknown, unknown>, 'failed' | 'removed'> {
  const seen = new Set(seenClusters.map(c => normalizeArmResourceId(c.id!)));
  const scanned = new Set(
    inventory.subscriptionsScanned.map(s => s.toLowerCase()),
  );
  const failed: Array<{ resourceId: string; reason: string }> = [];
  const removed: string[] = [];
  for (const cluster of stored) {
    if (seen.has(cluster.resourceId)) continue;
    const subscription = cluster.subscriptionId.toLowerCase();
    const listing = inventory.failedListings.find(
      f =>
        f.kind === 'managedClusters' &&
        f.subscriptionId.toLowerCase() === subscription,
    );
    if (listing) {
      failed.push({
        resourceId: cluster.resourceId,
        reason: describeFailure(listing.error),
      });
    } else if (!scanned.has(subscription)) {
      failed.push({
        resourceId: cluster.resourceId,
        reason:
          subscriptionErrors(inventory, subscription)[0]?.message ??
          `subscription ${subscription} was not scanned`,
      });
    } else {
      removed.push(cluster.resourceId);
    }
  }
  return { failed, removed };
}
