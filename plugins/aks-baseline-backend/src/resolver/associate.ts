import {
  ArmResource,
  asString,
  ipv4CidrContains,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InventoryIndex } from './inventoryIndex';
import { nodeSubnetOf } from './egressAndVault';

/** Tag on an Application Gateway naming the cluster (name or resource id) it fronts. */
export const GATEWAY_CLUSTER_TAG = 'aks-baseline.io/cluster';

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
  const all = index.inventory.applicationGateways;
  const clusterId = cluster.id?.toLowerCase();
  const clusterName = cluster.name?.toLowerCase();
  const tagOf = (g: ArmResource) =>
    g.tags?.[GATEWAY_CLUSTER_TAG]?.toLowerCase();

  const tagged = all.filter(g => {
    const tag = tagOf(g);
    return tag !== undefined && (tag === clusterId || tag === clusterName);
  });
  if (tagged.length > 0) return { gateways: tagged, rule: 'tag' };

  const vnet = nodeSubnetOf(cluster, index).entry?.vnet;
  if (!vnet?.id) return { gateways: [] };
  const untagged = all.filter(g => tagOf(g) === undefined);
  const prefixes = readArmList(vnet, 'addressSpace.addressPrefixes').filter(
    (p): p is string => typeof p === 'string',
  );

  const byBackend = untagged.filter(g =>
    readArmList(g, 'backendAddressPools').some(pool =>
      readArmList(pool, 'backendAddresses').some(address => {
        const ip = asString(readArm(address, 'ipAddress'));
        return ip !== undefined && prefixes.some(p => ipv4CidrContains(p, ip));
      }),
    ),
  );
  if (byBackend.length > 0) {
    return { gateways: byBackend, rule: 'backend-in-cluster-vnet' };
  }

  const sameVnet = index
    .gatewaysInVnet(vnet.id)
    .filter(g => tagOf(g) === undefined);
  return sameVnet.length > 0
    ? { gateways: sameVnet, rule: 'same-vnet' }
    : { gateways: [] };
}
