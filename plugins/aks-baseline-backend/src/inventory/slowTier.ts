import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmResourceKind } from './types';

/**
 * The lists that change slowly (a certificate is rotated every few months, a
 * maintenance window, diagnostic setting or policy assignment rarely): read
 * on their own cadence instead of every refresh, which at a thousand clusters
 * was six requests in seven. Per parent (a vault's secrets, a cluster's
 * maintenance windows) or per subscription (`SLOW_TIER_LISTINGS`).
 */
export const SLOW_TIER_PARTS = [
  'vaultSecrets',
  'maintenanceConfigurations',
  'diagnosticSettings',
  'dataCollectionRuleAssociations',
  'policyAssignments',
  'dataCollectionRules',
] as const;

export type SlowTierPart = (typeof SLOW_TIER_PARTS)[number];

/**
 * The subscription-wide type lists read on the slow tier's cadence, one
 * cache entry per subscription (issue #20: steady-state cycles at 0.2
 * requests per cluster or fewer). Only governance and telemetry objects
 * qualify; every type a chain hop or its narrowing reads (clusters,
 * gateways, WAF policies, public IPs, VNets, route tables, NSGs, firewalls,
 * firewall policies and their rule collection groups, IP groups, vaults,
 * private endpoints, registries) is read at every refresh.
 */
export const SLOW_TIER_LISTINGS: Partial<
  Record<ArmResourceKind, SlowTierPart>
> = {
  // GOV-01. Assignments are governance: they decide no packet's path, and
  // Azure Policy itself acts on them on a slow clock (its standard
  // compliance evaluation runs once every 24 hours, Microsoft Learn "Get
  // policy compliance data"; the AKS add-on looks for assignment changes
  // every 15 minutes, "Azure Policy for Kubernetes"). They were the largest
  // list of a steady refresh: about 18 per stamp, so 18 pages of 100 per
  // subscription of 100 clusters, 180 of 320 requests at 1,000 clusters.
  policyAssignments: 'policyAssignments',
  // LOG-02. Data collection rules name where a cluster's logs go; like
  // their associations (already on this cadence) and the diagnostic
  // settings, they are telemetry configuration that changes with a
  // deployment, not with traffic, and no hop reads them.
  dataCollectionRules: 'dataCollectionRules',
};

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

/** One part's slow tier as a refresh uses it. */
export interface SlowTierList {
  part: SlowTierPart;
  cache: SlowTierCache;
  /** What refers to each parent now (lower-cased id -> signature). */
  signatures?: Map<string, string>;
  /** Filled: when each parent's list was read (ISO time). */
  readAt: Record<string, string>;
}

/** The parent's cached list while fresh, stamped with when it was read; else undefined. */
export function freshList(
  tier: SlowTierList,
  parentKey: string,
): ArmResource[] | undefined {
  const signature = tier.signatures?.get(parentKey) ?? '';
  const cached = tier.cache.fresh(tier.part, parentKey, signature);
  if (!cached) return undefined;
  tier.readAt[parentKey] = new Date(cached.readAt).toISOString();
  return cached.items;
}

/** Keeps a list just read, stamped with now. */
export function rememberList(
  tier: SlowTierList,
  parentKey: string,
  items: ArmResource[],
): void {
  const signature = tier.signatures?.get(parentKey) ?? '';
  const at = tier.cache.remember(tier.part, parentKey, signature, items);
  tier.readAt[parentKey] = new Date(at).toISOString();
}
