import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { CloudSettings } from './cloud';

/** What every Azure SDK client of the plugin is built from. */
export interface ArmClientSettings {
  credential: TokenCredential;
  cloud: CloudSettings;
  /** Replaces only the transport (tests, a module's connection such as the demo, benchmarks). */
  httpClient?: HttpClient;
  retryOptions?: {
    maxRetries?: number;
    /** Base of the exponential back-off on 5xx and network errors. */
    retryDelayInMs?: number;
    maxRetryDelayInMs?: number;
  };
  /** Run for every HTTP attempt, retries included (counting, deadlines). */
  perRetryPolicies?: PipelinePolicy[];
  /** Run once per operation call, after retries settled (body capture). */
  perCallPolicies?: PipelinePolicy[];
}

function pipelineOptions(settings: ArmClientSettings) {
  return {
    endpoint: settings.cloud.armEndpoint,
    httpClient: settings.httpClient,
    retryOptions: settings.retryOptions,
    additionalPolicies: [
      ...(settings.perCallPolicies ?? []).map(policy => ({
        policy,
        position: 'perCall' as const,
      })),
      ...(settings.perRetryPolicies ?? []).map(policy => ({
        policy,
        position: 'perRetry' as const,
      })),
    ],
  };
}

/**
 * Options of the classic (AutoRest `core-client`) clients. They build request
 * URLs from `$host`, not from `endpoint`, so both must name the cloud.
 */
function classicOptions(settings: ArmClientSettings) {
  return {
    ...pipelineOptions(settings),
    $host: settings.cloud.armEndpoint,
    credentialScopes: [settings.cloud.scope],
  };
}

/** Options of the generated modular (`@azure-rest/core-client`) clients. */
function modularOptions(settings: ArmClientSettings) {
  return {
    ...pipelineOptions(settings),
    credentials: { scopes: [settings.cloud.scope] },
  };
}

export function createSubscriptionClient(
  settings: ArmClientSettings,
): SubscriptionClient {
  return new SubscriptionClient(settings.credential, classicOptions(settings));
}

export function createContainerServiceClient(
  settings: ArmClientSettings,
  subscriptionId: string,
): ContainerServiceClient {
  return new ContainerServiceClient(
    settings.credential,
    subscriptionId,
    modularOptions(settings),
  );
}

/** Resource Graph queries are tenant-level: no subscription in the client. */
export function createResourceGraphClient(
  settings: ArmClientSettings,
): ResourceGraphClient {
  return new ResourceGraphClient(settings.credential, modularOptions(settings));
}
