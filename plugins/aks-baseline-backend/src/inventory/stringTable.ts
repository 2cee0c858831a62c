/**
 * One copy of each repeated string among the facts an inventory keeps.
 * JSON.parse allocates every string value once per occurrence (V8 shares
 * only short ones), so at 10,000 clusters the 180,000 policy assignments
 * held 180,000 copies of the same 18 definition ids, and a scope string per
 * assignment where the 18 of a resource group share one. One table per
 * collection: what it shares is bounded by what that collection read, and
 * the table itself is garbage once the collection returns.
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  /** The table's copy of a string; anything else as given. */
  share<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const held = this.strings.get(value);
    if (held !== undefined) return held as T;
    this.strings.set(value, value);
    return value;
  }

  /** Each string of a list shared; anything that is not a list as given. */
  shareAll<T>(value: T): T {
    return (
      Array.isArray(value) ? value.map(item => this.share(item)) : value
    ) as T;
  }
}
