import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  ANNOTATION_RESOURCE_ID,
  ClusterDetailResponse,
  ClusterFilterOptions,
  ClusterPageResponse,
  ClusterSnapshot,
  ClusterSummary,
  EntityLookupResponse,
  FleetCertificatesResponse,
  HopStatus,
  listenerHostMatches,
  ListClustersResponse,
  RefreshRunInfo,
  normalizeArmResourceId,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import {
  RefreshRun,
  SnapshotStore,
  StoredClusterSummary,
  SummaryPageRequest,
} from '../store/SnapshotStore';
import { filtersKey, normalizePageRequest, pageKey } from './clusterPageKey';
import { CacheBounds, GenerationCache } from './GenerationCache';
import { sharedReads } from './sharedReads';

/** Looks entities up in the catalog as the calling user. */
export type EntityLookup = (entityRef: string) => Promise<Entity | undefined>;

const ATTENTION: Record<HopStatus, number> = {
  error: 0,
  warning: 1,
  'not-observed': 2,
  ok: 3,
};

/** What needs attention first: worst status, soonest expiry, most failures. */
export function byAttention(a: ClusterSummary, b: ClusterSummary): number {
  return (
    ATTENTION[a.worstStatus] - ATTENTION[b.worstStatus] ||
    Number(b.stale) - Number(a.stale) ||
    (a.soonestExpiry?.notAfter ?? '9999').localeCompare(
      b.soonestExpiry?.notAfter ?? '9999',
    ) ||
    b.failingControls - a.failingControls ||
    a.name.localeCompare(b.name)
  );
}

type StoredSummary = Omit<
  ClusterSummary,
  'stale' | 'staleReason' | 'refreshedAt'
>;

/** The row as stored at refresh, with staleness as the store knows it now. */
function toSummary(
  stored: StoredClusterSummary<StoredSummary>,
): ClusterSummary {
  const summary = stored.summary;
  return {
    resourceId: summary?.resourceId ?? stored.resourceId,
    name: stored.name,
    subscriptionId: stored.subscriptionId,
    resourceGroup: stored.resourceGroup,
    location: stored.location,
    worstStatus: stored.worstStatus as HopStatus,
    soonestExpiry: summary?.soonestExpiry,
    failingControls: stored.failingControls,
    // Rows stored before reasons existed get theirs at the next refresh.
    reasons: summary?.reasons ?? [],
    errorCount: summary?.errorCount ?? 0,
    refreshedAt: stored.refreshedAt.toISOString(),
    stale: stored.stale,
    staleReason: stored.staleReason,
    entityRef: summary?.entityRef,
    owner: stored.owner,
    subscriptionName: stored.subscriptionName,
    accessDenied: summary?.accessDenied,
  };
}

function toRunInfo(run: RefreshRun<SourceError>): RefreshRunInfo {
  return {
    finishedAt: run.finishedAt.toISOString(),
    status: run.status,
    clusterCount: run.clusterCount,
    requestCount: run.requestCount,
    errors: run.errors,
  };
}

/**
 * What the fleet list keeps per data generation: at most 1,000 pages and
 * 16 MiB of their JSON (a page of 100 rows is about 80 KiB).
 */
const PAGE_CACHE: CacheBounds = { maxEntries: 1_000, maxWeight: 16 * 2 ** 20 };

/** A page of the fleet list with its JSON body and entity tag. */
export interface PageAnswer {
  page: ClusterPageResponse;
  body: string;
  /** A weak tag of the body's content: equal bodies, equal tags, on every replica. */
  etag: string;
}

function pageAnswer(page: ClusterPageResponse): PageAnswer {
  const body = JSON.stringify(page);
  const digest = createHash('sha1').update(body).digest('base64url');
  return { page, body, etag: `W/"${digest}"` };
}

/**
 * The catalog entity of each cluster the catalog knows, by normalised
 * cluster id (`normalizeArmResourceId`).
 */
export type ClusterEntityLinks = () => Promise<Map<string, string>>;

/** Reads the stored snapshot for the API; never calls Azure. */
export class FleetReader {
  /**
   * @param entityLinks - links rows that the last refresh could not: a
   * refresh reads the catalog when it starts, and on a first start the
   * catalog may not have ingested the cluster entities yet. Without it, a
   * row waits for the next refresh for its link.
   */
  constructor(
    private readonly store: SnapshotStore,
    private readonly entityLinks?: ClusterEntityLinks,
    options: { pageCache?: CacheBounds } = {},
  ) {
    const bounds = options.pageCache ?? PAGE_CACHE;
    this.pages = new GenerationCache(bounds, answer => answer.body.length);
    this.counts = new GenerationCache({ ...bounds, maxWeight: Infinity });
  }

  async listClusters(): Promise<ListClustersResponse> {
    const [stored, run] = await Promise.all([
      this.store.listSummaries<StoredSummary>(),
      this.store.latestRun<SourceError>(),
    ]);
    return {
      clusters: (await this.linkEntities(stored.map(toSummary))).sort(
        byAttention,
      ),
      lastRefresh: run && toRunInfo(run),
    };
  }

  /**
   * One page of the fleet, filtered and sorted by the database, as the JSON
   * body to send and its entity tag. What only a write of the fleet changes
   * (the page, the count of its filters, the filter options) is computed once
   * per data generation; the catalog's links are added per request.
   */
  async listClusterPage(request: SummaryPageRequest): Promise<PageAnswer> {
    const normalized = normalizePageRequest(request);
    const generation = await this.generation();
    const kept = await this.pages.get(generation, pageKey(normalized), () =>
      this.readPage(generation, normalized),
    );
    const clusters = await this.linkEntities(kept.page.clusters);
    return clusters === kept.page.clusters
      ? kept
      : pageAnswer({ ...kept.page, clusters });
  }

  private async readPage(
    generation: number,
    request: SummaryPageRequest,
  ): Promise<PageAnswer> {
    const [rows, total, filterOptions, run] = await Promise.all([
      this.store.pageRows<StoredSummary>(request),
      this.counts.get(generation, filtersKey(request), () =>
        this.store.countSummaries(request.filters, request.now),
      ),
      this.filterOptions.get(generation, '', () => this.store.filterOptions()),
      this.store.latestRun<SourceError>(),
    ]);
    return pageAnswer({
      clusters: rows.map(toSummary),
      total,
      offset: request.offset,
      limit: request.limit,
      filterOptions,
      lastRefresh: run && toRunInfo(run),
    });
  }

  /** The store's data generation, one read per burst of requests. */
  private readonly generation = sharedReads(() => this.store.dataGeneration());
  private readonly pages: GenerationCache<PageAnswer>;
  private readonly counts: GenerationCache<number>;
  private readonly filterOptions = new GenerationCache<ClusterFilterOptions>({
    maxEntries: 1,
    maxWeight: Infinity,
  });

  /** Every row matching the filters, worst first, streamed from the store. */
  async *streamClusters(
    request: Pick<SummaryPageRequest, 'filters' | 'now'>,
  ): AsyncGenerator<ClusterSummary> {
    for await (const stored of this.store.streamSummaries<StoredSummary>(
      request.filters,
      request.now,
    )) {
      yield toSummary(stored);
    }
  }

  /**
   * Rows without an entity get the catalog's, when it has one now; the same
   * array when none does.
   */
  private async linkEntities(
    rows: ClusterSummary[],
  ): Promise<ClusterSummary[]> {
    if (!this.entityLinks || rows.every(r => r.entityRef)) return rows;
    // The links are a convenience: a catalog outage leaves rows unlinked
    // rather than failing the fleet list.
    const links = await this.entityLinks().catch(() => undefined);
    const linked = rows.map(row => {
      const entityRef =
        row.entityRef ?? links?.get(normalizeArmResourceId(row.resourceId));
      return entityRef ? { ...row, entityRef } : row;
    });
    return linked.every((row, i) => row === rows[i]) ? rows : linked;
  }

  async getCluster(resourceId: string): Promise<ClusterDetailResponse> {
    const stored = await this.storedSnapshot(resourceId);
    // The trace inputs stay on the server: traces run there.
    const { trace: _traceInputs, ...cluster } = stored.cluster;
    return { ...stored, cluster };
  }

  /** The stored snapshot of a cluster, with what packet traces read. */
  async storedSnapshot(resourceId: string): Promise<ClusterDetailResponse> {
    const stored = await this.store.getCluster<ClusterSnapshot>(resourceId);
    if (!stored) {
      throw new NotFoundError(
        `Cluster ${resourceId} is not in the fleet snapshot: it is not in the configured sources, or the first refresh has not finished`,
      );
    }
    return {
      cluster: stored.snapshot,
      stale: stored.stale,
      staleReason: stored.staleReason,
    };
  }

  async certificates(maxDaysLeft?: number): Promise<FleetCertificatesResponse> {
    const stored = await this.store.listClusters<ClusterSnapshot>();
    const certificates = stored
      .flatMap(c =>
        c.snapshot.certificates.map(certificate => ({
          ...certificate,
          clusterResourceId: c.snapshot.resourceId,
          clusterName: c.name,
          clusterEntityRef: c.snapshot.entityRef,
        })),
      )
      .filter(
        c =>
          maxDaysLeft === undefined ||
          (c.daysLeft !== undefined && c.daysLeft <= maxDaysLeft),
      )
      .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    return { certificates };
  }

  /** A cluster Resource gets its cluster; an app Component its cluster narrowed to its host. */
  async forEntity(
    entityRef: string,
    lookup: EntityLookup,
  ): Promise<EntityLookupResponse> {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    const entity = await lookup(ref);
    if (!entity) throw new NotFoundError(`Entity ${ref} not found`);
    const annotations = entity.metadata.annotations ?? {};

    if (annotations[ANNOTATION_RESOURCE_ID]) {
      const detail = await this.getCluster(annotations[ANNOTATION_RESOURCE_ID]);
      return { ...detail, entityRef: ref, kind: 'cluster' };
    }

    const clusterRef = annotations[ANNOTATION_CLUSTER];
    if (!clusterRef) {
      throw new InputError(
        `Entity ${ref} has neither ${ANNOTATION_RESOURCE_ID} nor ${ANNOTATION_CLUSTER}`,
      );
    }
    const clusterEntity = await lookup(
      stringifyEntityRef(
        parseEntityRef(clusterRef, {
          defaultKind: 'resource',
          defaultNamespace: entity.metadata.namespace,
        }),
      ),
    );
    const clusterId =
      clusterEntity?.metadata.annotations?.[ANNOTATION_RESOURCE_ID];
    if (!clusterId) {
      throw new NotFoundError(
        `Cluster entity ${clusterRef} (from ${ANNOTATION_CLUSTER} on ${ref}) not found or has no ${ANNOTATION_RESOURCE_ID}`,
      );
    }
    const detail = await this.getCluster(clusterId);
    const host = annotations[ANNOTATION_HOST];
    const namespace = annotations[ANNOTATION_NAMESPACE];
    const ingress = host
      ? detail.cluster.ingress.filter(chain =>
          listenerHostMatches(chain.host, host),
        )
      : detail.cluster.ingress;
    const errors = [...detail.cluster.errors];
    if (host && ingress.length === 0) {
      errors.push({
        scope: host,
        kind: 'resource',
        message: `no Application Gateway listener of this cluster serves ${host}`,
      });
    }
    return {
      ...detail,
      cluster: { ...detail.cluster, ingress, errors },
      entityRef: ref,
      kind: 'app',
      app: { namespace, host },
    };
  }
}
