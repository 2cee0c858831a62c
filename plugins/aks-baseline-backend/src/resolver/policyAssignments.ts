import {
  ArmResource,
  asString,
  normalizeArmResourceId,
  parseManagedClusterId,
  policyAssignmentAppliesTo,
  readArm,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';

const MANAGEMENT_GROUP_SCOPE =
  /^\/providers\/microsoft\.management\/managementgroups\//i;
const MANAGEMENT_GROUPS = 'management groups';

/** One subscription's list by normalized scope (management groups together), with each item's position. */
interface ScopeIndex {
  byScope: Map<string, ArmResource[]>;
  position: Map<ArmResource, number>;
}

// Per list, built once. A subscription's list holds every assignment under
// the subscription, about 18 per baseline stamp: filtering all of them for
// each of its clusters grew with clusters x assignments.
const scopeIndexes = new WeakMap<readonly ArmResource[], ScopeIndex>();

function scopeIndexOf(list: readonly ArmResource[]): ScopeIndex {
  let index = scopeIndexes.get(list);
  if (!index) {
    index = { byScope: new Map(), position: new Map() };
    for (const [i, assignment] of list.entries()) {
      const scope = asString(readArm(assignment, 'scope'));
      if (!scope) continue;
      const key = MANAGEMENT_GROUP_SCOPE.test(scope)
        ? MANAGEMENT_GROUPS
        : normalizeArmResourceId(scope);
      index.byScope.set(key, [...(index.byScope.get(key) ?? []), assignment]);
      index.position.set(assignment, i);
    }
    scopeIndexes.set(list, index);
  }
  return index;
}

/** The id and every ancestor scope of it (`/subscriptions/s`, `.../resourcegroups/rg`, ...). */
function scopesAbove(id: string): string[] {
  const segments = normalizeArmResourceId(id).split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

/**
 * The policy assignments in force on a cluster (GOV-01): of its own
 * subscription's list, those whose scope is at or above the cluster and
 * whose notScopes leave it in. One list per subscription serves every
 * cluster in it; only the assignments at the cluster's own scopes are
 * checked, in the list's order.
 */
export function policyAssignmentsOfCluster(
  cluster: ArmResource,
  index: InventoryIndex,
): ArmResource[] {
  const id = cluster.id ?? '';
  const parts = parseManagedClusterId(id);
  if (!parts) return [];
  const { byScope, position } = scopeIndexOf(
    index.policyAssignmentsListedIn(parts.subscriptionId),
  );
  return [MANAGEMENT_GROUPS, ...scopesAbove(id)]
    .flatMap(scope => byScope.get(scope) ?? [])
    .filter(assignment => policyAssignmentAppliesTo(assignment, id))
    .sort((a, b) => position.get(a)! - position.get(b)!);
}
