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
  private readonly assignments: ArmResource[];
  /** Lower-cased management group name -> the subscriptions under it. */
  private readonly groups: Map<string, Set<string>>;

  constructor(
    resources: readonly ArmResource[],
    managementGroups: Record<string, string[]> = {},
  ) {
    this.assignments = resources.filter(isPolicyAssignment);
    this.groups = new Map(
      Object.entries(managementGroups).map(([name, subscriptions]) => [
        name.toLowerCase(),
        new Set(subscriptions.map(s => s.toLowerCase())),
      ]),
    );
  }

  /** The list of `subscriptionId`, or why the fixture cannot answer. */
  listOf(
    subscriptionId: string,
    filter: string | null,
  ): ArmResource[] | string {
    const sub = subscriptionId.toLowerCase();
    const own = `/subscriptions/${sub}`;
    let inSubscription: (scope: string) => boolean;
    if (filter === null) {
      inSubscription = scope => scope === own || scope.startsWith(`${own}/`);
    } else if (filter.replace(/\s/g, '') === 'atScope()') {
      inSubscription = scope => scope === own;
    } else {
      return `The fixture cannot filter policy assignments by '${filter}'`;
    }
    return this.assignments.filter(assignment => {
      const scope = assignmentScope(assignment);
      const group = MANAGEMENT_GROUP_SCOPE.exec(scope)?.[1];
      return group !== undefined
        ? this.groups.get(group)?.has(sub) ?? false
        : inSubscription(scope);
    });
  }
}
