import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { createResourceGraphClient, type ArmClientSettings } from '../azure';
import { RESOURCE_LISTINGS, type ResourceListing } from './resourceListings';
import { failedListingOf } from './sourceErrors';
import type { ArmResourceKind, FailedListing } from './types';

/**
 * The listings Resource Graph answers: every topology type of the
 * `Resources` table. Policy assignments live in `PolicyResources` and
 * include the management groups' above each subscription, which a
 * subscription-scoped query does not return: they stay on ARM.
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
const SUBSCRIPTIONS_PER_QUERY = 1000;
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
 * The topology of every subscription in one paged Resource Graph query (a
 * query per thousand subscriptions), instead of a list per type and
 * subscription. Each row is turned back into the shape an ARM list gives
 * (ARM's casing of `type`, no `null` columns), grouped by subscription in
 * the order given. A failed query fails every listing it stood for, so the
 * resolver keeps last good data rather than reading "none".
 */
export async function listTopologyByResourceGraph(
  settings: ArmClientSettings,
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
  const rows: ArmResource[] = [];
  const failedListings: FailedListing[] = [];
  for (const batch of chunks(subscriptionIds, SUBSCRIPTIONS_PER_QUERY)) {
    try {
      rows.push(...(await queryAllPages(client, query, batch)));
    } catch (error) {
      failedListings.push(...failedBatch(batch, error));
    }
  }
  const order = new Map(subscriptionIds.map((s, i) => [s.toLowerCase(), i]));
  const resources: Partial<Record<ArmResourceKind, ArmResource[]>> =
    Object.fromEntries(RESOURCE_GRAPH_LISTINGS.map(l => [l.kind, []]));
  // Each row's subscription read once, not at every comparison (a sort of
  // 100,000 rows compares about 1.7 million times).
  const keyed = rows.map((row, i) => ({
    row,
    i,
    subscription: subscriptionIndex(row, order),
  }));
  keyed.sort((a, b) => a.subscription - b.subscription || a.i - b.i);
  for (const { row } of keyed) {
    const listing = listingByType.get(String(row.type).toLowerCase());
    if (listing) resources[listing.kind]!.push(asListed(row, listing));
  }
  return { resources, failedListings };
}

type ResourceGraphClient = ReturnType<typeof createResourceGraphClient>;

async function queryAllPages(
  client: ResourceGraphClient,
  query: string,
  subscriptions: string[],
): Promise<ArmResource[]> {
  const rows: ArmResource[] = [];
  let skipToken: string | undefined;
  do {
    const quota: { remaining?: number; resetsAfterMs?: number } = {};
    const page = await client.resources(
      { subscriptions, query, options: { top: PAGE_SIZE, skipToken } },
      {
        onResponse: response => {
          Object.assign(quota, quotaOf(response.headers));
        },
      },
    );
    if (!Array.isArray(page.data)) {
      throw new Error('Resource Graph answered rows that are not a list');
    }
    rows.push(...(page.data as ArmResource[]));
    skipToken = page.skipToken;
    // Microsoft's guidance: when the quota is spent, wait for it to reset
    // rather than be throttled (a 429 carries no Retry-After).
    if (skipToken && quota.remaining === 0 && quota.resetsAfterMs) {
      await new Promise(r => setTimeout(r, quota.resetsAfterMs));
    }
  } while (skipToken);
  return rows;
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

/** A row as ARM's list would have carried it. */
function asListed(row: ArmResource, listing: ResourceListing): ArmResource {
  const listed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && value !== undefined) listed[key] = value;
  }
  return { ...listed, type: listing.armType } as ArmResource;
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

function subscriptionIndex(row: ArmResource, order: Map<string, number>) {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(row.id ?? '')?.[1];
  return order.get(subscription?.toLowerCase() ?? '') ?? order.size;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
