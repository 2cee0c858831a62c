/**
 * The Azure Policy assignments a baseline cluster's scope carries: the
 * built-in definitions mspnp/aks-baseline `workload-team/modules/policies.bicep`
 * assigns to the cluster's resource group, with the effect it gives each.
 * One table, read by the generator (which assigns them) and by GOV-01 (which
 * looks for them). Definition ids are Microsoft's built-ins (the same in every
 * tenant); display names are the definitions' own, as the reference's
 * comments give them. The reference's one custom policy (ingress TLS hosts
 * must carry the domain suffix) is not here: it needs a policy definition
 * created at subscription scope, which a resource-group deployment cannot do.
 */

/** Where a policy runs: Gatekeeper in the cluster, or Azure Resource Manager on the cluster resource. */
export type BaselinePolicyEngine = 'kubernetes' | 'resource-provider';

/** @public */
export interface BaselinePolicy {
  /** Stable short key (the generator names parameters and rows after it). */
  key: string;
  /** `/providers/Microsoft.Authorization/policy(Set)Definitions/<guid>`. */
  definitionId: string;
  displayName: string;
  /** The effect the reference assigns (Deny only where the definition offers it). */
  effect: 'Deny' | 'Audit';
  engine: BaselinePolicyEngine;
  /** What it guards, for the control's reason and the README. */
  guards: string;
}

const BUILT_IN_POLICY = '/providers/Microsoft.Authorization/policyDefinitions/';
const BUILT_IN_INITIATIVE =
  '/providers/Microsoft.Authorization/policySetDefinitions/';

/** Where each entry comes from (README, control reason). @public */
export const BASELINE_POLICY_SOURCE =
  'mspnp/aks-baseline workload-team/modules/policies.bicep';

/** In the reference's order. @public */
export const BASELINE_POLICIES: readonly BaselinePolicy[] = [
  {
    key: 'podSecurityRestricted',
    definitionId: `${BUILT_IN_INITIATIVE}42b8ef37-b724-4e24-bbc8-7a7708edfe00`,
    displayName:
      'Kubernetes cluster pod security restricted standards for Linux-based workloads',
    effect: 'Audit',
    engine: 'kubernetes',
    guards:
      'privileged pods, host namespaces and ports, privilege escalation, root users, capabilities, seccomp, volume types',
  },
  {
    key: 'httpsIngress',
    definitionId: `${BUILT_IN_POLICY}1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d`,
    displayName: 'Kubernetes clusters should be accessible only over HTTPS',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: 'Ingress objects without TLS',
  },
  {
    key: 'internalLoadBalancers',
    definitionId: `${BUILT_IN_POLICY}3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e`,
    displayName: 'Kubernetes clusters should use internal load balancers',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: 'LoadBalancer Services with a public IP',
  },
  {
    key: 'readOnlyRootFilesystem',
    definitionId: `${BUILT_IN_POLICY}df49d893-a74c-421d-bc95-c663042e5b80`,
    displayName:
      'Kubernetes cluster containers should run with a read only root file system',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: 'containers that can write to their image',
  },
  {
    key: 'resourceLimits',
    definitionId: `${BUILT_IN_POLICY}e345eecc-fa47-480f-9e88-67dcc122b164`,
    displayName:
      'AKS container CPU and memory resource limits should not exceed the specified limits',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: 'containers without CPU and memory limits, or above the ceiling',
  },
  {
    key: 'allowedImages',
    definitionId: `${BUILT_IN_POLICY}febd0533-8e55-448f-b837-bd0e06f16469`,
    displayName: 'AKS containers should only use allowed images',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: "images from anywhere but the stamp's registry (and MCR)",
  },
  {
    key: 'allowedHostPaths',
    definitionId: `${BUILT_IN_POLICY}098fc59e-46c7-4d99-9b16-64990e543d75`,
    displayName:
      'Kubernetes cluster pod hostPath volumes should only use allowed host paths',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: "hostPath volumes (none allowed): pods reading the node's files",
  },
  {
    key: 'allowedExternalIps',
    definitionId: `${BUILT_IN_POLICY}d46c275d-1680-448d-b2ec-e495a3b6cc89`,
    displayName:
      'Kubernetes cluster services should only use allowed external IPs',
    effect: 'Deny',
    engine: 'kubernetes',
    guards: 'Services claiming external IPs (none allowed)',
  },
  {
    key: 'noEndpointEdit',
    definitionId: `${BUILT_IN_POLICY}1ddac26b-ed48-4c30-8cc5-3a68c79b8001`,
    displayName:
      'Kubernetes clusters should not allow endpoint edit permissions of ClusterRole/system:aggregate-to-edit',
    effect: 'Audit',
    engine: 'kubernetes',
    guards: 'endpoint edit through the aggregated edit role (CVE-2021-25740)',
  },
  {
    key: 'noDefaultNamespace',
    definitionId: `${BUILT_IN_POLICY}9f061a12-e40d-4183-a00e-171812443373`,
    displayName: 'Kubernetes clusters should not use the default namespace',
    effect: 'Audit',
    engine: 'kubernetes',
    guards: 'workloads in the default namespace',
  },
  {
    key: 'defenderProfile',
    definitionId: `${BUILT_IN_POLICY}a1840de2-8088-4ea8-b153-b4c723e9cb01`,
    displayName:
      'Azure Kubernetes Service clusters should have Defender profile enabled',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters without the Defender for Containers sensor',
  },
  {
    key: 'entraIntegration',
    definitionId: `${BUILT_IN_POLICY}450d2877-ebea-41e8-b00c-e286317d21bf`,
    displayName:
      'Azure Kubernetes Service Clusters should enable Microsoft Entra ID integration',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters without Microsoft Entra ID sign-in',
  },
  {
    key: 'localAuthDisabled',
    definitionId: `${BUILT_IN_POLICY}993c2fcd-2b29-49d2-9eb0-df2c3a730c32`,
    displayName:
      'Azure Kubernetes Service Clusters should have local authentication methods disabled',
    effect: 'Deny',
    engine: 'resource-provider',
    guards: 'clusters whose local admin credentials bypass Entra ID',
  },
  {
    key: 'azurePolicyAddon',
    definitionId: `${BUILT_IN_POLICY}0a15ec92-a229-4763-bb14-0ea34a568f8d`,
    displayName:
      'Azure Policy Add-on for Kubernetes service (AKS) should be installed and enabled on your clusters',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters where none of the Kubernetes policies above run',
  },
  {
    key: 'authorizedIpRanges',
    definitionId: `${BUILT_IN_POLICY}0e246bcf-5f6f-4f87-bc6f-775d4712c7ea`,
    displayName:
      'Authorized IP ranges should be defined on Kubernetes Services',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'public API servers open to every address',
  },
  {
    key: 'kubernetesVersion',
    definitionId: `${BUILT_IN_POLICY}fb893a29-21bb-418c-a157-e99480ec364c`,
    displayName:
      'Kubernetes Services should be upgraded to a non-vulnerable Kubernetes version',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters on a Kubernetes version with known vulnerabilities',
  },
  {
    key: 'rbac',
    definitionId: `${BUILT_IN_POLICY}ac4a19c2-fa67-49b4-8ae5-0b2e78c49457`,
    displayName:
      'Role-Based Access Control (RBAC) should be used on Kubernetes Services',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters without Kubernetes RBAC',
  },
  {
    key: 'managedIdentities',
    definitionId: `${BUILT_IN_POLICY}da6e2401-19da-4532-9141-fb8fbde08431`,
    displayName:
      'Azure Kubernetes Service Clusters should use managed identities',
    effect: 'Audit',
    engine: 'resource-provider',
    guards: 'clusters running on a service principal secret',
  },
];
