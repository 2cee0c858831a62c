import type {
  ArmResource,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  cancellationPolicy,
  createSubscriptionClient,
  listAllItems,
  listArmRest,
  RequestMetrics,
  requestTimeoutPolicy,
  shareTokens,
  type ArmClientSettings,
  type ArmRestPages,
} from '../azure';
import {
  normalizeArmResourceId,
  parseArmId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createSubscriptionLimiter, type SubscriptionLimiter } from './limiter';
import {
  CONTAINER_SERVICE_API_VERSION,
  DATA_COLLECTION_API_VERSION,
  DIAGNOSTIC_SETTINGS_API_VERSION,
  KEY_VAULT_API_VERSION,
  listInSubscription,
  NETWORK_API_VERSION,
  RESOURCE_LISTINGS,
  type ResourceListing,
} from './resourceListings';
import { telemetryTargets } from './telemetryTargets';
import { secretFacts } from './secrets';
import {
  dataCollectionRuleAssociationFacts,
  diagnosticSettingFacts,
  maintenanceConfigurationFacts,
} from './slowTierFacts';
import { StringTable } from './stringTable';
import {
  freshList,
  rememberList,
  SLOW_TIER_LISTINGS,
  SLOW_TIER_PARTS,
  type SlowTierList,
  type SlowTierPart,
  type SlowTierReadTimes,
} from './slowTier';
import { failedListingOf, toSourceError } from './sourceErrors';
import { GraphQuota, listTopologyByResourceGraph } from './resourceGraph';
import { listPolicyAssignmentsWithGraph } from './policyAssignmentsByGraph';
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
  // What the lists keep shares its repeated strings (see StringTable).
  const strings = new StringTable();
  const subscriptionNames: Record<string, string> = {};
  const readAt = emptyReadTimes();
  // Without a cache every list is read now: no times to keep.
  const cache = options.slowTier;
  const slowTier = (part: SlowTierPart, signatures?: Map<string, string>) =>
    cache && { part, cache, signatures, readAt: readAt[part] };

  const subscriptionIds =
    options.subscriptionIds ??
    (await listSubscriptions(settings, errors, subscriptionNames));
  if (options.subscriptionIds && options.nameSubscriptions) {
    await nameSubscriptions(
      settings,
      options.subscriptionIds,
      subscriptionNames,
    );
  }
  const { resources, failedListings, later } =
    options.mode === 'resourceGraph'
      ? await listTopologyWithGraph(
          settings,
          limit,
          subscriptionIds,
          slowTier,
          strings,
        )
      : await listResourceTypes(
          settings,
          limit,
          subscriptionIds,
          slowTier,
          strings,
        );
  errors.push(...failedListings.map(f => f.error));
  const listing: ArmInventoryListing = {
    ...resources,
    subscriptionsScanned: [...subscriptionIds],
    // When subscriptions were listed: configured ids come without names
    // unless nameSubscriptions lists them for their names.
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
      list: vault =>
        listArmRest(settings, `${vault.id}/secrets`, KEY_VAULT_API_VERSION),
      keep: secret => secretFacts(secret, strings),
      tier: slowTier('vaultSecrets', options.vaultSignatures?.(listing)),
    }),
    listChildren(limit, resources.firewallPolicies, errors, {
      what: 'Listing firewall policy rule collection groups',
      errorKind: 'resource',
      list: policy =>
        listArmRest(
          settings,
          `${policy.id}/ruleCollectionGroups`,
          NETWORK_API_VERSION,
        ),
    }),
    listChildren(limit, resources.managedClusters, errors, {
      what: 'Listing cluster maintenance configurations',
      errorKind: 'resource',
      list: cluster =>
        listArmRest(
          settings,
          `${cluster.id}/maintenanceConfigurations`,
          CONTAINER_SERVICE_API_VERSION,
        ),
      keep: configuration =>
        maintenanceConfigurationFacts(configuration, strings),
      tier: slowTier('maintenanceConfigurations'),
    }),
    listChildren(limit, telemetryTargetsOf(listing), errors, {
      what: 'Listing diagnostic settings',
      errorKind: 'resource',
      list: target =>
        listArmRest(
          settings,
          `${target.id}/providers/Microsoft.Insights/diagnosticSettings`,
          DIAGNOSTIC_SETTINGS_API_VERSION,
        ),
      keep: setting => diagnosticSettingFacts(setting, strings),
      tier: slowTier('diagnosticSettings'),
    }),
    listChildren(limit, resources.managedClusters, errors, {
      what: 'Listing data collection rule associations',
      errorKind: 'resource',
      list: cluster =>
        listArmRest(
          settings,
          `${cluster.id}/providers/Microsoft.Insights/dataCollectionRuleAssociations`,
          DATA_COLLECTION_API_VERSION,
        ),
      keep: association =>
        dataCollectionRuleAssociationFacts(association, strings),
      tier: slowTier('dataCollectionRuleAssociations'),
    }),
  ]);

  const policies = await later;
  if (policies) {
    listing.policyAssignments = policies.policyAssignments;
    listing.failedListings.push(...policies.failedListings);
    errors.push(...policies.failedListings.map(f => f.error));
  }
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
    slowTierReadAt: cache ? readAt : undefined,
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

/**
 * The display names of the configured subscriptions, from one list of the
 * subscriptions the identity sees. Names only label the fleet page: a list
 * that fails leaves the GUIDs and is no source error (the configured
 * subscriptions are still read).
 */
async function nameSubscriptions(
  settings: ArmClientSettings,
  subscriptionIds: string[],
  names: Record<string, string>,
): Promise<void> {
  const wanted = new Set(subscriptionIds.map(id => id.toLowerCase()));
  try {
    for await (const subscription of createSubscriptionClient(
      settings,
    ).subscriptions.list()) {
      const id = subscription.subscriptionId?.toLowerCase();
      if (id && wanted.has(id) && subscription.displayName) {
        names[id] = subscription.displayName;
      }
    }
  } catch {
    // Keep whatever names arrived before the failure; GUIDs for the rest.
  }
}

/** The per-type lists; with Resource Graph, the policy assignments `later`. */
interface TopologyListing {
  resources: ArmInventoryResources;
  failedListings: FailedListing[];
  later?: Promise<{
    policyAssignments: ArmResource[];
    failedListings: FailedListing[];
  }>;
}

/**
 * Resource Graph for the topology types, one paged query for all
 * subscriptions; policy assignments from `PolicyResources` and an
 * `atScope()` list per subscription (`listPolicyAssignmentsWithGraph`).
 *
 * The policy assignments come `later`: only the resolver reads them, so the
 * per-resource reads start as soon as the topology is in, and the policy
 * pages (180 at 10,000 clusters) spend the Resource Graph quota beside them
 * instead of ahead of them. The topology's queries go first for the same
 * reason: sharing the quota with the policy pages, they finished last.
 */
async function listTopologyWithGraph(
  settings: ArmClientSettings,
  limit: SubscriptionLimiter,
  subscriptionIds: string[],
  slowTier: SlowTierOf,
  strings: StringTable,
): Promise<TopologyListing> {
  const quota = new GraphQuota();
  const graph = await listTopologyByResourceGraph(
    settings,
    quota,
    subscriptionIds,
  );
  const later = listPolicyAssignmentsWithGraph(
    settings,
    quota,
    limit,
    subscriptionIds,
    slowTier(SLOW_TIER_LISTINGS.policyAssignments!),
    strings,
  );
  // Awaited after the child reads; a run abandoned before then must not
  // leave its rejection unhandled.
  later.catch(() => undefined);
  return {
    resources: { ...emptyResources(), ...graph.resources },
    failedListings: graph.failedListings,
    later,
  };
}

async function listResourceTypes(
  settings: ArmClientSettings,
  limit: SubscriptionLimiter,
  subscriptionIds: string[],
  slowTier: SlowTierOf,
  strings: StringTable,
  listings: readonly ResourceListing[] = RESOURCE_LISTINGS,
): Promise<TopologyListing> {
  const subscriptionKeys = new Set(subscriptionIds.map(s => s.toLowerCase()));
  for (const listing of listings) {
    const slowPart = SLOW_TIER_LISTINGS[listing.kind];
    const tier = slowPart && slowTier(slowPart);
    tier?.cache.keepOnly(tier.part, subscriptionKeys);
  }
  const jobs = subscriptionIds.flatMap(subscriptionId =>
    listings.map(async listing => {
      // A slow-tier type: this subscription's last list while fresh.
      const slowPart = SLOW_TIER_LISTINGS[listing.kind];
      const tier = slowPart && slowTier(slowPart);
      const key = subscriptionId.toLowerCase();
      const cached = tier && freshList(tier, key);
      if (cached) return { kind: listing.kind, items: cached };
      try {
        const listed = await limit(subscriptionId, () =>
          listArmItems(listInSubscription(settings, listing, subscriptionId)),
        );
        const items = listing.keep
          ? listing.keep(listed, subscriptionId, strings)
          : listed;
        if (tier) rememberList(tier, key, items);
        return { kind: listing.kind, items };
      } catch (error) {
        const failed = failedListingOf(
          listing,
          subscriptionId,
          error,
          'Listing',
        );
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
    list: (parent: ParentRef) => ArmRestPages;
    keep?: (child: ArmResource) => ArmResource;
    /** A slow-tier list: served from the cache while fresh, and when read is stamped. */
    tier?: SlowTierList;
  },
): Promise<Record<string, ArmResource[]>> {
  const refs = parentRefs(parents);
  const tier = how.tier;
  tier?.cache.keepOnly(tier.part, new Set(refs.keys()));
  const listed = await Promise.all(
    [...refs].map(async ([key, parent]) => {
      const cached = tier && freshList(tier, key);
      if (cached) return [key, cached] as const;
      try {
        const listedItems = await limit(parent.subscriptionId, () =>
          listArmItems(how.list(parent)),
        );
        const items = how.keep ? listedItems.map(how.keep) : listedItems;
        if (tier) rememberList(tier, key, items);
        return [key, items] as const;
      } catch (error) {
        errors.push(toSourceError(error, how.errorKind, parent.id, how.what));
        return undefined;
      }
    }),
  );
  // Keys in the order the parents were given, whatever order lists finished in.
  return Object.fromEntries(listed.filter(entry => entry !== undefined));
}

/** A list's items, as ARM sent them. */
async function listArmItems(pages: ArmRestPages): Promise<ArmResource[]> {
  return (await listAllItems(pages)) as ArmResource[];
}

/** The slow tier of one part, when the refresh has a cache. */
type SlowTierOf = (
  part: SlowTierPart,
  signatures?: Map<string, string>,
) => SlowTierList | undefined;

function emptyReadTimes(): SlowTierReadTimes {
  return Object.fromEntries(
    SLOW_TIER_PARTS.map(part => [part, {}]),
  ) as SlowTierReadTimes;
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
    networkSecurityGroups: [],
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
