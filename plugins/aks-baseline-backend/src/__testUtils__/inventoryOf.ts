import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import type { ResolverInventory } from '../resolver';
import { LISTED_IN_SUBSCRIPTION } from '../inventory';

/** Test-only: sorts REST resources into the inventory's lists, as the ARM list calls would. */
export function inventoryOf(resources: ArmResource[]): ResolverInventory {
  const of = (type: string) =>
    resources.filter(r => r.type?.toLowerCase() === type.toLowerCase());
  const vaultSecrets: Record<string, ArmResource[]> = {};
  for (const secret of of('Microsoft.KeyVault/vaults/secrets')) {
    const vaultId = secret.id!.replace(/\/secrets\/[^/]+$/, '').toLowerCase();
    (vaultSecrets[vaultId] ??= []).push(secret);
  }
  const ruleCollectionGroups: Record<string, ArmResource[]> = {};
  for (const group of of(
    'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
  )) {
    const policyId = group
      .id!.replace(/\/ruleCollectionGroups\/[^/]+$/i, '')
      .toLowerCase();
    (ruleCollectionGroups[policyId] ??= []).push(group);
  }
  for (const policy of of('Microsoft.Network/firewallPolicies'))
    ruleCollectionGroups[policy.id!.toLowerCase()] ??= [];
  // Every cluster's list was read: one without windows has none.
  const maintenanceConfigurations: Record<string, ArmResource[]> = {};
  for (const cluster of of('Microsoft.ContainerService/managedClusters'))
    maintenanceConfigurations[cluster.id!.toLowerCase()] = [];
  for (const configuration of of(
    'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  )) {
    const clusterId = configuration
      .id!.replace(/\/maintenanceConfigurations\/[^/]+$/i, '')
      .toLowerCase();
    (maintenanceConfigurations[clusterId] ??= []).push(configuration);
  }
  // Extension resources, under the resource they are on (every resource has a list, maybe empty).
  const extensionsOf = (type: string) => {
    const lists: Record<string, ArmResource[]> = {};
    for (const resource of resources) {
      const target = resource.id?.match(
        new RegExp(`^(.+)/providers/${type.replace('/', '/')}/[^/]+$`, 'i'),
      )?.[1];
      if (target && resource.type?.toLowerCase() === type.toLowerCase())
        (lists[target.toLowerCase()] ??= []).push(resource);
    }
    return lists;
  };
  const diagnosticSettings = extensionsOf(
    'Microsoft.Insights/diagnosticSettings',
  );
  const dataCollectionRuleAssociations = extensionsOf(
    'Microsoft.Insights/dataCollectionRuleAssociations',
  );
  for (const resource of resources) {
    if (resource.id && !resource.id.includes('/providers/Microsoft.Insights/'))
      diagnosticSettings[resource.id.toLowerCase()] ??= [];
  }
  for (const cluster of of('Microsoft.ContainerService/managedClusters'))
    dataCollectionRuleAssociations[cluster.id!.toLowerCase()] ??= [];
  return {
    managedClusters: of('Microsoft.ContainerService/managedClusters'),
    applicationGateways: of('Microsoft.Network/applicationGateways'),
    wafPolicies: of(
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    ),
    publicIpAddresses: of('Microsoft.Network/publicIPAddresses'),
    virtualNetworks: of('Microsoft.Network/virtualNetworks'),
    routeTables: of('Microsoft.Network/routeTables'),
    networkSecurityGroups: of('Microsoft.Network/networkSecurityGroups'),
    azureFirewalls: of('Microsoft.Network/azureFirewalls'),
    firewallPolicies: of('Microsoft.Network/firewallPolicies'),
    ipGroups: of('Microsoft.Network/ipGroups'),
    keyVaults: of('Microsoft.KeyVault/vaults'),
    privateEndpoints: of('Microsoft.Network/privateEndpoints'),
    containerRegistries: of('Microsoft.ContainerRegistry/registries'),
    // Listed in the subscription their id names (management groups' are
    // not sorted here: give them `listedInSubscription` yourself).
    policyAssignments: of('Microsoft.Authorization/policyAssignments').map(
      a => ({
        [LISTED_IN_SUBSCRIPTION]: /^\/subscriptions\/([^/]+)/i.exec(
          a.id ?? '',
        )?.[1],
        ...a,
      }),
    ),
    dataCollectionRules: of('Microsoft.Insights/dataCollectionRules'),
    vaultSecrets,
    ruleCollectionGroups,
    maintenanceConfigurations,
    diagnosticSettings,
    dataCollectionRuleAssociations,
  };
}
