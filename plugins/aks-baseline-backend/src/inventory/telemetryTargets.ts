import {
  type ArmResource,
  asString,
  normalizeArmResourceId,
  readArm,
  readArmList,
  virtualNetworkOfSubnet,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmInventoryListing } from './types';

/**
 * The resources whose diagnostic settings LOG-01 and LOG-03 read: every
 * cluster, gateway and vault listed, and the NSGs of the subnets of the VNets
 * the clusters' node pools are in (NSGs are not listed: their ids come from
 * those subnets). One request each, so the count grows with these resources,
 * not with the subscription's other ones.
 */
export function telemetryTargets(listing: ArmInventoryListing): ArmResource[] {
  const clusterVnets = new Set(
    listing.managedClusters
      .flatMap(cluster => readArmList(cluster, 'agentPoolProfiles'))
      .map(pool => virtualNetworkOfSubnet(readArm(pool, 'vnetSubnetID'))?.id)
      .filter((id): id is string => !!id)
      .map(normalizeArmResourceId),
  );
  const nsgIds = listing.virtualNetworks
    .filter(
      vnet => vnet.id && clusterVnets.has(normalizeArmResourceId(vnet.id)),
    )
    .flatMap(vnet => readArmList(vnet, 'subnets'))
    .map(subnet => asString(readArm(subnet, 'networkSecurityGroup.id')))
    .filter((id): id is string => !!id);
  const uniqueNsgs = [
    ...new Map(nsgIds.map(id => [normalizeArmResourceId(id), id])).values(),
  ];
  return [
    ...listing.managedClusters,
    ...listing.applicationGateways,
    ...listing.keyVaults,
    ...uniqueNsgs.map(id => ({ id })),
  ];
}
