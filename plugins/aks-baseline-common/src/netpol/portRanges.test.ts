import {
  coversAllPorts,
  intersectPortRanges,
  normalizePortRanges,
  unionPortRanges,
} from './portRanges';
import { PortSetTable } from './portSetTable';
import { PortRange, Protocol } from './types';

const r = (protocol: Protocol, from: number, to = from): PortRange => ({
  protocol,
  from,
  to,
});

describe('port ranges', () => {
  it('normalizes by sorting on protocol then port and merging overlapping or adjacent ranges', () => {
    expect(
      normalizePortRanges([
        r('UDP', 53),
        r('TCP', 81),
        r('TCP', 80),
        r('TCP', 100, 200),
        r('TCP', 150, 250),
        r('SCTP', 1),
      ]),
    ).toEqual([
      r('SCTP', 1),
      r('TCP', 80, 81),
      r('TCP', 100, 250),
      r('UDP', 53),
    ]);
  });

  it('intersects range lists of several protocols', () => {
    const a = [r('TCP', 1, 100), r('TCP', 200, 300), r('UDP', 53)];
    const b = [r('TCP', 50, 250), r('UDP', 1, 65535)];
    expect(intersectPortRanges(a, b)).toEqual([
      r('TCP', 50, 100),
      r('TCP', 200, 250),
      r('UDP', 53),
    ]);
    expect(intersectPortRanges(a, [r('SCTP', 1, 65535)])).toEqual([]);
  });

  it('unions and recognizes the full connection space', () => {
    const all = unionPortRanges(
      [r('TCP', 1, 65535), r('UDP', 1, 100)],
      [r('UDP', 101, 65535), r('SCTP', 1, 65535)],
    );
    expect(coversAllPorts(all)).toBe(true);
    expect(coversAllPorts([r('TCP', 1, 65535)])).toBe(false);
  });

  it('interns equal sets to one id and memoizes combinations', () => {
    const table = new PortSetTable();
    const a = table.intern([r('TCP', 80), r('TCP', 81)]);
    expect(table.intern([r('TCP', 80, 81)])).toBe(a);
    const b = table.intern([r('TCP', 81, 90)]);
    expect(table.ranges(table.union(a, b))).toEqual([r('TCP', 80, 90)]);
    expect(table.ranges(table.intersect(a, b))).toEqual([r('TCP', 81)]);
    expect(table.union(a, PortSetTable.EMPTY)).toBe(a);
    expect(table.intersect(a, PortSetTable.ALL)).toBe(a);
    expect(Object.isFrozen(table.ranges(a))).toBe(true);
  });
});
