import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  NetworkingV1Api,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ClusterConnection } from '../types';

/** The typed clients of `@kubernetes/client-node` the reader lists through. */
export interface KubernetesApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  discovery: DiscoveryV1Api;
  custom: CustomObjectsApi;
}

export interface ApiSessionOptions {
  /** Deadline of each HTTP request, connection included. */
  timeoutMs: number;
  /** Sockets open to the API server at once (the reader's concurrency). */
  maxSockets: number;
  /** Abandons every request (the refresh's own deadline). */
  signal?: AbortSignal;
  /** Name resolution; the demo uses one that resolves nothing but IPs. */
  lookup?: LookupFunction;
}

/** One cluster's clients for one refresh; `close()` frees its sockets. */
export interface ApiSession {
  apis: KubernetesApis;
  /** Requests sent so far (pages included). */
  readonly requestCount: number;
  /** Whether a failed request ran out of its own time (not the caller's). */
  timedOut(error: unknown): boolean;
  close(): void;
}

/**
 * Builds the generated API clients over the client's own HTTP layer with
 * three things `KubeConfig` does not offer: one keep-alive agent per cluster
 * (KubeConfig makes a new agent per request), a deadline per request, and a
 * custom name resolver for the demo. Authentication is a bearer token,
 * as a kubeconfig `token:` user would send it.
 */
export function openApiSession(
  connection: ClusterConnection,
  options: ApiSessionOptions,
): ApiSession {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.maxSockets,
    ca: connection.caPem,
    lookup: options.lookup,
  });
  let requestCount = 0;

  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(
      connection.server.replace(/\/+$/, ''),
      {},
    ),
    authMethods: {
      default: {
        getName: () => 'aks-baseline bearer token',
        applySecurityAuthentication(context: RequestContext) {
          context.setHeaderParam('Authorization', `Bearer ${connection.token}`);
          context.setAgent(agent);
        },
      },
    },
    promiseMiddleware: [
      {
        pre: async (context: RequestContext) => {
          requestCount += 1;
          const deadline = AbortSignal.timeout(options.timeoutMs);
          context.setSignal(
            options.signal
              ? AbortSignal.any([deadline, options.signal])
              : deadline,
          );
          return context;
        },
        post: async (context: ResponseContext) => context,
      },
    ],
  });

  return {
    apis: {
      core: new CoreV1Api(configuration),
      apps: new AppsV1Api(configuration),
      networking: new NetworkingV1Api(configuration),
      discovery: new DiscoveryV1Api(configuration),
      custom: new CustomObjectsApi(configuration),
    },
    get requestCount() {
      return requestCount;
    },
    timedOut(error: unknown) {
      // node-fetch rejects with an AbortError whichever signal fired; the
      // caller's signal is the only other one, so an abort it did not cause
      // is the deadline.
      const aborted =
        (error as { name?: string } | undefined)?.name === 'AbortError' ||
        (error as { type?: string } | undefined)?.type === 'aborted';
      return aborted && !options.signal?.aborted;
    },
    close() {
      agent.destroy();
    },
  };
}
