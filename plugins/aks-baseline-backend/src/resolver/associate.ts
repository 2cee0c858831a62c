import {
  ArmResource,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import { GATEWAY_CLUSTER_TAG, InventoryIndex } from './inventoryIndex';
import { nodeSubnetOf } from './egressAndVault';

export type AssociationRule = 'tag' | 'backend-in-cluster-vnet' | 'same-vnet';

/**
 * Which Application Gateways front a cluster. Precedence, first that matches:
 * 1. `tag`: the gateway's `aks-baseline.io/cluster` tag names the cluster;
 * 2. `backend-in-cluster-vnet`: a backend pool address lies in the cluster's
 *    VNet (the baseline points the pool at Traefik's internal IP);
 * 3. `same-vnet`: the gateway's subnet is in the cluster's VNet.
 * A gateway tagged for another cluster is never matched by rules 2 and 3.
 */
export function gatewaysForCluster(
  cluster: ArmResource,
  index: InventoryIndex,
): { gateways: ArmResource[]; rule?: AssociationRule } {
  const tagged = [
    ...(cluster.id ? index.gatewaysTagged(cluster.id) : []),
    ...(cluster.name ? index.gatewaysTagged(cluster.name) : []),
  ];
  if (tagged.length > 0) return { gateways: [...new Set(tagged)], rule: 'tag' };

  const vnet = nodeSubnetOf(cluster, index).entry?.vnet;
  if (!vnet?.id) return { gateways: [] };
  const prefixes = readArmList(vnet, 'addressSpace.addressPrefixes').filter(
    (p): p is string => typeof p === 'string',
  );
  const byBackend = index.untaggedGatewaysWithBackendIn(prefixes);
  if (byBackend.length > 0) {
    return { gateways: byBackend, rule: 'backend-in-cluster-vnet' };
  }

  const sameVnet = index
    .gatewaysInVnet(vnet.id)
    .filter(g => g.tags?.[GATEWAY_CLUSTER_TAG] === undefined);
  return sameVnet.length > 0
    ? { gateways: sameVnet, rule: 'same-vnet' }
    : { gateways: [] };
}
