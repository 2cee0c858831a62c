import {
  ArmResource,
  normalizeArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { LookupFunction } from 'node:net';
import {
  cancellationPolicy,
  RequestMetrics,
  requestTimeoutPolicy,
  shareTokens,
} from '../azure';
import type { ArmClientSettings, CloudSettings } from '../azure';
import { createLimiter } from '../inventory';
import {
  ClusterOverride,
  isPrivateCluster,
  resolveConnection,
} from './connection';
import { readCluster } from './readCluster';
import type { KubernetesReadResult, TraefikSettings } from './types';

export interface KubernetesReaderOptions {
  traefik: TraefikSettings;
  overrides: ClusterOverride[];
  credential: TokenCredential;
  cloud: CloudSettings;
  /** Replaces the ARM transport (demo, tests), as for the inventory. */
  httpClient?: HttpClient;
  /** Clusters read at once. */
  concurrency: number;
  /** List calls in flight per API server. */
  requestConcurrency: number;
  /** Deadline of each Kubernetes (and ARM) request. */
  timeoutMs: number;
  /** `limit` of each list page. */
  pageSize: number;
  /** Name resolution for API server hosts (the demo seals it off). */
  lookup?: LookupFunction;
  env?: NodeJS.ProcessEnv;
  readFile?: (path: string) => Promise<string>;
}

export interface FleetKubernetesRead {
  /** By lower-cased cluster resource id. */
  results: Map<string, KubernetesReadResult>;
  /** Requests sent to API servers. */
  kubernetesRequestCount: number;
  /** `listClusterUserCredential` calls (and their retries) sent to ARM. */
  armRequestCount: number;
}

/** Reads clusters' objects; one call per refresh. */
export type KubernetesFleetReader = (
  clusters: ArmResource[],
  signal?: AbortSignal,
) => Promise<FleetKubernetesRead>;

/** What a cluster not read because the refresh ended says. */
const ABANDONED: KubernetesReadResult = {
  unavailableReason: 'the refresh ended before the API server answered',
  notes: [],
  requestCount: 0,
};

/**
 * The I/O edge for in-cluster objects: per refresh, each cluster's
 * connection is resolved (config override, else ARM + Entra token) and its
 * API server read, a bounded number of clusters at a time. Never throws: a
 * cluster that cannot be read comes back with its reason.
 */
export function createKubernetesReader(
  options: KubernetesReaderOptions,
): KubernetesFleetReader {
  const credential = shareTokens(options.credential);
  return async (clusters, signal) => {
    const metrics = new RequestMetrics();
    const arm: ArmClientSettings = {
      credential,
      cloud: options.cloud,
      httpClient: options.httpClient,
      retryOptions: { maxRetries: 2 },
      perCallPolicies: signal ? [cancellationPolicy(signal)] : [],
      perRetryPolicies: [
        metrics.policy,
        requestTimeoutPolicy(options.timeoutMs),
      ],
    };
    const limit = createLimiter(options.concurrency);
    const results = new Map<string, KubernetesReadResult>();
    const read = (cluster: ArmResource) =>
      signal?.aborted
        ? Promise.resolve(ABANDONED)
        : readOne(cluster, { ...options, credential, arm, signal });

    await Promise.all(
      clusters.map(cluster =>
        limit(async () => {
          const result = await read(cluster);
          // A call cut short by the refresh's end is not the cluster's fault.
          results.set(
            normalizeArmResourceId(cluster.id ?? ''),
            signal?.aborted && !result.objects ? ABANDONED : result,
          );
        }),
      ),
    );

    return {
      results,
      kubernetesRequestCount: [...results.values()].reduce(
        (sum, r) => sum + r.requestCount,
        0,
      ),
      armRequestCount: metrics.requestCount,
    };
  };
}

/** One cluster: its connection (override or ARM), then its API server. */
async function readOne(
  cluster: ArmResource,
  deps: KubernetesReaderOptions & {
    arm: ArmClientSettings;
    signal?: AbortSignal;
  },
): Promise<KubernetesReadResult> {
  const id = cluster.id ?? '';
  const outcome = await resolveConnection(cluster, {
    overrides: deps.overrides,
    credential: deps.credential,
    arm: deps.arm,
    env: deps.env,
    readFile: deps.readFile,
  }).catch(error => ({
    unavailableReason: `connection to the API server could not be prepared: ${
      (error as Error).message
    }`,
  }));
  if (!('connection' in outcome)) {
    return {
      unavailableReason: outcome.unavailableReason,
      error: 'error' in outcome ? outcome.error : undefined,
      notes: [],
      requestCount: 0,
    };
  }
  const { connection } = outcome;
  const result = await readCluster({
    resourceId: id,
    connection,
    privateCluster: isPrivateCluster(cluster),
    traefik: deps.traefik,
    pageSize: deps.pageSize,
    timeoutMs: deps.timeoutMs,
    concurrency: deps.requestConcurrency,
    signal: deps.signal,
    lookup: deps.lookup,
  });
  // Published to the catalog (the Kubernetes plugin's locator needs it):
  // only ARM's CA, never one from config, which may front a proxy.
  return connection.source === 'azure' && connection.caPem
    ? {
        ...result,
        certificateAuthorityData: Buffer.from(connection.caPem).toString(
          'base64',
        ),
      }
    : result;
}
