import {
  type ArmResource,
  normalizeArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmInventoryListing } from '../inventory';
import { indexInventory } from './inventoryIndex';
import { lookUpResources } from './resolveCluster';
import { networkSecurityGroups } from './telemetry';

/**
 * The resources whose diagnostic settings LOG-01 and LOG-03 read, as the
 * resolver associates them with the listed clusters: each cluster, the
 * gateways in front of it, the vaults its chain uses and the NSGs of its
 * VNet's subnets; each once, however many clusters share it. The inventory's
 * `selectTelemetryTargets`: a gateway or vault no cluster uses costs nothing.
 */
export function clusterTelemetryTargets(
  listing: ArmInventoryListing,
): ArmResource[] {
  const index = indexInventory({ ...listing, vaultSecrets: {} });
  const targets = new Map<string, ArmResource>();
  const add = (resource: ArmResource) => {
    if (resource.id) targets.set(normalizeArmResourceId(resource.id), resource);
  };
  for (const cluster of listing.managedClusters) {
    const resources = lookUpResources(cluster, index, {});
    add(cluster);
    resources.gateways.forEach(add);
    resources.vaults.forEach(add);
    networkSecurityGroups(resources.nodeSubnet.entry?.vnet).forEach(id =>
      add({ id }),
    );
  }
  return [...targets.values()];
}
