/**
 * Just enough IPv4 arithmetic for the network controls (NET-04, K8S-03,
 * ING-01): parse, contain, overlap. Addresses are unsigned 32-bit numbers.
 */

/** An IPv4 block: `first`..`last` inclusive. @public */
export interface Ipv4Block {
  first: number;
  last: number;
  prefix: number;
}

/** Parses a dotted IPv4 address (`10.0.0.1`) to an unsigned number. @public */
export function parseIpv4Address(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * Parses `a.b.c.d/n`; a bare address is a /32. Host bits are ignored, as
 * Azure and Kubernetes normalise `10.0.0.5/16` to its network.
 * @public
 */
export function parseIpv4Cidr(text: string): Ipv4Block | undefined {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const base = parseIpv4Address(address);
  if (base === undefined) return undefined;
  if (prefixText !== undefined && !/^\d{1,2}$/.test(prefixText))
    return undefined;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1, prefix };
}

/** Whether `inner` (block or address) lies entirely inside `outer`. @public */
export function ipv4CidrContains(outer: string, inner: string): boolean {
  const a = parseIpv4Cidr(outer);
  const b = parseIpv4Cidr(inner);
  return !!a && !!b && a.first <= b.first && b.last <= a.last;
}

/** Whether two blocks share at least one address. @public */
export function ipv4CidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return !!x && !!y && x.first <= y.last && y.first <= x.last;
}

const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
];

/** RFC 1918 or shared (RFC 6598) space: addresses a VNet normally uses. @public */
export function isPrivateIpv4(address: string): boolean {
  return PRIVATE_RANGES.some(range => ipv4CidrContains(range, address));
}
