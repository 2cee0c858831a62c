import { asString, readArm } from '../arm/read';
import type { ArmPolicyAssignment } from '../arm/types';
import {
  BASELINE_POLICIES,
  BASELINE_POLICY_SOURCE,
  BaselinePolicy,
} from '../governance/baselinePolicies';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  judge,
  notObserved,
} from './judgement';
import type { BaselineResources } from './types';

/*
 * GOV-01: the Azure Policy assignments of the reference's policies.bicep are
 * in force at or above the cluster's scope. SEC-06 only says the add-on runs;
 * this says what it enforces. An assignment counts when it names the
 * built-in definition, is enforced (enforcementMode not DoNotEnforce) and
 * its effect is not Disabled; one that audits where the baseline denies is a
 * warning (it reports the violation but lets it in).
 */

const POLICY_DOC = 'https://learn.microsoft.com/azure/aks/use-azure-policy';

type Strength = 'missing' | 'off' | 'audits' | 'as-expected';
const STRENGTH_RANK: Record<Strength, number> = {
  missing: 0,
  off: 1,
  audits: 2,
  'as-expected': 3,
};

const guidOf = (policy: BaselinePolicy) =>
  policy.definitionId.split('/').pop() ?? policy.definitionId;
const named = (policy: BaselinePolicy) =>
  `"${policy.displayName}" (${guidOf(policy)})`;

function strengthOf(
  assignment: ArmPolicyAssignment,
  policy: BaselinePolicy,
): Strength {
  // DoNotEnforce and Enroll (enforced only once a scope enrols) both admit
  // what the policy would deny.
  const mode = asString(readArm(assignment, 'enforcementMode'));
  if (mode && mode !== 'Default') return 'off';
  const effect = asString(readArm(assignment, 'parameters.effect.value'));
  if (effect?.toLowerCase() === 'disabled') return 'off';
  if (policy.effect === 'Deny' && effect?.toLowerCase() !== 'deny')
    return 'audits';
  return 'as-expected';
}

/** The strongest assignment of `policy` among `assignments`. */
function assignmentStrength(
  policy: BaselinePolicy,
  assignments: ArmPolicyAssignment[],
): Strength {
  const wanted = policy.definitionId.toLowerCase();
  return assignments
    .filter(
      a => asString(readArm(a, 'policyDefinitionId'))?.toLowerCase() === wanted,
    )
    .map(a => strengthOf(a, policy))
    .reduce<Strength>(
      (best, s) => (STRENGTH_RANK[s] > STRENGTH_RANK[best] ? s : best),
      'missing',
    );
}

function assignCommand(policy: BaselinePolicy): string {
  return `az policy assignment create --policy ${guidOf(
    policy,
  )} --scope <the cluster's resource group id> --params '{"effect":{"value":"${
    policy.effect
  }"}}'`;
}

function findingsOf(byStrength: Record<Strength, BaselinePolicy[]>): Finding[] {
  const findings: Finding[] = [];
  const { missing, off, audits } = byStrength;
  if (missing.length)
    findings.push({
      status: 'fail',
      reason: `not assigned at or above the cluster's scope: ${missing
        .map(named)
        .join(', ')}; nothing stops or reports what they guard (${missing
        .map(p => p.guards)
        .join(
          '; ',
        )}). Assign each built-in to the cluster's resource group with the effect ${BASELINE_POLICY_SOURCE} gives it, e.g. ${assignCommand(
        missing[0],
      )} (the create-cluster template assigns all of them; ${POLICY_DOC})`,
    });
  if (off.length)
    findings.push({
      status: 'fail',
      reason: `assigned but not in force (enforcementMode DoNotEnforce or Enroll, or effect Disabled): ${off
        .map(named)
        .join(
          ', ',
        )}; set enforcementMode Default and the effect the baseline gives it (az policy assignment update --enforcement-mode Default)`,
    });
  if (audits.length)
    findings.push({
      status: 'warning',
      reason: `audits where the baseline denies: ${audits
        .map(named)
        .join(
          ', ',
        )}; violations are reported but admitted; set parameters.effect to Deny`,
    });
  return findings;
}

function baselinePolicyAssignments(input: BaselineResources): Judgement {
  const assignments = input.policyAssignments;
  if (!assignments) return notObserved('the policy assignments were not read');
  const byStrength: Record<Strength, BaselinePolicy[]> = {
    missing: [],
    off: [],
    audits: [],
    'as-expected': [],
  };
  for (const policy of BASELINE_POLICIES)
    byStrength[assignmentStrength(policy, assignments)].push(policy);
  const assigned = BASELINE_POLICIES.length - byStrength.missing.length;
  const found = [
    `${assigned} of ${BASELINE_POLICIES.length} baseline policies assigned`,
    ...(byStrength.missing.length
      ? [`missing: ${byStrength.missing.map(named).join(', ')}`]
      : []),
  ].join('; ');
  return judge(
    found,
    findingsOf(byStrength),
    `every policy of ${BASELINE_POLICY_SOURCE} is assigned at or above the cluster's scope, with its effect`,
  );
}

export const policyAssignmentEvaluators: ControlEvaluators = {
  'GOV-01': baselinePolicyAssignments,
};
