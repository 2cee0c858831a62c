import {
  BASELINE_POLICIES,
  BaselinePolicy,
} from '@aks-baseline/plugin-aks-baseline-common';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  literal,
  resourceGroupGuidCall,
} from './expressions';

/*
 * The Azure Policy assignments of the reference's
 * workload-team/modules/policies.bicep, on the cluster's resource group as
 * the reference scopes them (a resource-group deployment's default scope):
 * the definitions and effects come from the common package's
 * BASELINE_POLICIES, which GOV-01 judges against; the parameters the
 * reference gives each are here, where the stamp's names are known.
 * Differences from the reference, each on purpose:
 * - allowed images: the stamp's registry and MCR (AKS's own images), not
 *   docker.io/library: every image of cluster-manifests/ comes from the
 *   stamp's registry (ACR-02), so Docker Hub is never needed; and anchored
 *   at the start, which the reference's pattern is not: Gatekeeper's
 *   re_match finds a match anywhere, so `<acr>\.azurecr\.io/.+$` alone
 *   also admits `evil.example/<acr>.azurecr.io/x`;
 * - excluded namespaces: the ones AKS and its extensions manage
 *   (kube-system, gatekeeper-system, azure-arc, flux-system where the
 *   reference excludes it), but not the reference's own
 *   cluster-baseline-settings (this stamp has none) nor the app namespace
 *   a0008 (the reference's sample app breaks seccomp and group rules; the
 *   stamp's Traefik runs non-root with RuntimeDefault seccomp, a read-only
 *   root file system and limits, so it needs no exemption);
 * - read-only root file system: no excluded containers (the reference
 *   exempts its ASP.NET sample);
 * - no location: it matters only for an assignment with a managed identity
 *   (DeployIfNotExists/Modify), which none of these is;
 * - description: what the policy guards, in our words (the reference copies
 *   the definition's description, which a template cannot read);
 * - the custom "ingress TLS hosts inside the domain" policy is left out: its
 *   definition must be created at subscription scope, and this template
 *   deploys to a resource group.
 */

const AKS_MANAGED_NAMESPACES = [
  'kube-system',
  'gatekeeper-system',
  'azure-arc',
];
const WITH_FLUX = [...AKS_MANAGED_NAMESPACES, 'flux-system'];

/** `a.b.c` as a regular expression matching it literally. */
const literalPattern = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The images the allowed-images policy admits: the stamp's registry and
 * Microsoft's (the add-ons' images AKS pulls into the exempt namespaces).
 */
export function allowedImagesPattern(names: ClusterNames): string {
  const hosts = [names.registry.loginServer, 'mcr.microsoft.com'];
  return `^(${hosts.map(literalPattern).join('|')})/.+$`;
}

type PolicyParameters = Record<string, { value: unknown }>;

/** The parameters the reference gives each policy, besides the effect. */
function policyParameters(
  policy: BaselinePolicy,
  names: ClusterNames,
): PolicyParameters {
  const excluded = (namespaces: string[]) => ({
    excludedNamespaces: { value: namespaces },
  });
  switch (policy.key) {
    case 'podSecurityRestricted':
    case 'readOnlyRootFilesystem':
      return excluded(WITH_FLUX);
    case 'httpsIngress':
    case 'internalLoadBalancers':
      return excluded([]);
    case 'resourceLimits':
      // The reference's ceiling: AKS's managed gateway proxy asks for 2 CPUs
      // and 1Gi; Traefik's limits (1 CPU, 512Mi) are below it.
      return {
        cpuLimit: { value: '2' },
        memoryLimit: { value: '1Gi' },
        ...excluded(WITH_FLUX),
      };
    case 'allowedImages':
      return {
        allowedContainerImagesRegex: { value: allowedImagesPattern(names) },
        ...excluded(AKS_MANAGED_NAMESPACES),
      };
    case 'allowedHostPaths':
      // No path at all: an empty list blocks every hostPath volume.
      return {
        ...excluded(WITH_FLUX),
        allowedHostPaths: { value: { paths: [] } },
      };
    case 'allowedExternalIps':
      return {
        ...excluded(AKS_MANAGED_NAMESPACES),
        allowedExternalIPs: { value: [] },
      };
    case 'noEndpointEdit':
      return excluded(AKS_MANAGED_NAMESPACES);
    case 'noDefaultNamespace':
      return {
        ...excluded(AKS_MANAGED_NAMESPACES),
        namespaces: { value: ['default'] },
      };
    default:
      // The resource-provider policies take only an effect.
      return {};
  }
}

/** ARM derives the name: stable for this resource group, cluster and definition. */
function assignmentGuid(spec: ClusterSpec, policy: BaselinePolicy): string {
  return resourceGroupGuidCall(spec.clusterName, 'policy', policy.definitionId);
}

/** The reference's display name: the cluster in brackets, then the definition's, 120 at most. */
function displayName(spec: ClusterSpec, policy: BaselinePolicy): string {
  return `[${spec.clusterName}] ${policy.displayName}`.slice(0, 120);
}

export function policyAssignment(
  spec: ClusterSpec,
  names: ClusterNames,
  policy: BaselinePolicy,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.policyAssignment,
    apiVersion: API_VERSIONS.policy,
    name: `[${assignmentGuid(spec, policy)}]`,
    properties: {
      displayName: displayName(spec, policy),
      description: `Baseline of ${spec.clusterName}: ${policy.effect} ${policy.guards}.`,
      policyDefinitionId: policy.definitionId,
      enforcementMode: 'Default',
      parameters: {
        ...policyParameters(policy, names),
        effect: { value: policy.effect },
      },
    },
  };
}

/** Every baseline policy, assigned to the cluster's resource group. */
export function policyAssignments(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource[] {
  return BASELINE_POLICIES.map(policy => policyAssignment(spec, names, policy));
}

/**
 * The assignments' ids, for the cluster's `dependsOn`: as the reference, the
 * policies are in place before the cluster, so the resource-provider ones
 * judge it at creation and Gatekeeper has them before the first workload.
 */
export function policyAssignmentIds(spec: ClusterSpec): string[] {
  return BASELINE_POLICIES.map(
    policy =>
      `[resourceId(${literal(
        RESOURCE_TYPES.policyAssignment,
      )}, ${assignmentGuid(spec, policy)})]`,
  );
}
