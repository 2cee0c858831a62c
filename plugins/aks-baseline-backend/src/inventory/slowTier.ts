import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * The per-parent lists that change slowly (a certificate is rotated every few
 * months, a maintenance window or diagnostic setting rarely): read on their
 * own cadence instead of every refresh, which at a thousand clusters was six
 * requests in seven.
 */
export const SLOW_TIER_PARTS = [
  'vaultSecrets',
  'maintenanceConfigurations',
  'diagnosticSettings',
  'dataCollectionRuleAssociations',
] as const;

export type SlowTierPart = (typeof SLOW_TIER_PARTS)[number];

/** When each slow-tier list used by a refresh was read (ISO time), by part and lower-cased parent id. */
export type SlowTierReadTimes = Record<SlowTierPart, Record<string, string>>;

interface SlowTierEntry {
  readAt: number;
  /** What the parent's dependants referenced when it was read (e.g. the secret names of a vault). */
  signature: string;
  items: ArmResource[];
}

/**
 * The last successful list of each slow-tier parent, kept in the process
 * between refreshes. A parent is read again when its entry is older than
 * `maxAgeMs`, when what refers to it changed (its signature), or when it
 * is new; a failed list is never cached, so it is retried next refresh and
 * the resolver's last-good mechanism covers the gap. A restart starts cold
 * (the first refresh reads everything).
 */
export class SlowTierCache {
  private readonly entries = new Map<string, SlowTierEntry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached list, when still fresh for this signature. */
  fresh(
    part: SlowTierPart,
    parentKey: string,
    signature: string,
  ): { items: ArmResource[]; readAt: number } | undefined {
    const entry = this.entries.get(cacheKey(part, parentKey));
    if (!entry || entry.signature !== signature) return undefined;
    if (this.now() - entry.readAt >= this.maxAgeMs) return undefined;
    return entry;
  }

  remember(
    part: SlowTierPart,
    parentKey: string,
    signature: string,
    items: ArmResource[],
  ): number {
    const readAt = this.now();
    this.entries.set(cacheKey(part, parentKey), { readAt, signature, items });
    return readAt;
  }

  /** Drops the parents of `part` this refresh no longer asked for (deleted clusters, vaults). */
  keepOnly(part: SlowTierPart, parentKeys: Set<string>): void {
    const prefix = `${part}|`;
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix) && !parentKeys.has(key.slice(prefix.length))) {
        this.entries.delete(key);
      }
    }
  }

  /** Entries held, for tests and logs. */
  get size(): number {
    return this.entries.size;
  }
}

function cacheKey(part: SlowTierPart, parentKey: string): string {
  return `${part}|${parentKey}`;
}
