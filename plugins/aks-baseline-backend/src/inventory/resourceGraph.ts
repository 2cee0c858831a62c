import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { createResourceGraphClient, type ArmClientSettings } from '../azure';
import { RESOURCE_LISTINGS, type ResourceListing } from './resourceListings';
import { failedListingOf } from './sourceErrors';
import type { ArmResourceKind, FailedListing } from './types';

/**
 * The listings the topology query answers: every type of the `Resources`
 * table. Policy assignments live in `PolicyResources`, and a query scoped
 * to subscriptions misses the management groups' above them: they have
 * their own query and list (`policyAssignmentsByGraph.ts`).
 */
export const RESOURCE_GRAPH_LISTINGS: readonly ResourceListing[] =
  RESOURCE_LISTINGS.filter(l => l.kind !== 'policyAssignments');

/** The columns the resolver reads, as ARM's list bodies carry them. */
export const RESOURCE_GRAPH_COLUMNS = [
  'id',
  'name',
  'type',
  'location',
  'kind',
  'sku',
  'identity',
  'zones',
  'tags',
  'properties',
] as const;

/** Rows per page: Resource Graph's largest `$top`. */
const PAGE_SIZE = 1000;
/** Subscriptions one request may name. */
export const SUBSCRIPTIONS_PER_QUERY = 1000;
const ARM_TYPE = /^[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z]+$/;

/**
 * The one query: a fixed template over a constant list of types (checked,
 * never user input). Subscriptions go in the request's `subscriptions`
 * field, never into the text. `order by id` keeps pages stable while
 * paging, as Microsoft's paging guidance asks.
 */
export function topologyQuery(
  listings: readonly ResourceListing[] = RESOURCE_GRAPH_LISTINGS,
): string {
  const types = listings.map(l => {
    if (!ARM_TYPE.test(l.armType)) {
      throw new Error(`Not a resource type: ${l.armType}`);
    }
    return `'${l.armType.toLowerCase()}'`;
  });
  return [
    'Resources',
    `where type in~ (${types.join(', ')})`,
    `project ${RESOURCE_GRAPH_COLUMNS.join(', ')}`,
    'order by id asc',
  ].join(' | ');
}

/**
 * Items grouped by the subscription their id names, given back in the
 * order of the subscriptions asked for (then any other), each
 * subscription's in the order added.
 */
export class RowsBySubscription<T> {
  private readonly order: Map<string, number>;
  private readonly groups: T[][];

  constructor(private readonly subscriptionIds: string[]) {
    this.order = new Map(subscriptionIds.map((s, i) => [s.toLowerCase(), i]));
    this.groups = Array.from({ length: subscriptionIds.length + 1 }, () => []);
  }

  add(id: unknown, item: T): void {
    this.groups[this.groupOf(id)].push(item);
  }

  /** Forgets the subscriptions' items. */
  drop(subscriptionIds: string[]): void {
    for (const subscriptionId of subscriptionIds) {
      this.of(subscriptionId).length = 0;
    }
  }

  /** One subscription's items. */
  of(subscriptionId: string): T[] {
    return this.groups[this.groupOf(`/subscriptions/${subscriptionId}`)];
  }

  /** The subscription asked for that an id is under, spelled as asked. */
  subscriptionOf(id: unknown): string | undefined {
    return this.subscriptionIds[this.groupOf(id)];
  }

  inOrder(): T[] {
    return this.groups.flat();
  }

  private groupOf(id: unknown): number {
    const subscription = /^\/subscriptions\/([^/]+)/i.exec(
      typeof id === 'string' ? id : '',
    )?.[1];
    return this.order.get(subscription?.toLowerCase() ?? '') ?? this.order.size;
  }
}

/**
 * The topology of every subscription in one paged Resource Graph query (a
 * query per thousand subscriptions), instead of a list per type and
 * subscription. Each row is turned back into the shape an ARM list gives
 * (ARM's casing of `type`, no `null` columns) as its page arrives, and
 * grouped by subscription in the order given. A failed query fails every
 * listing it stood for, so the resolver keeps last good data rather than
 * reading "none".
 */
export async function listTopologyByResourceGraph(
  settings: ArmClientSettings,
  quota: GraphQuota,
  subscriptionIds: string[],
): Promise<{
  resources: Partial<Record<ArmResourceKind, ArmResource[]>>;
  failedListings: FailedListing[];
}> {
  const client = createResourceGraphClient(settings);
  const query = topologyQuery();
  const listingByType = new Map(
    RESOURCE_GRAPH_LISTINGS.map(l => [l.armType.toLowerCase(), l]),
  );
  const grouped = new RowsBySubscription<ArmResource>(subscriptionIds);
  const failedListings: FailedListing[] = [];
  for (const batch of chunks(subscriptionIds, SUBSCRIPTIONS_PER_QUERY)) {
    try {
      await queryPages(client, quota, query, batch, rows => {
        for (const row of rows) {
          const listing = listingByType.get(String(row.type).toLowerCase());
          if (listing) grouped.add(row.id, asListed(row, listing));
        }
      });
    } catch (error) {
      // The batch fails whole: none of its pages stands.
      grouped.drop(batch);
      failedListings.push(...failedBatch(batch, error));
    }
  }
  const resources: Partial<Record<ArmResourceKind, ArmResource[]>> =
    Object.fromEntries(RESOURCE_GRAPH_LISTINGS.map(l => [l.kind, []]));
  for (const resource of grouped.inOrder()) {
    resources[listingByType.get(resource.type!.toLowerCase())!.kind]!.push(
      resource,
    );
  }
  return { resources, failedListings };
}

type ResourceGraphClient = ReturnType<typeof createResourceGraphClient>;
type Row = Record<string, unknown>;

/**
 * Resource Graph's per-user quota as its answers report it, shared by the
 * queries one inventory runs at once (the topology's and the policy
 * assignments'), so that together they wait for the window to reset rather
 * than be throttled: Microsoft's guidance, as a 429 from Resource Graph
 * carries no Retry-After for the SDK to honour.
 */
export class GraphQuota {
  private remaining = Infinity;
  private resetsAt = 0;
  private inFlight = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when a query may be sent without exceeding the quota last reported. */
  async beforeQuery(): Promise<void> {
    while (this.remaining - this.inFlight <= 0 && this.now() < this.resetsAt) {
      await new Promise(r => setTimeout(r, this.resetsAt - this.now()));
    }
    if (this.now() >= this.resetsAt) this.remaining = Infinity;
    this.inFlight += 1;
  }

  /** An answer's quota headers. */
  answered(headers: { get(name: string): string | undefined }): void {
    const { remaining, resetsAfterMs } = quotaOf(headers);
    if (remaining === undefined || resetsAfterMs === undefined) return;
    this.remaining = remaining;
    this.resetsAt = this.now() + resetsAfterMs;
  }

  /** The query sent by `beforeQuery` was answered or failed. */
  settled(): void {
    this.inFlight -= 1;
  }
}

/**
 * Runs one query to its last page, handing each page's rows to `onPage` as
 * it arrives, so no more than a page of raw rows is held at once.
 */
export async function queryPages(
  client: ResourceGraphClient,
  quota: GraphQuota,
  query: string,
  subscriptions: string[],
  onPage: (rows: Row[]) => void,
): Promise<void> {
  let skipToken: string | undefined;
  do {
    await quota.beforeQuery();
    let page: Awaited<ReturnType<ResourceGraphClient['resources']>>;
    try {
      page = await client.resources(
        { subscriptions, query, options: { top: PAGE_SIZE, skipToken } },
        { onResponse: response => quota.answered(response.headers) },
      );
    } finally {
      quota.settled();
    }
    if (!Array.isArray(page.data)) {
      throw new Error('Resource Graph answered rows that are not a list');
    }
    onPage(page.data as Row[]);
    skipToken = page.skipToken;
  } while (skipToken);
}

/** `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss). */
function quotaOf(headers: { get(name: string): string | undefined }) {
  const remaining = headers.get('x-ms-user-quota-remaining');
  const resetsAfter = /^(\d+):(\d+):(\d+)$/.exec(
    headers.get('x-ms-user-quota-resets-after') ?? '',
  );
  return {
    remaining: remaining === undefined ? undefined : Number(remaining),
    resetsAfterMs: resetsAfter
      ? ((Number(resetsAfter[1]) * 60 + Number(resetsAfter[2])) * 60 +
          Number(resetsAfter[3])) *
        1000
      : undefined,
  };
}

/**
 * A row as ARM's list would have carried it, in place (the row is this
 * inventory's own, parsed from the page): `null` columns removed, ARM's
 * casing of `type`.
 */
function asListed(row: Row, listing: ResourceListing): ArmResource {
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) delete row[key];
  }
  row.type = listing.armType;
  return row as ArmResource;
}

function failedBatch(batch: string[], error: unknown): FailedListing[] {
  return batch.flatMap(subscriptionId =>
    RESOURCE_GRAPH_LISTINGS.map(listing =>
      failedListingOf(
        listing,
        subscriptionId,
        error,
        'Querying Resource Graph for',
      ),
    ),
  );
}

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
