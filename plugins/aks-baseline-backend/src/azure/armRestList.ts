import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';
import type { ArmClientSettings } from './armClients';

/** The pages of one list, as the inventory drives SDK lists. */
export interface ArmRestPages {
  byPage(): AsyncIterableIterator<unknown[]>;
}

/** ARM's error (`{ error: { code, message } }`) as the SDK clients raise it. */
function armError(
  status: number,
  response: { bodyAsText?: string | null },
): RestError {
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = JSON.parse(response.bodyAsText ?? '')?.error;
  } catch {
    error = undefined;
  }
  return new RestError(
    typeof error?.message === 'string'
      ? error.message
      : `ARM answered ${status}`,
    {
      statusCode: status,
      code: typeof error?.code === 'string' ? error.code : undefined,
    },
  );
}

/**
 * A subscription-wide ARM list through the same pipeline the SDK clients
 * build (credential, cloud, retries on 429 and 5xx, per-call and per-retry
 * policies, the transport a module replaces), for a type whose SDK package
 * the plugin does not carry: one GET and its `nextLink`s, each page's
 * `value`. Used for container registries and policy assignments, where
 * `@azure/arm-containerregistry` or `@azure/arm-policy` would be a whole
 * client for one list call.
 */
export function listArmRest(
  settings: ArmClientSettings,
  path: string,
  apiVersion: string,
): ArmRestPages {
  const pipeline = createPipelineFromOptions({
    retryOptions: settings.retryOptions,
  });
  pipeline.addPolicy(
    bearerTokenAuthenticationPolicy({
      credential: settings.credential,
      scopes: [settings.cloud.scope],
    }),
  );
  // Positioned as core-client places a client's additional policies.
  for (const policy of settings.perCallPolicies ?? [])
    pipeline.addPolicy(policy);
  for (const policy of settings.perRetryPolicies ?? [])
    pipeline.addPolicy(policy, { afterPhase: 'Sign' });
  const httpClient = settings.httpClient ?? createDefaultHttpClient();
  const first = new URL(path, settings.cloud.armEndpoint);
  first.searchParams.set('api-version', apiVersion);

  async function* pages(): AsyncIterableIterator<unknown[]> {
    for (let url: string | undefined = first.toString(); url; ) {
      const request = createPipelineRequest({ url, method: 'GET' });
      const response = await pipeline.sendRequest(httpClient, request);
      if (response.status >= 300) throw armError(response.status, response);
      let body: { value?: unknown; nextLink?: unknown };
      try {
        body = JSON.parse(response.bodyAsText ?? '');
      } catch {
        throw new RestError('malformed response body', {
          code: 'PARSE_ERROR',
          statusCode: response.status,
        });
      }
      if (!Array.isArray(body?.value))
        throw new RestError(`the list of ${path} has no value array`, {
          statusCode: response.status,
        });
      yield body.value;
      url = typeof body.nextLink === 'string' ? body.nextLink : undefined;
    }
  }
  return { byPage: pages };
}
