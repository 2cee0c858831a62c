import { asString, readArm, readArmList } from '../arm/read';
import { normalizeArmResourceId } from '../arm/armId';
import type { ArmPolicyAssignment } from '../arm/types';

/** An ARM scope covers a resource when it is the resource or one of its ancestors. */
function covers(scope: string, resourceId: string): boolean {
  const s = normalizeArmResourceId(scope);
  const r = normalizeArmResourceId(resourceId);
  return r === s || r.startsWith(`${s}/`);
}

const MANAGEMENT_GROUP_SCOPE =
  /^\/providers\/microsoft\.management\/managementgroups\//i;

/**
 * Whether an assignment from the cluster's subscription's list applies to the
 * cluster: assigned to a management group (the subscription list holds only
 * those of the groups above the subscription: "including those that apply
 * ... from management groups that contain the given subscription", the
 * PolicyAssignments_List documentation), to the subscription, to the
 * cluster's resource group or to the cluster itself, and none of its
 * `notScopes` excludes the cluster. Assignments on other resource groups or
 * resources of the subscription are in that list too, and do not apply.
 * @public
 */
export function policyAssignmentAppliesTo(
  assignment: ArmPolicyAssignment,
  clusterId: string,
): boolean {
  const scope = asString(readArm(assignment, 'scope'));
  if (!scope) return false;
  const inScope =
    MANAGEMENT_GROUP_SCOPE.test(scope) || covers(scope, clusterId);
  if (!inScope) return false;
  return !readArmList(assignment, 'notScopes').some(
    notScope => typeof notScope === 'string' && covers(notScope, clusterId),
  );
}
