import { PortRange, Protocol } from './types';

/**
 * Port-range arithmetic on normalized lists. A normalized list is sorted by
 * protocol (alphabetically: SCTP, TCP, UDP) and then by first port, and no two
 * ranges of the same protocol overlap or touch; so two normalized lists are
 * equal exactly when they allow the same connections.
 */

export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Every port of every protocol the model knows. */
export const ALL_PORT_RANGES: readonly PortRange[] = PROTOCOLS.map(
  protocol => ({
    protocol,
    from: MIN_PORT,
    to: MAX_PORT,
  }),
);

export function isProtocol(value: unknown): value is Protocol {
  return PROTOCOLS.includes(value as Protocol);
}

function compareRanges(a: PortRange, b: PortRange): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return a.from - b.from || a.to - b.to;
}

/** Sorts and merges overlapping or adjacent ranges (80 and 81 become 80-81). */
export function normalizePortRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort(compareRanges);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.protocol === range.protocol && range.from <= last.to + 1) {
      if (range.to > last.to)
        merged[merged.length - 1] = { ...last, to: range.to };
    } else {
      merged.push({ protocol: range.protocol, from: range.from, to: range.to });
    }
  }
  return merged;
}

export function unionPortRanges(
  a: readonly PortRange[],
  b: readonly PortRange[],
): PortRange[] {
  return normalizePortRanges([...a, ...b]);
}

/** Intersection of two normalized lists, by a merge walk over both. */
export function intersectPortRanges(
  a: readonly PortRange[],
  b: readonly PortRange[],
): PortRange[] {
  const result: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left.protocol !== right.protocol) {
      if (left.protocol < right.protocol) i++;
      else j++;
      continue;
    }
    const from = Math.max(left.from, right.from);
    const to = Math.min(left.to, right.to);
    if (from <= to) result.push({ protocol: left.protocol, from, to });
    // Advance whichever range ends first; the other may still overlap the next one.
    if (left.to < right.to) i++;
    else j++;
  }
  return result;
}

export function portRangesContain(
  ranges: readonly PortRange[],
  protocol: Protocol,
  port: number,
): boolean {
  return ranges.some(
    r => r.protocol === protocol && r.from <= port && port <= r.to,
  );
}

/** True when a normalized list allows every port of every protocol. */
export function coversAllPorts(ranges: readonly PortRange[]): boolean {
  return (
    ranges.length === ALL_PORT_RANGES.length &&
    ranges.every(
      (r, i) =>
        r.protocol === ALL_PORT_RANGES[i].protocol &&
        r.from === MIN_PORT &&
        r.to === MAX_PORT,
    )
  );
}

/** `TCP 80-81,UDP 53`-style text of a normalized list; used for cache keys and messages. */
export function portRangesKey(ranges: readonly PortRange[]): string {
  return ranges
    .map(r => `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`)
    .join(',');
}
