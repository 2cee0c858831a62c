import { createApiRef } from '@backstage/core-plugin-api';
import {
  AboutResponse,
  ClusterDetailResponse,
  ClusterListFilters,
  ClusterListQuery,
  ClusterPageResponse,
  EntityLookupResponse,
  FleetCertificatesResponse,
  RefreshResponse,
  TraceRequest,
  TraceResponse,
} from '@aks-baseline/plugin-aks-baseline-common';

/** Identifies one cluster the way the backend's detail route does. @public */
export interface ClusterKey {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/**
 * Client of the AKS baseline backend. Every method rejects with a
 * `ResponseError` (from `@backstage/errors`) when the backend answers with an
 * error status, so callers can tell 400 from 404 from 403.
 *
 * @public
 */
export interface AksBaselineApi {
  /** Which cluster sources and Azure cloud the backend uses. */
  getAbout(): Promise<AboutResponse>;
  /**
   * One page of the fleet snapshot (worst first unless sorted otherwise),
   * filtered on the server, with the total and the last refresh.
   */
  listClusters(query?: ClusterListQuery): Promise<ClusterPageResponse>;
  /** Every cluster matching the filters as CSV, streamed by the backend. */
  exportClustersCsv(filters?: ClusterListFilters): Promise<Blob>;
  /** One cluster in full: chains, certificates, controls, errors. */
  getCluster(cluster: ClusterKey): Promise<ClusterDetailResponse>;
  /**
   * The cluster behind a catalog entity: a cluster Resource gets its cluster,
   * an app Component its cluster with the ingress narrowed to its host.
   */
  getEntity(entityRef: string): Promise<EntityLookupResponse>;
  /** Certificates across the fleet, soonest expiry first. */
  listCertificates(options?: {
    maxDaysLeft?: number;
  }): Promise<FleetCertificatesResponse>;
  /** Starts a refresh of the fleet snapshot (needs `aks-baseline.cluster.refresh`). */
  refresh(): Promise<RefreshResponse>;
  /** Traces a request hop by hop over the cluster's stored snapshot (read permission). */
  traceCluster(
    cluster: ClusterKey,
    request: TraceRequest,
  ): Promise<TraceResponse>;
}

/** @public */
export const aksBaselineApiRef = createApiRef<AksBaselineApi>({
  id: 'plugin.aks-baseline.service',
});
