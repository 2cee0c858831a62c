import {
  ipv4CidrContains,
  parseIpv4Address,
  parseIpv4Cidr,
} from '@aks-baseline/plugin-aks-baseline-common';

/**
 * Why the hub firewall's private IP cannot be the node subnet's next hop, or
 * undefined when it can as far as the form can tell: inside the spoke VNet,
 * the route would point back into the spoke and egress would never reach the
 * hub. The create-cluster action refuses the same address; the form says it
 * on the page, before Create.
 */
export function firewallAddressProblem(
  firewallPrivateIp: string | undefined,
  vnetAddressSpace: string | undefined,
): string | undefined {
  if (!firewallPrivateIp || parseIpv4Address(firewallPrivateIp) === undefined) {
    return undefined;
  }
  if (!vnetAddressSpace || !parseIpv4Cidr(vnetAddressSpace)) return undefined;
  if (ipv4CidrContains(vnetAddressSpace, firewallPrivateIp)) {
    return `${firewallPrivateIp} is inside the spoke VNet ${vnetAddressSpace}: give the hub firewall's private IP, which lies outside the spoke (e.g. 10.200.0.4 in a hub of 10.200.0.0/24).`;
  }
  return undefined;
}
