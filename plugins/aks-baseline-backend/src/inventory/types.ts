import type {
  ArmResource,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { CloudSettings } from '../azure';
import type { SlowTierCache, SlowTierReadTimes } from './slowTier';

/** The resource types the inventory lists, each once per subscription. */
export interface ArmInventoryResources {
  managedClusters: ArmResource[];
  applicationGateways: ArmResource[];
  wafPolicies: ArmResource[];
  publicIpAddresses: ArmResource[];
  virtualNetworks: ArmResource[];
  routeTables: ArmResource[];
  /** Network security groups (packet traces: the subnets' NSG rules). */
  networkSecurityGroups: ArmResource[];
  azureFirewalls: ArmResource[];
  firewallPolicies: ArmResource[];
  /** IP groups firewall rules name as sources or destinations (FW-02). */
  ipGroups: ArmResource[];
  keyVaults: ArmResource[];
  privateEndpoints: ArmResource[];
  /** Container registries (ACR-01/02), associated by their private endpoints. */
  containerRegistries: ArmResource[];
  /**
   * Policy assignments (GOV-01): each subscription's unfiltered list, which
   * holds the assignments of the management groups above it, of the
   * subscription, and of everything inside it. Each item carries
   * `listedInSubscription` (see `LISTED_IN_SUBSCRIPTION`): a management
   * group's assignment appears in the list of every subscription below the
   * group, and applies to those only.
   */
  policyAssignments: ArmResource[];
  /** Data collection rules (LOG-02): what a cluster's associations name. */
  dataCollectionRules: ArmResource[];
}

/** The field the inventory adds to each policy assignment: the subscription whose list held it. */
export const LISTED_IN_SUBSCRIPTION = 'listedInSubscription';

/** A key of `ArmInventoryResources`. */
export type ArmResourceKind = keyof ArmInventoryResources;

/**
 * A (subscription, resource type) list that failed. What it would have
 * returned is unknown: the resolver must never read its absence as "there
 * are none" (see `src/resolver/listingGaps.ts`).
 */
export interface FailedListing {
  kind: ArmResourceKind;
  /** ARM resource type, e.g. `Microsoft.Network/applicationGateways`. */
  armType: string;
  subscriptionId: string;
  /** The same error as in `errors`. */
  error: SourceError;
}

/** What the first phase (listing types per subscription) found. */
export interface ArmInventoryListing extends ArmInventoryResources {
  /** Every subscription the inventory tried, including those that failed. */
  subscriptionsScanned: string[];
  /** Display names by lower-cased subscription id, when subscriptions were listed. */
  subscriptionNames?: Record<string, string>;
  /**
   * Failures attached to what they affect: kind `subscription` (scope: the
   * subscription id; the message names the resource type) or `vault` (scope:
   * the vault id), with the HTTP status when Azure answered one. A failed list
   * contributes no resources, never a partial list that would look complete.
   */
  errors: SourceError[];
  /** The lists behind the `subscription` errors, one per failed (subscription, type). */
  failedListings: FailedListing[];
}

/**
 * The ARM resources a refresh works from, in REST shape (settings under
 * `properties`, as ARM returns them and templates declare them).
 */
export interface ArmInventory extends ArmInventoryListing {
  /**
   * Key Vault secrets per vault (key: lower-cased vault id) from the ARM
   * control plane: `properties.attributes.exp` etc., never a secret value.
   * A vault whose listing failed has no entry and an error instead.
   */
  vaultSecrets: Record<string, ArmResource[]>;
  /**
   * Rule collection groups per firewall policy (key: lower-cased policy id),
   * one list per policy however many clusters it serves. A policy whose list
   * failed has no entry and an error (kind `resource`, scope the policy id).
   */
  ruleCollectionGroups: Record<string, ArmResource[]>;
  /**
   * Planned maintenance configurations per cluster (key: lower-cased
   * cluster id, UPG-01): not in the cluster's GET body, so one list per
   * cluster. A cluster whose list failed has no entry and an error (kind
   * `resource`, scope the cluster id).
   */
  maintenanceConfigurations: Record<string, ArmResource[]>;
  /**
   * Diagnostic settings per watched resource (key: lower-cased id; LOG-01,
   * LOG-03): one list per resource, `{id}/providers/Microsoft.Insights/
   * diagnosticSettings`. A resource whose list failed has no entry and an
   * error (kind `resource`, scope its id).
   */
  diagnosticSettings: Record<string, ArmResource[]>;
  /** Data collection rule associations per cluster (key: lower-cased id; LOG-02), as above. */
  dataCollectionRuleAssociations: Record<string, ArmResource[]>;
  /**
   * When each slow-tier list this refresh used was read (this refresh, or
   * an earlier one whose list was still fresh; see `SlowTierCache`).
   */
  slowTierReadAt?: SlowTierReadTimes;
  /** HTTP requests made, retries included. */
  requestCount: number;
  /** Requests Azure answered 429 Too Many Requests. */
  throttledCount: number;
}

export interface InventoryOptions {
  /**
   * How topology is listed: `arm` (default), a list per type and
   * subscription; `resourceGraph`, one paged Resource Graph query for all
   * subscriptions, and one of `PolicyResources` plus an `atScope()` list per
   * subscription for policy assignments (every child list stays on ARM).
   */
  mode?: 'arm' | 'resourceGraph';
  /** Absent: every subscription the credential can see. */
  subscriptionIds?: string[];
  /**
   * With `subscriptionIds`: also list the subscriptions once (one request)
   * for the given ones' display names, which the fleet page shows instead of
   * GUIDs. Without `subscriptionIds` the list is read anyway, names included.
   */
  nameSubscriptions?: boolean;
  credential: TokenCredential;
  cloud: CloudSettings;
  /** Replaces only the HTTP transport (tests, the demo source, benchmarks). */
  httpClient?: HttpClient;
  /** List calls (hence requests) in flight at once, overall. Default 16. */
  concurrency?: number;
  /** List calls in flight at once per subscription (ARM throttles per subscription). Default 4. */
  concurrencyPerSubscription?: number;
  /** Deadline of each HTTP request. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries of a throttled (429, honouring Retry-After) or failed (5xx) request. Default 4. */
  maxRetries?: number;
  /** Base delay of the exponential back-off on 5xx. Default 1 000 ms (the SDK's). */
  retryDelayMs?: number;
  /**
   * Which resources to read diagnostic settings of, given what phase one
   * found. Default: `telemetryTargets` (every cluster, gateway and vault
   * listed, the NSGs of the clusters' VNets); the plugin passes the
   * resolver's `clusterTelemetryTargets` (only those a cluster uses).
   */
  selectTelemetryTargets?: (listing: ArmInventoryListing) => ArmResource[];
  /** Which vaults to list secrets of, given what phase one found. Default: all. */
  selectVaults?: (listing: ArmInventoryListing) => ArmResource[];
  /**
   * Keeps the slow-tier lists (vault secrets, maintenance configurations,
   * diagnostic settings, data collection rule associations) between
   * refreshes; absent: every list is read at every refresh.
   */
  slowTier?: SlowTierCache;
  /**
   * What refers to each vault now (lower-cased vault id -> signature, e.g.
   * the secret names the gateways name): a vault whose signature changed is
   * read again before its cadence is up.
   */
  vaultSignatures?: (listing: ArmInventoryListing) => Map<string, string>;
  /** Abandons the whole inventory (e.g. the scheduler's task signal). */
  signal?: AbortSignal;
}
