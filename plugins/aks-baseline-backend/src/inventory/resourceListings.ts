import {
  type ArmClientSettings,
  type ArmRestPages,
  listArmRest,
} from '../azure';
import {
  readArm,
  readArmList,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';
import { LISTED_IN_SUBSCRIPTION, type ArmResourceKind } from './types';
import { dataCollectionRuleFacts } from './slowTierFacts';
import { StringTable } from './stringTable';

/** How one resource type is listed for a whole subscription. */
export interface ResourceListing {
  kind: ArmResourceKind;
  /** ARM resource type: the list is `/subscriptions/{id}/providers/{armType}`. */
  armType: string;
  apiVersion: string;
  /**
   * What to keep of one subscription's items (default: each as listed);
   * repeated strings shared through the collection's table.
   */
  keep?(
    items: ArmResource[],
    subscriptionId: string,
    strings: StringTable,
  ): ArmResource[];
}

/** A subscription's list of one type (Microsoft's `..._ListAll`, `_ListBySubscription`). */
export function listInSubscription(
  settings: ArmClientSettings,
  listing: ResourceListing,
  subscriptionId: string,
): ArmRestPages {
  return listArmRest(
    settings,
    `/subscriptions/${subscriptionId}/providers/${listing.armType}`,
    listing.apiVersion,
  );
}

/**
 * The api-versions the inventory reads with: those of the specifications
 * its bodies are validated against (../shared/azure-specs), so what the
 * resolver is tested on is what ARM answers. Diagnostic settings have no
 * stable version with a spec.
 */
export const NETWORK_API_VERSION = '2026-07-01';
export const CONTAINER_SERVICE_API_VERSION = '2026-10-01';
export const KEY_VAULT_API_VERSION = '2026-04-01';
export const CONTAINER_REGISTRY_API_VERSION = '2025-11-01';
export const POLICY_ASSIGNMENT_API_VERSION = '2025-11-01';
export const DATA_COLLECTION_API_VERSION = '2024-03-11';
export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';

/**
 * One subscription-wide list per type: the request count grows with
 * subscriptions and pages, never with the number of clusters.
 */
export const RESOURCE_LISTINGS: readonly ResourceListing[] = [
  {
    kind: 'managedClusters',
    armType: 'Microsoft.ContainerService/managedClusters',
    apiVersion: CONTAINER_SERVICE_API_VERSION,
  },
  {
    kind: 'applicationGateways',
    armType: 'Microsoft.Network/applicationGateways',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'wafPolicies',
    armType:
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'publicIpAddresses',
    armType: 'Microsoft.Network/publicIPAddresses',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'virtualNetworks',
    armType: 'Microsoft.Network/virtualNetworks',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'routeTables',
    armType: 'Microsoft.Network/routeTables',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'networkSecurityGroups',
    armType: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'azureFirewalls',
    armType: 'Microsoft.Network/azureFirewalls',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'firewallPolicies',
    armType: 'Microsoft.Network/firewallPolicies',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'ipGroups',
    armType: 'Microsoft.Network/ipGroups',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    kind: 'keyVaults',
    armType: 'Microsoft.KeyVault/vaults',
    apiVersion: KEY_VAULT_API_VERSION,
  },
  {
    kind: 'privateEndpoints',
    armType: 'Microsoft.Network/privateEndpoints',
    apiVersion: NETWORK_API_VERSION,
  },
  {
    // ACR-01/02: the registries clusters reach through a private endpoint.
    kind: 'containerRegistries',
    armType: 'Microsoft.ContainerRegistry/registries',
    apiVersion: CONTAINER_REGISTRY_API_VERSION,
  },
  {
    // GOV-01. Unfiltered on purpose: PolicyAssignments_List without $filter
    // returns the assignments of the management groups above the
    // subscription, of the subscription, and of every resource group and
    // resource in it; $filter=atScope() would drop the resource groups'
    // (where the baseline assigns them) and the clusters' own. Resource
    // Graph mode reads those from PolicyResources and only the scopes above
    // with atScope() (`listPolicyAssignmentsAtScope`).
    kind: 'policyAssignments',
    armType: 'Microsoft.Authorization/policyAssignments',
    apiVersion: POLICY_ASSIGNMENT_API_VERSION,
    keep: (items, sub, strings) =>
      items.map(item => policyAssignmentFacts(item, sub, strings)),
  },
  {
    // LOG-02: listed once per subscription; only the associations are per cluster.
    kind: 'dataCollectionRules',
    armType: 'Microsoft.Insights/dataCollectionRules',
    apiVersion: DATA_COLLECTION_API_VERSION,
    keep: (items, _sub, strings) =>
      items.map(item => dataCollectionRuleFacts(item, strings)),
  },
];

/**
 * The policy assignments of a subscription's own scope and of the
 * management groups above it: PolicyAssignments_List with
 * `$filter=atScope()`, which Microsoft's specification (resources/policy
 * 2025-11-01, ../shared/azure-specs) defines as "everything in the
 * unfiltered list except those applied to objects contained within the
 * subscription". Usually one page: a subscription's own assignments and
 * its management groups', not the resource groups' (18 per baseline stamp).
 */
export function listPolicyAssignmentsAtScope(
  settings: ArmClientSettings,
  subscriptionId: string,
): ArmRestPages {
  return listArmRest(
    settings,
    `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments?$filter=atScope()`,
    POLICY_ASSIGNMENT_API_VERSION,
  );
}

/**
 * What GOV-01 reads of a policy assignment (its scope and notScopes, its
 * definition, enforcement mode and effect parameter) and the subscription
 * whose list held it. Each subscription's unfiltered list holds every
 * assignment under it, about 18 per baseline stamp, so the whole bodies
 * (display names, descriptions, metadata, every parameter) were the largest
 * part of a refresh's inventory (13 MB of JSON per 1,000 clusters). Every
 * string but the id repeats (18 definitions, one scope per resource group,
 * a few names and modes), so all of them go through `strings`.
 */
export function policyAssignmentFacts(
  item: ArmResource,
  listedInSubscription: string,
  strings: StringTable = new StringTable(),
): ArmResource {
  const effect = strings.share(readArm(item, 'parameters.effect.value'));
  // Absent and empty read alike (`readArmList`): most assignments have none.
  const notScopes = readArmList(item, 'notScopes');
  return {
    id: item.id,
    name: strings.share(item.name),
    type: strings.share(item.type),
    properties: {
      scope: strings.share(readArm(item, 'scope')),
      ...(notScopes.length > 0 && { notScopes: strings.shareAll(notScopes) }),
      policyDefinitionId: strings.share(readArm(item, 'policyDefinitionId')),
      enforcementMode: strings.share(readArm(item, 'enforcementMode')),
      ...(effect !== undefined && {
        parameters: { effect: { value: effect } },
      }),
    },
    [LISTED_IN_SUBSCRIPTION]: strings.share(listedInSubscription),
  };
}
