import {
  ALL_PORT_RANGES,
  intersectPortRanges,
  normalizePortRanges,
  portRangesKey,
  unionPortRanges,
} from './portRanges';
import { PortRange } from './types';

/** Identifies an interned port set within one {@link PortSetTable}. */
export type PortSetId = number;

/**
 * Interns normalized port sets and memoizes union and intersection by id.
 *
 * A cluster has only a handful of distinct port sets (one per distinct rule
 * port list, plus their combinations), while the full matrix combines them
 * hundreds of thousands of times; interning turns each combination into a map
 * lookup and lets every matrix entry share one frozen array.
 */
export class PortSetTable {
  static readonly EMPTY: PortSetId = 0;
  static readonly ALL: PortSetId = 1;

  private readonly sets: ReadonlyArray<PortRange>[] = [];
  private readonly idsByKey = new Map<string, PortSetId>();
  private readonly unions = new Map<number, PortSetId>();
  private readonly intersections = new Map<number, PortSetId>();

  constructor() {
    this.intern([]);
    this.intern(ALL_PORT_RANGES);
  }

  /** Interns any list of ranges (normalizing it first). */
  intern(ranges: readonly PortRange[]): PortSetId {
    const normalized = normalizePortRanges(ranges);
    const key = portRangesKey(normalized);
    const existing = this.idsByKey.get(key);
    if (existing !== undefined) return existing;
    const id = this.sets.length;
    this.sets.push(Object.freeze(normalized.map(r => Object.freeze(r))));
    this.idsByKey.set(key, id);
    return id;
  }

  /** The frozen, normalized ranges of an id; safe to hand out without copying. */
  ranges(id: PortSetId): readonly PortRange[] {
    return this.sets[id];
  }

  union(a: PortSetId, b: PortSetId): PortSetId {
    if (a === b || b === PortSetTable.EMPTY || a === PortSetTable.ALL) return a;
    if (a === PortSetTable.EMPTY || b === PortSetTable.ALL) return b;
    return this.memoized(this.unions, a, b, () =>
      unionPortRanges(this.sets[a], this.sets[b]),
    );
  }

  intersect(a: PortSetId, b: PortSetId): PortSetId {
    if (a === b || b === PortSetTable.ALL || a === PortSetTable.EMPTY) return a;
    if (b === PortSetTable.EMPTY || a === PortSetTable.ALL) return b;
    return this.memoized(this.intersections, a, b, () =>
      intersectPortRanges(this.sets[a], this.sets[b]),
    );
  }

  private memoized(
    cache: Map<number, PortSetId>,
    a: PortSetId,
    b: PortSetId,
    compute: () => PortRange[],
  ): PortSetId {
    // Both operations commute, so order the pair to share one cache entry.
    const [low, high] = a < b ? [a, b] : [b, a];
    // Ids stay far below 2^26 in practice, so the product key is exact.
    const key = low * 0x4000000 + high;
    let id = cache.get(key);
    if (id === undefined) {
      id = this.intern(compute());
      cache.set(key, id);
    }
    return id;
  }
}
