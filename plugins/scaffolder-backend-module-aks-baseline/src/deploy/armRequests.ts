import { ResourceManagementClient } from '@azure/arm-resources';
import {
  HttpClient,
  PipelineResponse,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { DefaultAzureCredential, TokenCredential } from '@azure/identity';
import { ArmDeploymentError, armErrorsOf } from './deploymentErrors';

/**
 * The ARM connection the deploy step uses: `ResourceManagementClient` from
 * @azure/arm-resources, whose pipeline brings the credential, retries and
 * 429/Retry-After handling. Version 7 of that package moved the Deployments
 * operations to @azure/arm-resourcesdeployments, so deployments are sent as
 * REST requests through the same client (same pipeline, same policies).
 */
export interface ArmConnectionOptions {
  /** Defaults to `DefaultAzureCredential` (workload identity, managed identity, az login...). */
  credential?: TokenCredential;
  /** Replaces the HTTP transport (tests); everything above it is the real SDK. */
  httpClient?: HttpClient;
  /** ARM endpoint; defaults to the public cloud's. */
  endpoint?: string;
  /** Retry timing of the SDK pipeline (tests shorten it). */
  retryOptions?: {
    maxRetries?: number;
    retryDelayInMs?: number;
    maxRetryDelayInMs?: number;
  };
}

/** api-version of Microsoft.Resources/deployments. */
export const DEPLOYMENTS_API_VERSION = '2025-04-01';

export const PUBLIC_CLOUD_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmClient {
  client: ResourceManagementClient;
  endpoint: string;
  /** Sends a request through the client's pipeline; throws ArmDeploymentError on 4xx/5xx. */
  send(
    method: 'GET' | 'PUT' | 'POST',
    pathOrUrl: string,
    body?: unknown,
  ): Promise<{
    status: number;
    headers: PipelineResponse['headers'];
    body: any;
  }>;
}

export function createArmClient(
  subscriptionId: string,
  options: ArmConnectionOptions,
): ArmClient {
  const endpoint = (options.endpoint ?? PUBLIC_CLOUD_ARM_ENDPOINT).replace(
    /\/+$/,
    '',
  );
  const client = new ResourceManagementClient(
    options.credential ?? new DefaultAzureCredential(),
    subscriptionId,
    {
      endpoint,
      httpClient: options.httpClient,
      retryOptions: options.retryOptions,
    },
  );
  return {
    client,
    endpoint,
    async send(method, pathOrUrl, body) {
      const url = pathOrUrl.startsWith('https://')
        ? pathOrUrl
        : `${endpoint}${pathOrUrl}`;
      const request = createPipelineRequest({
        url,
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      request.headers.set('Accept', 'application/json');
      if (body !== undefined) {
        request.headers.set('Content-Type', 'application/json');
      }
      const response = await client.sendRequest(request);
      const parsed = parseBody(response.bodyAsText);
      if (response.status >= 400) {
        throw new ArmDeploymentError(
          `${method} ${new URL(url).pathname} answered ${response.status}`,
          armErrorsOf(parsed?.error),
        );
      }
      return {
        status: response.status,
        headers: response.headers,
        body: parsed,
      };
    },
  };
}

function parseBody(text: string | null | undefined): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return {
      error: { code: 'UnparsableResponse', message: text.slice(0, 500) },
    };
  }
}
