import { hasNoHostBits, parseIpv4Cidr } from './rules';

/**
 * IPv4 arithmetic for the address plan: blocks as first/last numbers, so
 * containment and overlap are comparisons. Inputs have passed the CIDR and
 * address patterns already.
 */
export interface Block {
  text: string;
  first: number;
  last: number;
  prefix: number;
}

export function block(cidr: string): Block {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed || !hasNoHostBits(parsed)) {
    throw new Error(`not a network CIDR: ${cidr}`);
  }
  const size = 2 ** (32 - parsed.prefix);
  return {
    text: cidr,
    first: parsed.address,
    last: parsed.address + size - 1,
    prefix: parsed.prefix,
  };
}

export function addressNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function addressText(value: number): string {
  return [24, 16, 8, 0]
    .map(shift => Math.floor(value / 2 ** shift) % 256)
    .join('.');
}

export const contains = (outer: Block, inner: Block) =>
  outer.first <= inner.first && inner.last <= outer.last;

export const overlaps = (a: Block, b: Block) =>
  a.first <= b.last && b.first <= a.last;

export const holdsAddress = (outer: Block, ip: string) => {
  const n = addressNumber(ip);
  return outer.first <= n && n <= outer.last;
};

export const blockSize = (b: Block) => b.last - b.first + 1;
