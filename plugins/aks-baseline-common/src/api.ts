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
