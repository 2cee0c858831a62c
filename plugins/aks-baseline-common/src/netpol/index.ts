/**
 * NetworkPolicy reachability evaluator: pure, isomorphic, no dependencies.
 * See ./README.md for the semantics and the modelling choices.
 */
export { analyzeNetworkPolicies } from './analyze';
export { NetworkPolicyInputError } from './errors';
export type {
  ConnectionExplanation,
  ConnectivityEntry,
  ConnectivityOptions as NetpolConnectivityOptions,
  ConnectivityPeer,
  DirectionVerdict,
  IpBlock as NetworkPolicyIpBlock,
  IpFamily as NetpolIpFamily,
  LabelSelector as NetpolLabelSelector,
  LabelSelectorRequirement as NetpolLabelSelectorRequirement,
  NetpolContainerPort,
  NetpolNamespace,
  NetpolPeer,
  NetpolPod,
  NetpolSnapshot,
  NetworkPolicyAnalysis,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyType as NetworkPolicyType,
  PortRange,
  Protocol,
} from './types';
