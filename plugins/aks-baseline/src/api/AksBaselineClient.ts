import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { AksBaselineApi, ClusterKey } from './AksBaselineApi';

/**
 * The backend's path of one cluster. Each segment is user-influenced (it
 * comes from a resource id), so it is encoded: a `/` or `?` in it must not
 * change the route.
 */
function clusterPath(cluster: ClusterKey): string {
  const path = [cluster.subscriptionId, cluster.resourceGroup, cluster.name]
    .map(encodeURIComponent)
    .join('/');
  return `/v1/clusters/${path}`;
}

/**
 * Talks to the backend through `fetchApi`, which adds the user's token.
 *
 * @public
 */
export class AksBaselineClient implements AksBaselineApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getAbout(): Promise<AboutResponse> {
    return this.request<AboutResponse>('/v1/about');
  }

  listClusters(query: ClusterListQuery = {}): Promise<ClusterPageResponse> {
    return this.request<ClusterPageResponse>(
      withQuery('/v1/clusters', clusterQueryParams(query)),
    );
  }

  async exportClustersCsv(filters: ClusterListFilters = {}): Promise<Blob> {
    const response = await this.fetch(
      withQuery('/v1/clusters.csv', clusterQueryParams(filters)),
    );
    return response.blob();
  }

  getCluster(cluster: ClusterKey): Promise<ClusterDetailResponse> {
    return this.request<ClusterDetailResponse>(clusterPath(cluster));
  }

  traceCluster(
    cluster: ClusterKey,
    request: TraceRequest,
  ): Promise<TraceResponse> {
    return this.request<TraceResponse>(`${clusterPath(cluster)}/trace`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  getEntity(entityRef: string): Promise<EntityLookupResponse> {
    const query = new URLSearchParams({ entityRef });
    return this.request<EntityLookupResponse>(`/v1/entity?${query}`);
  }

  listCertificates(
    options: { maxDaysLeft?: number } = {},
  ): Promise<FleetCertificatesResponse> {
    const query = new URLSearchParams();
    if (options.maxDaysLeft !== undefined) {
      query.set('maxDaysLeft', String(options.maxDaysLeft));
    }
    const search = query.toString();
    return this.request<FleetCertificatesResponse>(
      `/v1/certificates${search ? `?${search}` : ''}`,
    );
  }

  refresh(): Promise<RefreshResponse> {
    return this.request<RefreshResponse>('/v1/refresh', { method: 'POST' });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aks-baseline');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function withQuery(path: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The backend's query parameters: lists repeat their name, empty values are left out. */
export function clusterQueryParams(
  query: ClusterListQuery & ClusterListFilters,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== undefined && v !== '') params.append(key, String(v));
    }
  }
  return params;
}
