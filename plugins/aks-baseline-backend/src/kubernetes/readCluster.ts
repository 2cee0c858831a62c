import type {
  KubernetesObject,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { LookupFunction } from 'node:net';
import { createLimiter } from '../inventory';
import { openApiSession } from './client/apiSession';
import { classifyFailure, ListFailure } from './client/failures';
import { listAll } from './client/listAll';
import { LISTED_RESOURCES, ListedResource, resourceName } from './resources';
import type {
  ClusterConnection,
  KubernetesReadResult,
  TraefikSettings,
} from './types';

export interface ReadClusterOptions {
  resourceId: string;
  connection: ClusterConnection;
  /** From ARM (`apiServerAccessProfile.enablePrivateCluster`): shapes the message when unreachable. */
  privateCluster: boolean;
  traefik: TraefikSettings;
  pageSize: number;
  timeoutMs: number;
  /** List calls in flight at once against this API server. */
  concurrency: number;
  signal?: AbortSignal;
  lookup?: LookupFunction;
}

type Outcome =
  | { resource: ListedResource; items: KubernetesObject[] }
  | { resource: ListedResource; failure: ListFailure };

/**
 * Reads one cluster: namespaces first, which settles whether the API server
 * can be reached and trusts the portal at all (one failed request instead
 * of thirteen timeouts), then the other lists in parallel. Any list that
 * fails makes the whole cluster unobserved, with the precise reason: judging
 * controls on a partial read (no pods, say) would report false failures.
 */
export async function readCluster(
  options: ReadClusterOptions,
): Promise<KubernetesReadResult> {
  const session = openApiSession(options.connection, {
    timeoutMs: options.timeoutMs,
    maxSockets: options.concurrency,
    signal: options.signal,
    lookup: options.lookup,
  });
  const host = hostOf(options.connection.server);
  const request = { limit: options.pageSize, traefik: options.traefik };

  const run = async (resource: ListedResource): Promise<Outcome> => {
    try {
      return {
        resource,
        items: await listAll(resource, session.apis, request),
      };
    } catch (error) {
      return {
        resource,
        failure: classifyFailure(error, {
          host,
          timeoutMs: options.timeoutMs,
          timedOut: session.timedOut(error),
        }),
      };
    }
  };

  try {
    const [first, ...rest] = LISTED_RESOURCES;
    const outcomes: Outcome[] = [await run(first)];
    if (!('failure' in outcomes[0])) {
      const limit = createLimiter(options.concurrency);
      outcomes.push(...(await Promise.all(rest.map(r => limit(() => run(r))))));
    }
    return summarize(outcomes, options, session.requestCount);
  } finally {
    session.close();
  }
}

function summarize(
  outcomes: Outcome[],
  options: ReadClusterOptions,
  requestCount: number,
): KubernetesReadResult {
  const notes = new Set<string>();
  const objects: KubernetesObject[] = [];
  const failures: Array<{ resource: ListedResource; failure: ListFailure }> =
    [];
  const configurationFailures: typeof failures = [];
  for (const outcome of outcomes) {
    if ('items' in outcome) {
      objects.push(...outcome.items);
    } else if (outcome.resource.feedsOnly) {
      configurationFailures.push(outcome);
    } else if (
      outcome.failure.kind === 'status' &&
      outcome.failure.status === 404 &&
      outcome.resource.absentNote
    ) {
      notes.add(outcome.resource.absentNote);
    } else {
      failures.push(outcome);
    }
  }
  if (failures.length === 0) {
    return {
      objects,
      notes: [...notes],
      requestCount,
      ...configurationUnknown(configurationFailures, options),
    };
  }
  const { reason, error } = explainFailures(failures, options);
  return { unavailableReason: reason, error, notes: [...notes], requestCount };
}

/**
 * A failed ConfigMap list hides only Traefik's file configuration: the
 * cluster stays observed, K8S-02/03 keep their last good verdicts (the
 * resolver records the failure as a gap), and the failure is an error.
 */
function configurationUnknown(
  failures: Array<{ resource: ListedResource; failure: ListFailure }>,
  options: ReadClusterOptions,
): Pick<KubernetesReadResult, 'traefikConfigurationError' | 'error'> {
  if (failures.length === 0) return {};
  const { reason, error } = explainFailures(failures, options);
  const reported = error ?? {
    scope: options.resourceId,
    kind: 'kubernetes' as const,
    message: reason,
  };
  return { traefikConfigurationError: reported, error: reported };
}

/** One sentence for the hops, and an error unless the silence is expected. */
function explainFailures(
  failures: Array<{ resource: ListedResource; failure: ListFailure }>,
  options: ReadClusterOptions,
): { reason: string; error?: SourceError } {
  const error = (message: string, status?: number): SourceError => ({
    scope: options.resourceId,
    kind: 'kubernetes',
    message,
    ...(status ? { status } : {}),
  });
  const statusOf = (code: number) =>
    failures.filter(
      f => f.failure.kind === 'status' && f.failure.status === code,
    );

  const unauthorized = statusOf(401);
  if (unauthorized.length) {
    const who =
      options.connection.source === 'config'
        ? `the service-account token in $${options.connection.tokenEnv}`
        : "the portal's Entra token for the AKS server application";
    const reason = `API server answered 401: ${who} was rejected`;
    return { reason, error: error(reason, 401) };
  }
  const forbidden = statusOf(403);
  if (forbidden.length) {
    const names = forbidden.map(f => resourceName(f.resource)).join(', ');
    const first = forbidden[0].failure;
    const detail =
      first.kind === 'status' && first.message ? ` (${first.message})` : '';
    // ConfigMaps are granted by a Role in Traefik's namespace, the rest cluster-wide.
    const role = forbidden.every(f => f.resource.grantedInTraefikNamespace)
      ? `Role in namespace ${options.traefik.namespace}`
      : 'ClusterRole';
    const reason = `API server answered 403: the portal's identity lacks list on ${names}; grant the plugin's ${role}${detail}`;
    return { reason, error: error(reason, 403) };
  }

  const { resource, failure } = failures[0];
  switch (failure.kind) {
    case 'unreachable': {
      if (options.privateCluster) {
        // The baseline keeps API servers private: expected, not an error.
        return {
          reason: `API server not reachable from the portal (private cluster): ${failure.detail}`,
        };
      }
      const reason = `API server not reachable from the portal: ${failure.detail}`;
      return { reason, error: error(reason) };
    }
    case 'tls': {
      const reason = `API server not trusted: ${failure.detail}; check the cluster CA (listClusterUserCredential, or caData/caFile in aksBaseline.kubernetes.clusters)`;
      return { reason, error: error(reason) };
    }
    case 'cancelled':
      return {
        reason: 'the refresh ended before the API server answered',
      };
    default: {
      const reason = `API server answered ${
        failure.status
      } listing ${resourceName(resource)}${
        failure.message ? `: ${failure.message}` : ''
      }`;
      return { reason, error: error(reason, failure.status) };
    }
  }
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
