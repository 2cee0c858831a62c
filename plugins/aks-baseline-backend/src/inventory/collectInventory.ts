import type {
  ArmResource,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  cancellationPolicy,
  createContainerServiceClient,
  createKeyVaultClient,
  createNetworkClient,
  createSubscriptionClient,
  RequestMetrics,
  requestTimeoutPolicy,
  shareTokens,
  type ArmClientSettings,
  listArmRest,
  withPerCallPolicies,
} from '../azure';
import {
  normalizeArmResourceId,
  parseArmId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createSubscriptionLimiter, type SubscriptionLimiter } from './limiter';
import { listRawResources, type PagedList } from './listRawResources';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  DATA_COLLECTION_API_VERSION,
  DIAGNOSTIC_SETTINGS_API_VERSION,
  RESOURCE_LISTINGS,
} from './resourceListings';
import { telemetryTargets } from './telemetryTargets';
import { withoutSecretValue } from './secrets';
import { toSourceError } from './sourceErrors';
import type {
  ArmInventory,
  ArmInventoryListing,
  ArmInventoryResources,
  FailedListing,
  InventoryOptions,
} from './types';

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_CONCURRENCY_PER_SUBSCRIPTION = 4;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 4;

/**
 * Lists the ARM resources a fleet refresh needs.
 *
 * Phase one lists each resource type once per subscription; phase two lists
 * the secrets of each selected vault once, through the ARM control plane (so
 * a vault reachable only over Private Link still reports expiry dates), the
 * rule collection groups of each firewall policy once, and the planned
 * maintenance configurations of each cluster once (UPG-01: a child list, in
 * no GET body and with no subscription-wide list). The cost is
 * `subscriptions × types × pages + (vaults + policies + clusters) × pages`
 * requests (plus retries): the one per-cluster term is the maintenance list. A list that fails becomes a
 * `SourceError` on its subscription or vault; everything else still arrives.
 */
export async function collectInventory(
  options: InventoryOptions,
): Promise<ArmInventory> {
  const metrics = new RequestMetrics();
  const settings: ArmClientSettings = {
    credential: shareTokens(options.credential),
    cloud: options.cloud,
    httpClient: options.httpClient,
    retryOptions: {
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      retryDelayInMs: options.retryDelayMs,
    },
    perCallPolicies: options.signal ? [cancellationPolicy(options.signal)] : [],
    perRetryPolicies: [
      metrics.policy,
      requestTimeoutPolicy(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    ],
  };
  const limit = createSubscriptionLimiter({
    total: options.concurrency ?? DEFAULT_CONCURRENCY,
    perSubscription:
      options.concurrencyPerSubscription ??
      DEFAULT_CONCURRENCY_PER_SUBSCRIPTION,
  });
  const errors: SourceError[] = [];
  const subscriptionNames: Record<string, string> = {};

  const subscriptionIds =
    options.subscriptionIds ??
    (await listSubscriptions(settings, errors, subscriptionNames));
  const { resources, failedListings } = await listResourceTypes(
    settings,
    limit,
    subscriptionIds,
  );
  errors.push(...failedListings.map(f => f.error));
  const listing: ArmInventoryListing = {
    ...resources,
    subscriptionsScanned: [...subscriptionIds],
    // Only when subscriptions were listed: configured ids come without names.
    ...(Object.keys(subscriptionNames).length > 0 && { subscriptionNames }),
    errors: [...errors].sort(compareErrors),
    failedListings,
  };
  const vaults = options.selectVaults
    ? options.selectVaults(listing)
    : resources.keyVaults;
  const telemetryTargetsOf = options.selectTelemetryTargets ?? telemetryTargets;
  const [
    vaultSecrets,
    ruleCollectionGroups,
    maintenanceConfigurations,
    diagnosticSettings,
    dataCollectionRuleAssociations,
  ] = await Promise.all([
    listChildren(limit, vaults, errors, {
      what: 'Listing Key Vault secrets',
      errorKind: 'vault',
      list: (vault, perCallPolicies) =>
        createKeyVaultClient(
          withPerCallPolicies(settings, perCallPolicies),
          vault.subscriptionId,
        ).secrets.list(vault.resourceGroup, vault.name),
      keep: withoutSecretValue,
    }),
    listChildren(limit, resources.firewallPolicies, errors, {
      what: 'Listing firewall policy rule collection groups',
      errorKind: 'resource',
      list: (policy, perCallPolicies) =>
        createNetworkClient(
          withPerCallPolicies(settings, perCallPolicies),
          policy.subscriptionId,
        ).firewallPolicyRuleCollectionGroups.list(
          policy.resourceGroup,
          policy.name,
        ),
    }),
    listChildren(limit, resources.managedClusters, errors, {
      what: 'Listing cluster maintenance configurations',
      errorKind: 'resource',
      list: (cluster, perCallPolicies) =>
        createContainerServiceClient(
          withPerCallPolicies(settings, perCallPolicies),
          cluster.subscriptionId,
        ).maintenanceConfigurations.listByManagedCluster(
          cluster.resourceGroup,
          cluster.name,
        ),
    }),
    listChildren(limit, telemetryTargetsOf(listing), errors, {
      what: 'Listing diagnostic settings',
      errorKind: 'resource',
      list: (target, perCallPolicies) =>
        listArmRest(
          withPerCallPolicies(settings, perCallPolicies),
          `${target.id}/providers/Microsoft.Insights/diagnosticSettings`,
          DIAGNOSTIC_SETTINGS_API_VERSION,
        ),
    }),
    listChildren(limit, resources.managedClusters, errors, {
      what: 'Listing data collection rule associations',
      errorKind: 'resource',
      list: (cluster, perCallPolicies) =>
        listArmRest(
          withPerCallPolicies(settings, perCallPolicies),
          `${cluster.id}/providers/Microsoft.Insights/dataCollectionRuleAssociations`,
          DATA_COLLECTION_API_VERSION,
        ),
    }),
  ]);

  throwIfAborted(options.signal);
  return {
    ...listing,
    // Lists finish in any order; a stable order keeps snapshots comparable.
    errors: errors.sort(compareErrors),
    vaultSecrets,
    ruleCollectionGroups,
    maintenanceConfigurations,
    diagnosticSettings,
    dataCollectionRuleAssociations,
    requestCount: metrics.requestCount,
    throttledCount: metrics.throttledCount,
  };
}

async function listSubscriptions(
  settings: ArmClientSettings,
  errors: SourceError[],
  names: Record<string, string>,
): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const subscription of createSubscriptionClient(
      settings,
    ).subscriptions.list()) {
      // Disabled and deleted subscriptions answer every list with an error.
      const usable =
        subscription.state !== 'Disabled' && subscription.state !== 'Deleted';
      if (subscription.subscriptionId && usable) {
        ids.push(subscription.subscriptionId);
        if (subscription.displayName) {
          names[subscription.subscriptionId.toLowerCase()] =
            subscription.displayName;
        }
      }
    }
  } catch (error) {
    errors.push(
      toSourceError(
        error,
        'subscription',
        '/subscriptions',
        'Listing subscriptions',
      ),
    );
  }
  return ids;
}

async function listResourceTypes(
  settings: ArmClientSettings,
  limit: SubscriptionLimiter,
  subscriptionIds: string[],
): Promise<{
  resources: ArmInventoryResources;
  failedListings: FailedListing[];
}> {
  const jobs = subscriptionIds.flatMap(subscriptionId =>
    RESOURCE_LISTINGS.map(async listing => {
      try {
        const items = await limit(subscriptionId, () =>
          listRawResources(policies =>
            listing.list(settings, subscriptionId, policies),
          ),
        );
        return {
          kind: listing.kind,
          items: listing.keep ? listing.keep(items, subscriptionId) : items,
        };
      } catch (error) {
        const failed: FailedListing = {
          kind: listing.kind,
          armType: listing.armType,
          subscriptionId,
          error: toSourceError(
            error,
            'subscription',
            subscriptionId,
            `Listing ${listing.armType}`,
          ),
        };
        return { kind: listing.kind, items: [], failed };
      }
    }),
  );
  const resources = emptyResources();
  const failedListings: FailedListing[] = [];
  // Promise.all keeps job order: subscriptions as given, then types.
  for (const { kind, items, failed } of await Promise.all(jobs)) {
    resources[kind].push(...items);
    if (failed) failedListings.push(failed);
  }
  return { resources, failedListings };
}

/** A resource whose children are listed: where it lives, and its id as listed. */
interface ParentRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** Each parent once, however often it was selected; ids that do not parse are skipped. */
function parentRefs(parents: ArmResource[]): Map<string, ParentRef> {
  const refs = new Map<string, ParentRef>();
  for (const parent of parents) {
    const parts = parent.id ? parseArmId(parent.id) : undefined;
    if (parent.id && parts) {
      refs.set(normalizeArmResourceId(parent.id), {
        id: parent.id,
        subscriptionId: parts.subscriptionId,
        resourceGroup: parts.resourceGroup,
        name: parts.names[0],
      });
    }
  }
  return refs;
}

/**
 * One list per parent (a vault's secrets, a policy's rule collection
 * groups). A failed list leaves its parent without an entry and adds an
 * error scoped to the parent.
 */
async function listChildren(
  limit: SubscriptionLimiter,
  parents: ArmResource[],
  errors: SourceError[],
  how: {
    what: string;
    errorKind: SourceError['kind'];
    list: (parent: ParentRef, perCallPolicies: PipelinePolicy[]) => PagedList;
    keep?: (child: ArmResource) => ArmResource;
  },
): Promise<Record<string, ArmResource[]>> {
  const listed = await Promise.all(
    [...parentRefs(parents)].map(async ([key, parent]) => {
      try {
        const items = await limit(parent.subscriptionId, () =>
          listRawResources(perCallPolicies =>
            how.list(parent, perCallPolicies),
          ),
        );
        return [key, how.keep ? items.map(how.keep) : items] as const;
      } catch (error) {
        errors.push(toSourceError(error, how.errorKind, parent.id, how.what));
        return undefined;
      }
    }),
  );
  // Keys in the order the parents were given, whatever order lists finished in.
  return Object.fromEntries(listed.filter(entry => entry !== undefined));
}

function compareErrors(a: SourceError, b: SourceError): number {
  return (
    a.kind.localeCompare(b.kind) ||
    a.scope.localeCompare(b.scope) ||
    a.message.localeCompare(b.message)
  );
}

function emptyResources(): ArmInventoryResources {
  return {
    managedClusters: [],
    applicationGateways: [],
    wafPolicies: [],
    publicIpAddresses: [],
    virtualNetworks: [],
    routeTables: [],
    azureFirewalls: [],
    firewallPolicies: [],
    ipGroups: [],
    keyVaults: [],
    privateEndpoints: [],
    containerRegistries: [],
    policyAssignments: [],
    dataCollectionRules: [],
  };
}

function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) {
    const error = new Error('The inventory was abandoned before it finished');
    error.name = 'AbortError';
    throw error;
  }
}
