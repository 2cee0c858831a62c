import {
  ArmResource,
  asString,
  clusterVirtualNetworks,
  readArm,
  readArmList,
  sameText,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';

/** The registries a cluster pulls from privately, and the endpoints that say so. */
export interface ClusterRegistries {
  /** Private endpoints in the cluster's VNet(s), whatever they connect to. */
  endpoints: ArmResource[];
  /** The registries those endpoints connect to (`groupIds: ["registry"]`). */
  registries: ArmResource[];
}

const CONNECTION_LISTS = [
  'privateLinkServiceConnections',
  'manualPrivateLinkServiceConnections',
];

/**
 * The stamp's registries (ACR-01/02): those a private endpoint in the
 * cluster's node VNet connects to. The inventory already lists private
 * endpoints per subscription, so this costs only the registries' own list;
 * an AcrPull role assignment would need a role-assignment list and says
 * nothing about the path nodes pull through. A registry reached only
 * through a peered VNet's endpoint is not found (ACR-01 then fails with
 * the fix). Registries are looked up by id in every listed subscription.
 */
export function registriesOfCluster(
  cluster: ArmResource,
  index: InventoryIndex,
): ClusterRegistries {
  const endpoints = clusterVirtualNetworks(cluster)
    .map(vnet => vnet.id)
    .filter((id): id is string => !!id)
    .flatMap(id => index.privateEndpointsInVnet(id));
  const registryIds = endpoints
    .flatMap(endpoint =>
      CONNECTION_LISTS.flatMap(list => readArmList(endpoint, list)),
    )
    .filter(connection =>
      readArmList(connection, 'groupIds').some(g => sameText(g, 'registry')),
    )
    .map(connection => asString(readArm(connection, 'privateLinkServiceId')));
  const registries = registryIds
    .map(id => index.byId(id))
    .filter((r): r is ArmResource => !!r);
  return {
    endpoints: [...new Set(endpoints)],
    registries: [...new Set(registries)],
  };
}
