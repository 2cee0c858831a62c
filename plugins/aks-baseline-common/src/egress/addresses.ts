import { parseIpv4Address, parseIpv4Cidr } from '../controls/ipv4';

/**
 * The address, port and name sets a firewall rule names, and the two
 * questions the evaluator asks of them: does the rule's set cover the whole
 * flow (an Allow must, to allow it), and does it share anything with it (a
 * Deny that does may block it).
 */

/** An IPv4 interval, inclusive. */
export interface AddressRange {
  first: number;
  last: number;
}

const ANY_ADDRESS: AddressRange = { first: 0, last: 2 ** 32 - 1 };

/** `*`, an address, a CIDR block or `a.b.c.d-e.f.g.h`; undefined for anything else (a service tag). */
export function addressRange(entry: string): AddressRange | undefined {
  const text = entry.trim();
  if (text === '*') return ANY_ADDRESS;
  const dash = text.split('-');
  if (dash.length === 2) {
    const first = parseIpv4Address(dash[0]);
    const last = parseIpv4Address(dash[1]);
    return first !== undefined && last !== undefined && first <= last
      ? { first, last }
      : undefined;
  }
  const block = parseIpv4Cidr(text);
  return block ? { first: block.first, last: block.last } : undefined;
}

export function rangeContains(outer: AddressRange, inner: AddressRange) {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function rangesOverlap(a: AddressRange, b: AddressRange) {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether the entry stands for every IPv4 address. */
export function isAnyAddress(entry: string): boolean {
  const range = addressRange(entry);
  return !!range && range.first === 0 && range.last === ANY_ADDRESS.last;
}

/** `*`, a port or `a-b`; undefined when unreadable. */
export function portRange(entry: string): AddressRange | undefined {
  const text = entry.trim();
  if (text === '*') return { first: 0, last: 65535 };
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  return first <= last && last <= 65535 ? { first, last } : undefined;
}

/** Whether the entry opens every port. */
export function isAnyPort(entry: string): boolean {
  const range = portRange(entry);
  return !!range && range.first <= 1 && range.last === 65535;
}

/**
 * FQDN patterns as Azure Firewall writes them: `*` (every name), `*suffix`
 * (every longer name ending in suffix, e.g. `*.contoso.com`) or an exact
 * name. Names compare case-insensitively.
 */
function suffixOf(pattern: string): string | undefined {
  return pattern.startsWith('*') ? pattern.slice(1) : undefined;
}

function nameMatches(pattern: string, name: string): boolean {
  const suffix = suffixOf(pattern);
  if (suffix === undefined) return pattern === name;
  return name.length > suffix.length && name.endsWith(suffix);
}

/** Every name the flow pattern stands for matches the rule pattern. */
export function fqdnCovers(rulePattern: string, flowPattern: string): boolean {
  const rule = rulePattern.trim().toLowerCase();
  const flow = flowPattern.trim().toLowerCase();
  const flowSuffix = suffixOf(flow);
  if (flowSuffix === undefined) return nameMatches(rule, flow);
  const ruleSuffix = suffixOf(rule);
  return ruleSuffix !== undefined && flowSuffix.endsWith(ruleSuffix);
}

/** Some name matches both patterns. */
export function fqdnOverlaps(a: string, b: string): boolean {
  return fqdnCovers(a, b) || fqdnCovers(b, a);
}

/**
 * Service tags: `AzureCloud` contains its regional `AzureCloud.westeurope`.
 * Whether `outer` names every address of `inner`.
 */
export function serviceTagCovers(outer: string, inner: string): boolean {
  const o = outer.trim().toLowerCase();
  const i = inner.trim().toLowerCase();
  return o === i || i.startsWith(`${o}.`);
}
