import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';

const POLICY_ASSIGNMENT_TYPE = 'microsoft.authorization/policyassignments';
const MANAGEMENT_GROUP_SCOPE =
  /^\/providers\/microsoft\.management\/managementgroups\/([^/]+)$/i;

/** Whether a resource is a policy assignment (any scope). */
export function isPolicyAssignment(resource: ArmResource): boolean {
  return resource.type?.toLowerCase() === POLICY_ASSIGNMENT_TYPE;
}

/** Where an assignment is assigned: its id before `/providers/Microsoft.Authorization/policyAssignments/{name}`. */
export function assignmentScope(assignment: ArmResource): string {
  return (assignment.id ?? '')
    .replace(
      /\/providers\/microsoft\.authorization\/policyassignments\/[^/]+$/i,
      '',
    )
    .toLowerCase();
}

/** The subscription an assignment at or under a subscription is in (lower case). */
export function subscriptionOfAssignment(
  assignment: ArmResource,
): string | undefined {
  return /^\/subscriptions\/([^/]+)/i
    .exec(assignmentScope(assignment))?.[1]
    ?.toLowerCase();
}

/**
 * Answers PolicyAssignments_List of a subscription over the fixture estate,
 * as Microsoft documents its `$filter` (Policy Assignments - List, REST API
 * 2025-11-01): without it, the assignments "that apply directly or from
 * management groups that contain the given subscription, as well as any
 * applied to objects contained within the subscription"; with `atScope()`,
 * "everything in the unfiltered list except those applied to objects
 * contained within the subscription" (the subscription's own and its
 * management groups'). Any other filter is a 400, so a request the fixture
 * cannot answer never passes silently.
 */
export class PolicyAssignmentFixture {
  /** Lower-cased subscription id -> the assignments at it and under it. */
  private readonly underSubscription = new Map<string, ArmResource[]>();
  /** Lower-cased subscription id -> the assignments at the subscription itself. */
  private readonly atSubscription = new Map<string, ArmResource[]>();
  /** Lower-cased subscription id -> the assignments of the management groups above it. */
  private readonly aboveSubscription = new Map<string, ArmResource[]>();

  constructor(
    resources: readonly ArmResource[],
    managementGroups: Record<string, string[]> = {},
  ) {
    const subscriptionsUnder = new Map(
      Object.entries(managementGroups).map(([name, subscriptions]) => [
        name.toLowerCase(),
        subscriptions.map(s => s.toLowerCase()),
      ]),
    );
    // Indexed once: a large estate's lists are read thousands of times.
    for (const assignment of resources.filter(isPolicyAssignment)) {
      const scope = assignmentScope(assignment);
      const group = MANAGEMENT_GROUP_SCOPE.exec(scope)?.[1];
      for (const sub of group ? subscriptionsUnder.get(group) ?? [] : []) {
        push(this.aboveSubscription, sub, assignment);
      }
      const sub = subscriptionOfAssignment(assignment);
      if (!sub) continue;
      push(this.underSubscription, sub, assignment);
      if (scope === `/subscriptions/${sub}`) {
        push(this.atSubscription, sub, assignment);
      }
    }
  }

  /** The list of `subscriptionId`, or why the fixture cannot answer. */
  listOf(
    subscriptionId: string,
    filter: string | null,
  ): ArmResource[] | string {
    const sub = subscriptionId.toLowerCase();
    let own: Map<string, ArmResource[]>;
    if (filter === null) {
      own = this.underSubscription;
    } else if (filter.replace(/\s/g, '') === 'atScope()') {
      own = this.atSubscription;
    } else {
      return `The fixture cannot filter policy assignments by '${filter}'`;
    }
    return [
      ...(this.aboveSubscription.get(sub) ?? []),
      ...(own.get(sub) ?? []),
    ];
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const items = map.get(key);
  if (items) items.push(item);
  else map.set(key, [item]);
}
