import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import type { SubscriptionLimiter } from './limiter';
import {
  createResourceGraphClient,
  listAllItems,
  type ArmClientSettings,
} from '../azure';
import {
  chunks,
  type GraphQuota,
  queryPages,
  RowsBySubscription,
  SUBSCRIPTIONS_PER_QUERY,
} from './resourceGraph';
import {
  listPolicyAssignmentsAtScope,
  policyAssignmentFacts,
  RESOURCE_LISTINGS,
} from './resourceListings';
import { freshList, rememberList, type SlowTierList } from './slowTier';
import { StringTable } from './stringTable';
import { failedListingOf } from './sourceErrors';
import type { FailedListing } from './types';

const POLICY_ASSIGNMENTS = RESOURCE_LISTINGS.find(
  l => l.kind === 'policyAssignments',
)!;

/**
 * The assignments at, and under, the subscriptions asked for, projected to
 * what `policyAssignmentFacts` keeps. A fixed template: the subscriptions go
 * in the request's `subscriptions` field, never into the text. A query
 * scoped to subscriptions does not return the management groups'
 * assignments (they are under no subscription); `atScope()` lists add them.
 */
export const POLICY_ASSIGNMENTS_QUERY = [
  'PolicyResources',
  "where type =~ 'microsoft.authorization/policyassignments'",
  'project id, name, type, scope = properties.scope, notScopes = properties.notScopes, policyDefinitionId = properties.policyDefinitionId, enforcementMode = properties.enforcementMode, effect = properties.parameters.effect.value',
  'order by id asc',
].join(' | ');

/**
 * Resource Graph mode's policy assignments (GOV-01): the same set per
 * subscription as its unfiltered PolicyAssignments_List, from one paged
 * `PolicyResources` query for the subscriptions, resource groups and
 * resources (the baseline's 18 per stamp) and one `atScope()` list per
 * subscription for its own scope and the management groups above it,
 * merged by id. On the slow tier's cadence, as in ARM mode: only the
 * subscriptions whose last lists are stale are read. Either read failing
 * fails the subscription's listing (the resolver keeps its last good data).
 */
export async function listPolicyAssignmentsWithGraph(
  settings: ArmClientSettings,
  quota: GraphQuota,
  limit: SubscriptionLimiter,
  subscriptionIds: string[],
  tier: SlowTierList | undefined,
  strings: StringTable = new StringTable(),
): Promise<{
  policyAssignments: ArmResource[];
  failedListings: FailedListing[];
}> {
  tier?.cache.keepOnly(
    tier.part,
    new Set(subscriptionIds.map(s => s.toLowerCase())),
  );
  const cached = new Map<string, ArmResource[]>();
  for (const subscriptionId of subscriptionIds) {
    const items = tier && freshList(tier, subscriptionId.toLowerCase());
    if (items) cached.set(subscriptionId, items);
  }
  const stale = subscriptionIds.filter(s => !cached.has(s));
  const [below, above] = await Promise.all([
    queryAssignmentsBelow(settings, quota, stale, strings),
    Promise.all(stale.map(s => listAtScope(settings, limit, s, strings))),
  ]);
  const failedListings: FailedListing[] = [];
  for (const [i, subscriptionId] of stale.entries()) {
    const failure = below.failed.get(subscriptionId) ?? above[i].failed;
    if (failure) {
      failedListings.push(failure);
      continue;
    }
    const items = mergeById(above[i].items, below.rows.of(subscriptionId));
    cached.set(subscriptionId, items);
    if (tier) rememberList(tier, subscriptionId.toLowerCase(), items);
  }
  return {
    policyAssignments: subscriptionIds.flatMap(s => cached.get(s) ?? []),
    failedListings,
  };
}

/** The `PolicyResources` rows of the subscriptions, as facts as each page arrives; a failed batch fails each subscription in it. */
async function queryAssignmentsBelow(
  settings: ArmClientSettings,
  quota: GraphQuota,
  subscriptionIds: string[],
  strings: StringTable,
) {
  const client = createResourceGraphClient(settings);
  const rows = new RowsBySubscription<ArmResource>(subscriptionIds);
  const failed = new Map<string, FailedListing>();
  for (const batch of chunks(subscriptionIds, SUBSCRIPTIONS_PER_QUERY)) {
    try {
      await queryPages(client, quota, POLICY_ASSIGNMENTS_QUERY, batch, page => {
        for (const row of page) {
          const subscriptionId = rows.subscriptionOf(row.id);
          if (subscriptionId) {
            rows.add(
              row.id,
              factsOfRow(row as ArmResource, subscriptionId, strings),
            );
          }
        }
      });
    } catch (error) {
      rows.drop(batch);
      for (const subscriptionId of batch) {
        failed.set(
          subscriptionId,
          failedListingOf(
            POLICY_ASSIGNMENTS,
            subscriptionId,
            error,
            'Querying Resource Graph for',
          ),
        );
      }
    }
  }
  return { rows, failed };
}

/** One subscription's `atScope()` list, as facts, or its failure. */
async function listAtScope(
  settings: ArmClientSettings,
  limit: SubscriptionLimiter,
  subscriptionId: string,
  strings: StringTable,
): Promise<{ items: ArmResource[]; failed?: FailedListing }> {
  try {
    const listed = await limit(subscriptionId, () =>
      listAllItems(listPolicyAssignmentsAtScope(settings, subscriptionId)),
    );
    return {
      items: POLICY_ASSIGNMENTS.keep!(
        listed as ArmResource[],
        subscriptionId,
        strings,
      ),
    };
  } catch (error) {
    return {
      items: [],
      failed: failedListingOf(
        POLICY_ASSIGNMENTS,
        subscriptionId,
        error,
        'Listing (atScope())',
      ),
    };
  }
}

/**
 * A projected `PolicyResources` row as the facts ARM's list body gives:
 * the row's columns back under `properties`, `null` columns absent.
 */
export function factsOfRow(
  row: ArmResource,
  listedInSubscription: string,
  strings: StringTable = new StringTable(),
): ArmResource {
  const column = (name: string) => row[name] ?? undefined;
  const effect = column('effect');
  return policyAssignmentFacts(
    {
      id: row.id,
      name: row.name,
      type: POLICY_ASSIGNMENTS.armType,
      properties: {
        scope: column('scope'),
        notScopes: column('notScopes'),
        policyDefinitionId: column('policyDefinitionId'),
        enforcementMode: column('enforcementMode'),
        ...(effect !== undefined && {
          parameters: { effect: { value: effect } },
        }),
      },
    },
    listedInSubscription,
    strings,
  );
}

/**
 * The lists as one, each assignment once (by lower-cased id): a
 * subscription's own assignments are in both its `atScope()` list and
 * `PolicyResources`. The first list's order first.
 */
export function mergeById(...lists: ArmResource[][]): ArmResource[] {
  const seen = new Set<string>();
  return lists.flat().filter(item => {
    const key = item.id?.toLowerCase() ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
