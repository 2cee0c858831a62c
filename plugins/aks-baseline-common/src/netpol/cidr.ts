import { IpFamily } from './types';

/**
 * IPv4/IPv6 addresses, CIDRs and sets of address intervals.
 *
 * Addresses are held as bigint so that both families share one code path;
 * the evaluator only touches addresses when it meets an ipBlock, so the cost
 * of bigint arithmetic does not matter.
 */

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

/** An inclusive interval of addresses of one family. */
export interface IpInterval {
  first: bigint;
  last: bigint;
}

export interface ParsedCidr {
  family: IpFamily;
  prefixLength: number;
  first: bigint;
  last: bigint;
}

export function familyBits(family: IpFamily): 32 | 128 {
  return family === 'IPv4' ? 32 : 128;
}

export function maxAddress(family: IpFamily): bigint {
  return (1n << BigInt(familyBits(family))) - 1n;
}

export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 'IPv6', value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 'IPv4', value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are rejected: some parsers read them as octal, so their
    // meaning is ambiguous (Kubernetes rejects them too).
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail =
    halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const groups: number[] = [];
  const readGroups = (parts: string[], mayEndWithIpv4: boolean): boolean => {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (mayEndWithIpv4 && i === parts.length - 1 && part.includes('.')) {
        // An embedded IPv4 tail (e.g. ::ffff:10.0.0.1) fills the last two groups.
        const ipv4 = parseIpv4(part);
        if (ipv4 === undefined) return false;
        groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups.push(parseInt(part, 16));
      } else {
        return false;
      }
    }
    return true;
  };
  if (!readGroups(head, halves.length === 1)) return undefined;
  const headCount = groups.length;
  if (!readGroups(tail, true)) return undefined;
  const tailGroups = groups.splice(headCount);
  if (halves.length === 2) {
    // "::" stands for at least one zero group.
    const missing = 8 - headCount - tailGroups.length;
    if (missing < 1) return undefined;
    groups.push(...new Array<number>(missing).fill(0));
  }
  groups.push(...tailGroups);
  if (groups.length !== 8) return undefined;
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/**
 * Parses `address/prefix`. Host bits are accepted and masked off, as the
 * Kubernetes API does for NetworkPolicy CIDRs (`10.1.2.3/8` means `10.0.0.0/8`).
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefixLength = Number(prefixText);
  const bits = familyBits(address.family);
  if (prefixLength > bits) return undefined;
  const hostBits = BigInt(bits - prefixLength);
  const first = (address.value >> hostBits) << hostBits;
  return {
    family: address.family,
    prefixLength,
    first,
    last: first + (1n << hostBits) - 1n,
  };
}

export function formatIpAddress(family: IpFamily, value: bigint): string {
  if (family === 'IPv4') {
    return [24n, 16n, 8n, 0n]
      .map(shift => String((value >> shift) & 0xffn))
      .join('.');
  }
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(Number((value >> shift) & 0xffffn));
  }
  // RFC 5952: compress the longest run (the first, on a tie) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = (gs: number[]) => gs.map(g => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(
    groups.slice(bestStart + bestLength),
  )}`;
}

function compareBigInts(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Sorts and merges overlapping or adjacent intervals. */
export function normalizeIntervals(
  intervals: readonly IpInterval[],
): IpInterval[] {
  const sorted = [...intervals].sort((a, b) =>
    compareBigInts(a.first, b.first),
  );
  const merged: IpInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.first <= last.last + 1n) {
      if (interval.last > last.last) last.last = interval.last;
    } else {
      merged.push({ first: interval.first, last: interval.last });
    }
  }
  return merged;
}

/** `base` minus `removed`, normalized. */
export function subtractIntervals(
  base: readonly IpInterval[],
  removed: readonly IpInterval[],
): IpInterval[] {
  const holes = normalizeIntervals(removed);
  const result: IpInterval[] = [];
  for (const interval of normalizeIntervals(base)) {
    let cursor = interval.first;
    for (const hole of holes) {
      if (hole.last < cursor || hole.first > interval.last) continue;
      if (hole.first > cursor)
        result.push({ first: cursor, last: hole.first - 1n });
      cursor = hole.last + 1n;
      if (cursor > interval.last) break;
    }
    if (cursor <= interval.last)
      result.push({ first: cursor, last: interval.last });
  }
  return result;
}

export function intervalsContain(
  intervals: readonly IpInterval[],
  value: bigint,
): boolean {
  return intervals.some(i => i.first <= value && value <= i.last);
}

/**
 * Cuts a family's whole address space into the maximal contiguous ranges on
 * which membership in every given set stays the same. One representative
 * address then answers for its whole range, which keeps external peers finite.
 * Each set must be normalized, so that every interval end is a real change of
 * membership and equivalent sets (e.g. excepts `10.0.0.0/8` versus
 * `10.0.0.0/9` + `10.128.0.0/9`) produce identical cuts.
 */
export function partitionAddressSpace(
  family: IpFamily,
  sets: readonly (readonly IpInterval[])[],
): IpInterval[] {
  const max = maxAddress(family);
  const cuts = new Set<bigint>([0n]);
  for (const set of sets) {
    for (const interval of set) {
      cuts.add(interval.first);
      if (interval.last < max) cuts.add(interval.last + 1n);
    }
  }
  const starts = [...cuts].sort(compareBigInts);
  return starts.map((first, i) => ({
    first,
    last: i + 1 < starts.length ? starts[i + 1] - 1n : max,
  }));
}
