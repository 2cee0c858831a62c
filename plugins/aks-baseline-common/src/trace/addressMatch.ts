import { ipv4CidrContains, isPrivateIpv4 } from '../controls/ipv4';

/** A three-way answer: a rule naming a service tag the snapshot cannot resolve may or may not match. */
export type Match = 'yes' | 'no' | 'maybe';

/** Azure's virtual IP for the platform's health probes (the `AzureLoadBalancer` tag). */
export const AZURE_PLATFORM_ADDRESS = '168.63.129.16';

/** Where an address sits, for resolving Azure service tags. */
export interface AddressContext {
  /** The VNet's address space (the `VirtualNetwork` tag, peerings aside). */
  vnetPrefixes: string[];
}

const inAny = (prefixes: string[], address: string) =>
  prefixes.some(p => ipv4CidrContains(p, address));

/**
 * Whether an NSG or route address prefix covers an address: `*`, a CIDR or
 * address, or a service tag resolved as far as the snapshot allows
 * (https://learn.microsoft.com/azure/virtual-network/service-tags-overview).
 */
export function prefixMatches(
  prefix: string,
  address: string,
  context: AddressContext,
): Match {
  const text = prefix.trim();
  if (text === '*' || /^any$/i.test(text)) return 'yes';
  if (/^[\d.]+(\/\d+)?$/.test(text))
    return ipv4CidrContains(text, address) ? 'yes' : 'no';
  const tag = text.toLowerCase();
  const inVnet = inAny(context.vnetPrefixes, address);
  const isPrivate = isPrivateIpv4(address);
  if (tag === 'virtualnetwork') {
    if (inVnet) return 'yes';
    // Peered VNets and on-premises ranges belong to the tag too; they are not in the snapshot.
    return isPrivate ? 'maybe' : 'no';
  }
  if (tag === 'internet') return !isPrivate && !inVnet ? 'yes' : 'no';
  if (tag === 'azureloadbalancer')
    return address === AZURE_PLATFORM_ADDRESS ? 'yes' : 'no';
  // Other tags (GatewayManager, AzureCloud, Storage...) are Azure public ranges.
  return isPrivate || inVnet ? 'no' : 'maybe';
}

/** Any of the prefixes, the strongest answer winning. */
export function anyPrefixMatches(
  prefixes: string[],
  address: string,
  context: AddressContext,
): Match {
  const answers = prefixes.map(p => prefixMatches(p, address, context));
  if (answers.includes('yes')) return 'yes';
  return answers.includes('maybe') ? 'maybe' : 'no';
}

/** `*`, `80`, `8000-8999`. */
export function portRangeMatches(range: string, port: number): boolean {
  const text = range.trim();
  if (text === '*' || /^any$/i.test(text)) return true;
  const [from, to = from] = text.split('-').map(Number);
  return port >= from && port <= to;
}

/** Both answers must be yes: `maybe` if any is maybe and none is no. */
export function allOf(...answers: Match[]): Match {
  if (answers.includes('no')) return 'no';
  return answers.includes('maybe') ? 'maybe' : 'yes';
}
