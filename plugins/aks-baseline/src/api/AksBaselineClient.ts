import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AboutResponse } from '@aks-baseline/plugin-aks-baseline-common';
import { AksBaselineApi } from './AksBaselineApi';

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
    return this.get<AboutResponse>('/v1/about');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aks-baseline');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
