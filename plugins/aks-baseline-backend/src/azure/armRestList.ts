import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import type { ArmClientSettings } from './armClients';

/** The pages of one list. */
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
 * One pipeline per settings object, built as the SDK clients build theirs
 * (credential, cloud, retries on 429 and 5xx, per-call and per-retry
 * policies, the transport a module replaces). A refresh makes one settings
 * object and thousands of lists with it: building a pipeline per list was a
 * tenth of a millisecond each, a tenth of the refresh's own CPU.
 */
const pipelines = new WeakMap<ArmClientSettings, Pipeline>();

function armPipeline(settings: ArmClientSettings): Pipeline {
  let pipeline = pipelines.get(settings);
  if (pipeline) return pipeline;
  pipeline = createPipelineFromOptions({
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
  pipelines.set(settings, pipeline);
  return pipeline;
}

/**
 * An ARM list (a subscription's resources of one type, a resource's
 * children): one GET and its `nextLink`s, each page's `value` exactly as
 * ARM sent it. Every list of the inventory goes this way rather than
 * through the SDK clients: they deserialize each body into their flattened
 * models, which the inventory never reads (it keeps ARM's REST shape, with
 * settings under `properties`), and that was most of a list's CPU.
 */
export function listArmRest(
  settings: ArmClientSettings,
  path: string,
  apiVersion: string,
): ArmRestPages {
  const pipeline = armPipeline(settings);
  const httpClient = settings.httpClient ?? defaultHttpClient();
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

let sharedHttpClient: HttpClient | undefined;

/** One default transport (and its keep-alive sockets) for every list without one. */
function defaultHttpClient(): HttpClient {
  sharedHttpClient ??= createDefaultHttpClient();
  return sharedHttpClient;
}

/** Every item of a list, its pages in order. */
export async function listAllItems(pages: ArmRestPages): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of pages.byPage()) {
    for (const item of page) items.push(item);
  }
  return items;
}
