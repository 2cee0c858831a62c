/**
 * Egress proof: what a stamp must reach (requirements) and what an Azure
 * Firewall policy lets through (evaluator). Pure.
 */
export { egressRequirementId, egressRequirements } from './requirements';
export {
  broadFirewallRules,
  buildFirewallPolicyModel,
  classicRulesAsPolicySet,
  evaluateFirewallFlow,
} from './firewallPolicy';
export type {
  BroadFirewallRule,
  FirewallFlowVerdict,
  FirewallPolicyModel,
  FirewallPolicySet,
  FirewallRuleRef,
} from './firewallPolicy';
export type {
  AzureCloudName,
  EgressComponent,
  EgressDestination,
  EgressFlow,
  EgressFlowResult,
  EgressFlux,
  EgressProtocol,
  EgressReason,
  EgressRequirement,
  EgressStamp,
} from './types';
