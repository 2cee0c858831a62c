/**
 * The AKS secure-baseline control catalogue and evaluator (pure, isomorphic).
 */
export { BASELINE_CONTROLS, findControl } from './catalogue';
export type { ControlId } from './catalogue';
export { evaluateBaselineControls, summarizeControls } from './evaluate';
export {
  CERTIFICATE_VALIDITY_CONTROLS,
  judgeCertificateValidity,
} from './certificates';
export type { Judgement } from './judgement';
export { proveClusterEgress } from './egressRules';
export type { EgressProof } from './egressRules';
export { worstStatus } from './judgement';
export {
  clusterVirtualNetworks,
  privateEndpointInVirtualNetworks,
} from './registryPrivate';
export { CRITICAL_ADDONS_TAINT, MAINTENANCE_SCHEDULES } from './upgrades';
export { IMAGE_CLEANER_INTERVAL_HOURS } from './securityProfile';
export {
  AKS_MANAGED_NAMESPACES,
  MICROSOFT_CONTAINER_REGISTRY,
  registryLoginServer,
} from './registryImages';
export {
  ipv4CidrContains,
  ipv4CidrsOverlap,
  isPrivateIpv4,
  parseIpv4Address,
  parseIpv4Cidr,
} from './ipv4';
export type { Ipv4Block } from './ipv4';
export type {
  BackendTrustObservation,
  BaselineContext,
  BaselineResources,
  CertificateObservations,
  ControlArea,
  ControlDefinition,
  ControlRemediation,
  ControlResult,
  ControlSeverity,
  ControlStatus,
  ControlSummary,
  EgressContext,
  KubernetesObject,
  KubernetesObservation,
  ResourceDiagnosticSettings,
  TraefikLocator,
} from './types';
export type {
  ArmApplicationGateway,
  ArmAzureFirewall,
  ArmContainerRegistry,
  ArmFederatedIdentityCredential,
  ArmFirewallPolicy,
  ArmKeyVault,
  ArmManagedCluster,
  ArmPolicyAssignment,
  ArmPrivateEndpoint,
  ArmReference,
  ArmResource,
  ArmRouteTable,
  ArmSubnet,
  ArmUserAssignedIdentity,
  ArmVirtualNetwork,
  ArmWafPolicy,
} from '../arm/types';
