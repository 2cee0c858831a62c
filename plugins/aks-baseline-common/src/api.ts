import type * as Fleet from './fleet';
import type { TraceResult } from './trace/types';

/**
 * Types of the backend's REST API (request and response bodies), shared by
 * the backend router and the frontend client so the two cannot drift.
 */

/** Response of `GET /about`. @public */
export interface AboutResponse {
  plugin: 'aks-baseline';
  version: string;
  /** Where clusters come from: `demo`, `azure`, `config`, `catalog`. */
  sources: string[];
  /** The Azure cloud whose ARM endpoint is used. */
  cloud: string;
}

/** The last refresh, as the fleet page shows it. @public */
export interface RefreshRunInfo {
  finishedAt: string;
  status: 'succeeded' | 'partial' | 'failed';
  clusterCount: number;
  requestCount: number;
  errors: Fleet.SourceError[];
}

/** Response of `GET /v1/clusters`: worst first. @public */
export interface ListClustersResponse {
  clusters: Fleet.ClusterSummary[];
  lastRefresh?: RefreshRunInfo;
}

/** Response of `GET /v1/clusters/:subscriptionId/:resourceGroup/:name`. @public */
export interface ClusterDetailResponse {
  cluster: Fleet.ClusterSnapshot;
  stale: boolean;
  staleReason?: string;
}

/**
 * Response of `GET /v1/entity?entityRef=`: a cluster Resource gets its
 * cluster; an app Component gets its cluster with the ingress narrowed to the
 * app's host. @public
 */
export interface EntityLookupResponse extends ClusterDetailResponse {
  entityRef: string;
  kind: 'cluster' | 'app';
  app?: { namespace?: string; host?: string };
}

/** Response of `GET /v1/certificates?maxDaysLeft=`. @public */
export interface FleetCertificatesResponse {
  certificates: Array<
    Fleet.CertificateInfo & {
      clusterResourceId: string;
      clusterName: string;
      clusterEntityRef?: string;
    }
  >;
}

/** Response of `POST /v1/refresh`. @public */
export interface RefreshResponse {
  status: 'triggered' | 'already-running';
  /** For `already-running`: how long the running refresh may hold the task. */
  message?: string;
}

/** Response of `POST /v1/clusters/:subscriptionId/:resourceGroup/:name/trace`: the trace, on the snapshot of `refreshedAt`. @public */
export interface TraceResponse extends TraceResult {
  refreshedAt: string;
  stale: boolean;
}

/** What `GET /v1/clusters` can sort by; `attention` is worst first. @public */
export const CLUSTER_SORT_KEYS = [
  'attention',
  'name',
  'status',
  'expiry',
  'failingControls',
  'subscription',
  'region',
  'owner',
  'refreshedAt',
] as const;

/** @public */
export type ClusterSortKey = (typeof CLUSTER_SORT_KEYS)[number];

/** The largest page `GET /v1/clusters` returns. @public */
export const MAX_CLUSTER_PAGE_SIZE = 100;

/**
 * Filters of `GET /v1/clusters` and `GET /v1/clusters.csv` (query
 * parameters of the same names; lists repeat the parameter). @public
 */
export interface ClusterListFilters {
  status?: Fleet.HopStatus[];
  subscriptionId?: string[];
  region?: string[];
  owner?: string[];
  /** Soonest certificate expiry within this many days (expired included). */
  expiringWithinDays?: number;
  /** Case-insensitive text in name, resource group, owner or subscription name. */
  search?: string;
}

/** Query of `GET /v1/clusters`: filters, sort and page. @public */
export interface ClusterListQuery extends ClusterListFilters {
  sort?: ClusterSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** The values the fleet page's filters offer, from the whole fleet. @public */
export interface ClusterFilterOptions {
  subscriptions: Array<{ id: string; name?: string }>;
  regions: string[];
  owners: string[];
}

/** Response of `GET /v1/clusters`: one page, with the total matching. @public */
export interface ClusterPageResponse extends ListClustersResponse {
  /** Clusters matching the filters, across all pages. */
  total: number;
  offset: number;
  limit: number;
  filterOptions: ClusterFilterOptions;
}
