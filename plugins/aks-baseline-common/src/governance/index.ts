/**
 * Governance: the Azure Policy assignments a baseline cluster's scope
 * carries (GOV-01's expectation, the generator's assignments) and which
 * assignments apply to a cluster. Pure.
 */
export { BASELINE_POLICIES, BASELINE_POLICY_SOURCE } from './baselinePolicies';
export type { BaselinePolicy, BaselinePolicyEngine } from './baselinePolicies';
export { policyAssignmentAppliesTo } from './policyScope';
