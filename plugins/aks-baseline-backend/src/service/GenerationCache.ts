/** How much a cache may hold: entries, and their summed weight (e.g. bytes). */
export interface CacheBounds {
  maxEntries: number;
  maxWeight: number;
}

interface Entry<V> {
  value: Promise<V>;
  /** Known once the value resolves; a pending entry weighs nothing yet. */
  weight: number;
}

/**
 * Answers computed from the stored fleet, kept for one data generation
 * (`SnapshotStore.dataGeneration`), least recently used first out. Callers
 * read the generation before they compute, so an entry holds data at least
 * as new as its generation: a newer generation empties the cache, and a
 * caller still holding an older one computes without keeping its answer.
 * Callers asking for the same missing key at once share one computation.
 */
export class GenerationCache<V> {
  private generation = -Infinity;
  private readonly entries = new Map<string, Entry<V>>();
  private weight = 0;

  constructor(
    private readonly bounds: CacheBounds,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

  /** The answer for `key` at `generation`, computed when not kept. */
  get(generation: number, key: string, compute: () => Promise<V>): Promise<V> {
    if (generation < this.generation || this.bounds.maxEntries <= 0) {
      return compute();
    }
    if (generation > this.generation) this.clear(generation);
    const kept = this.entries.get(key);
    if (kept) {
      // Last in the map's order is the most recently used.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.value;
    }
    const entry: Entry<V> = { value: compute(), weight: 0 };
    this.entries.set(key, entry);
    entry.value.then(
      value => this.settle(key, entry, this.weigh(value)),
      // A failed computation is not kept: the next caller tries again.
      () => this.drop(key, entry),
    );
    this.evict();
    return entry.value;
  }

  /** How many answers are kept, and their summed weight. */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.weight };
  }

  private settle(key: string, entry: Entry<V>, weight: number) {
    if (this.entries.get(key) !== entry) return;
    entry.weight = weight;
    this.weight += weight;
    this.evict();
  }

  private drop(key: string, entry: Entry<V>) {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  private evict() {
    for (const [key, entry] of this.entries) {
      if (
        this.entries.size <= this.bounds.maxEntries &&
        this.weight <= this.bounds.maxWeight
      ) {
        return;
      }
      this.drop(key, entry);
    }
  }

  private clear(generation: number) {
    this.generation = generation;
    this.entries.clear();
    this.weight = 0;
  }
}
