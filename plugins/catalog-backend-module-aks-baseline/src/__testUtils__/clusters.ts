import type { DiscoveredAksCluster } from '@aks-baseline/plugin-aks-baseline-node';

/** A discovered cluster as the AKS baseline backend publishes it. */
export function discoveredCluster(
  name: string,
  overrides: Partial<DiscoveredAksCluster> = {},
): DiscoveredAksCluster {
  const subscriptionId =
    overrides.subscriptionId ?? '00000000-0000-0000-0000-000000000001';
  const resourceGroup = overrides.resourceGroup ?? 'rg-bu0001a0008';
  return {
    resourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    subscriptionId,
    resourceGroup,
    location: 'eastus2',
    apiServerFqdn: `${name}-dns-1a2b3c4d.hcp.eastus2.azmk8s.io`,
    tags: {},
    stale: false,
    ...overrides,
  };
}
