import {
  ArmResource,
  asString,
  readArm,
  readArmList,
  sameArmResourceId,
  virtualNetworkOfSubnet,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';

/** The firewall a cluster's default route reaches, or why it is not known. */
export interface EgressFirewall {
  firewall?: ArmResource;
  /** Set when firewalls own the next hop's IP but none is the one egress meets for sure. */
  notIdentified?: string;
}

/** How a candidate firewall stands to the node VNet. */
type Reach =
  | { kind: 'reachable'; how: string }
  | { kind: 'unreachable'; how: string }
  | { kind: 'unverifiable'; how: string };

/**
 * The firewall egress meets: a route's next hop is resolved in the node
 * VNet's address space, which is the VNet itself plus the VNets it is
 * peered with (peering state Connected; peering is not transitive). Hubs
 * may share a private IP (the baseline's all use 10.200.0.4), so among the
 * firewalls owning the IP, the one in the node VNet or a peered VNet is it.
 *
 * - Exactly one reachable candidate: that firewall.
 * - A single candidate and nothing to check it by (the node VNet lists no
 *   peerings, or the firewall's VNet is unknown, as for a Virtual WAN hub's):
 *   that firewall, as before peerings were read, so estates read without
 *   peerings do not regress.
 * - Otherwise (several reachable, or none): no firewall, and a reason that
 *   names the IP, each candidate and what to check. Judging the cluster on
 *   another hub's firewall would show what no packet meets.
 */
export function egressFirewallOf(
  nextHopIp: string | undefined,
  nodeVnet: ArmResource | undefined,
  index: InventoryIndex,
): EgressFirewall {
  if (!nextHopIp) return {};
  // The usual case from the node VNet's side: one lookup per reachable VNet,
  // so the cost does not grow with the number of hubs.
  const found = new Set(
    reachableVnetIds(nodeVnet).flatMap(vnetId =>
      index.firewallsByPrivateIpInVnet(nextHopIp, vnetId),
    ),
  );
  if (found.size === 1) return { firewall: [...found][0] };
  const candidates = index.firewallsByPrivateIp(nextHopIp);
  if (candidates.length === 0) return {};
  const judged = candidates.map(firewall => ({
    firewall,
    reach: reachFrom(nodeVnet, firewall),
  }));
  const reachable = judged.filter(j => j.reach.kind === 'reachable');
  if (judged.length === 1 && judged[0].reach.kind === 'unverifiable')
    return { firewall: judged[0].firewall };
  const vnetName = nodeVnet?.name ?? 'of the node subnet';
  const listed = judged
    .map(j => `${j.firewall.id} (${j.reach.how})`)
    .join('; ');
  return {
    notIdentified:
      reachable.length > 1
        ? `${reachable.length} firewalls with private IP ${nextHopIp} are in or peered with VNet ${vnetName}, so which one egress meets is not known: ${listed}. Check the VNet's peerings: the spoke should be peered with one hub`
        : `no firewall with private IP ${nextHopIp} is in VNet ${vnetName} or a VNet peered with it (peering state Connected), so which one egress meets is not known: ${listed}. Check the spoke's peering to its hub (virtualNetworkPeerings)`,
  };
}

/** The node VNet and the VNets it is peered with, peering Connected. */
function reachableVnetIds(nodeVnet: ArmResource | undefined): string[] {
  if (!nodeVnet?.id) return [];
  const peered = readArmList(nodeVnet, 'virtualNetworkPeerings')
    .filter(
      p => asString(readArm(p, 'peeringState'))?.toLowerCase() === 'connected',
    )
    .map(p => asString(readArm(p, 'remoteVirtualNetwork.id')))
    .filter((id): id is string => !!id);
  return [nodeVnet.id, ...peered];
}

/** Whether a packet from the node VNet reaches this firewall's VNet (the reason's words). */
function reachFrom(
  nodeVnet: ArmResource | undefined,
  firewall: ArmResource,
): Reach {
  const firewallVnetId = firewallVnetIdOf(firewall);
  if (!firewallVnetId)
    return { kind: 'unverifiable', how: 'its VNet is not known' };
  if (nodeVnet?.id && sameArmResourceId(nodeVnet.id, firewallVnetId))
    return { kind: 'reachable', how: 'in the node VNet' };
  const peerings = readArm(nodeVnet, 'virtualNetworkPeerings');
  if (!Array.isArray(peerings))
    return {
      kind: 'unverifiable',
      how: `in ${firewallVnetId}; the node VNet's peerings were not listed`,
    };
  const peering = peerings.find(p => {
    const remote = asString(readArm(p, 'remoteVirtualNetwork.id'));
    return !!remote && sameArmResourceId(remote, firewallVnetId);
  });
  if (!peering)
    return { kind: 'unreachable', how: `in ${firewallVnetId}, not peered` };
  const state = asString(readArm(peering, 'peeringState')) ?? 'unknown';
  return state.toLowerCase() === 'connected'
    ? { kind: 'reachable', how: `in ${firewallVnetId}, peering Connected` }
    : { kind: 'unreachable', how: `in ${firewallVnetId}, peering ${state}` };
}

/** The VNet of the firewall's AzureFirewallSubnet (none for a Virtual WAN hub's firewall). */
export function firewallVnetIdOf(firewall: ArmResource): string | undefined {
  return readArmList(firewall, 'ipConfigurations')
    .map(config => virtualNetworkOfSubnet(readArm(config, 'subnet'))?.id)
    .find(Boolean);
}
