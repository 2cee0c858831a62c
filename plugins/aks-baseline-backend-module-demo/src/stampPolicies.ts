import {
  ArmResource,
  BASELINE_POLICIES,
} from '@aks-baseline/plugin-aks-baseline-common';
import { derivedGuid } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/** How a demo stamp's resource group is governed (GOV-01). */
export type StampGovernance =
  /** Every baseline policy assigned with the reference's effect. */
  | 'baseline'
  /** As `baseline`, but allowed images only audits (the staging cluster's Docker Hub image got in). */
  | 'images-audit-only'
  /** Nothing assigned: the cluster predates the baseline. */
  | 'none';

const ALLOWED_IMAGES_KEY = 'allowedImages';

/**
 * The baseline's policy assignments on a stamp's resource group, as the
 * subscription's PolicyAssignments list returns them (2025-11-01): the
 * create-cluster template's assignments after deployment (display name
 * `[cluster] definition`, the effect, `scope` the group ARM adds).
 */
export function stampPolicyAssignments(
  stamp: { subscriptionId: string; resourceGroup: string; name: string },
  governance: StampGovernance,
): ArmResource[] {
  if (governance === 'none') return [];
  const scope = `/subscriptions/${stamp.subscriptionId}/resourceGroups/${stamp.resourceGroup}`;
  return BASELINE_POLICIES.map(policy => {
    const name = derivedGuid(scope, policy.definitionId);
    const audits =
      governance === 'images-audit-only' && policy.key === ALLOWED_IMAGES_KEY;
    return {
      id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/policyAssignments',
      properties: {
        displayName: `[${stamp.name}] ${policy.displayName}`.slice(0, 120),
        policyDefinitionId: policy.definitionId,
        definitionVersion: '1.*.*',
        scope,
        notScopes: [],
        parameters: { effect: { value: audits ? 'Audit' : policy.effect } },
        enforcementMode: 'Default',
      },
    };
  });
}
