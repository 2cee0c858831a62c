import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_RESOURCE_ID } from '@aks-baseline/plugin-aks-baseline-common';
import type {
  AksBaselineDiscoveredClustersService,
  DiscoveredClusterList,
} from '@aks-baseline/plugin-aks-baseline-node';
import { clusterEntity, PROVIDER_LOCATION } from './clusterEntity';
import type { ProviderConfig } from './config';
import { planMutation, PlannedMutation } from './planMutation';

export interface AksClusterEntityProviderOptions {
  config: ProviderConfig;
  logger: LoggerService;
  discoveredClusters: Pick<AksBaselineDiscoveredClustersService, 'subscribe'>;
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}

/** What one application of a discovered fleet did. */
export interface ProviderRun extends Omit<PlannedMutation, 'mutation'> {
  type: 'full' | 'delta';
  runId: number;
  entityCount: number;
  /** Clusters a hand-written entity already describes (lower-cased resource ids). */
  claimedByOthers: string[];
}

/**
 * Every cluster the AKS baseline backend holds becomes a `Resource` of type
 * `kubernetes-cluster`. Fed by the backend's refresh (never a scan of its
 * own); a full mutation first, then deltas of exactly what changed.
 *
 * A cluster that a hand-written entity already carries (the same
 * `aks-baseline.io/resource-id`, any entity not managed by this provider)
 * is left out, so the hand-written one wins and there is no duplicate.
 */
export class AksClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private unsubscribe?: () => void;
  private applied?: Map<string, Entity>;
  private appliedRunId?: number;
  private lastList?: DiscoveredClusterList;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AksClusterEntityProviderOptions) {}

  getProviderName(): string {
    return 'aks-baseline-discovered-clusters';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    this.unsubscribe?.();
    this.unsubscribe = this.options.discoveredClusters.subscribe(async list => {
      await this.apply(list);
    });
  }

  /**
   * Gives the catalog `list`; the hub calls it after each refresh.
   * Applications run one at a time (the hub and `recheckClaims` both call).
   */
  apply(list: DiscoveredClusterList): Promise<ProviderRun | undefined> {
    const run = this.queue.then(() => this.applyNow(list));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies the last list again with fresh claims: a hand-written entity the
   * catalog ingests after a refresh (the examples at start-up, a new
   * catalog-info.yaml) replaces the discovered one without waiting for the
   * next refresh, and a removed one gives the cluster back.
   */
  async recheckClaims(): Promise<ProviderRun | undefined> {
    return this.lastList ? this.apply(this.lastList) : undefined;
  }

  private async applyNow(
    list: DiscoveredClusterList,
  ): Promise<ProviderRun | undefined> {
    this.lastList = list;
    const connection = this.connection;
    if (!connection) return undefined;
    let claimed: Set<string>;
    try {
      claimed = await this.claimedByOtherEntities();
    } catch (error) {
      // Without the claims a duplicate could appear: keep the catalog as it is.
      this.options.logger.warn(
        `AKS baseline catalog provider: could not read the catalog's cluster entities, refresh ${
          list.runId
        } not applied: ${(error as Error)?.message ?? error}`,
      );
      return undefined;
    }
    const desired = new Map<string, Entity>();
    const claimedByOthers: string[] = [];
    for (const cluster of list.clusters) {
      const id = cluster.resourceId.toLowerCase();
      if (claimed.has(id)) claimedByOthers.push(id);
      else desired.set(id, clusterEntity(cluster, this.options.config));
    }
    const continuous =
      this.applied &&
      (list.runId === this.appliedRunId ||
        list.previousRunId === this.appliedRunId);
    const plan = planMutation(continuous ? this.applied : undefined, desired);
    const changed =
      plan.mutation.type === 'full' ||
      plan.added.length + plan.removed.length > 0;
    if (changed) await connection.applyMutation(plan.mutation);
    this.applied = desired;
    this.appliedRunId = list.runId;
    const run: ProviderRun = {
      type: plan.mutation.type,
      runId: list.runId,
      entityCount: desired.size,
      added: plan.added,
      removed: plan.removed,
      claimedByOthers,
    };
    if (!changed) return run;
    this.options.logger.info(
      `AKS baseline catalog provider: ${run.type} mutation for refresh ${run.runId}: ${run.entityCount} cluster entities, ${run.added.length} added or changed, ${run.removed.length} removed, ${claimedByOthers.length} left to hand-written entities`,
    );
    return run;
  }

  /** Resource ids that entities not written by this provider already carry. */
  private async claimedByOtherEntities(): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_RESOURCE_ID}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['metadata.annotations'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const claimed = new Set<string>();
    for (const entity of items) {
      const annotations = entity.metadata?.annotations ?? {};
      if (annotations[ANNOTATION_ORIGIN_LOCATION] === PROVIDER_LOCATION)
        continue;
      const id = annotations[ANNOTATION_RESOURCE_ID];
      if (id) claimed.add(id.toLowerCase());
    }
    return claimed;
  }
}
