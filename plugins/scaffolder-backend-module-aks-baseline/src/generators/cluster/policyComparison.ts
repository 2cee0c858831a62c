import {
  BASELINE_POLICIES,
  BASELINE_POLICY_SOURCE,
  BaselinePolicy,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { ReferenceComparisonRow } from './referenceComparison';

/*
 * The policy assignments compared with the reference's
 * workload-team/modules/policies.bicep, one row per assignment (issue #17
 * item 1). Effects come from BASELINE_POLICIES, which the generator assigns
 * and GOV-01 judges; the parameters each side gives are written here and
 * held equal to the generated ones by policyComparison.test.ts.
 */

const AKS = 'kube-system, gatekeeper-system, azure-arc';
const AKS_AND_FLUX = `${AKS}, flux-system`;

interface ParameterComparison {
  reference: string;
  ours: string;
  note: string;
}

const SAME = (parameters: string): ParameterComparison => ({
  reference: parameters,
  ours: parameters,
  note: 'same',
});

/** Parameters besides the effect, per policy key; absent: the effect alone, on both sides. */
const PARAMETERS: Record<string, ParameterComparison> = {
  podSecurityRestricted: {
    reference: `excluded namespaces ${AKS_AND_FLUX}, cluster-baseline-settings, a0008`,
    ours: `excluded namespaces ${AKS_AND_FLUX}`,
    note: "the stamp has no cluster-baseline-settings namespace; the reference exempts a0008 for its sample app's seccomp and group violations, while the stamp's Traefik runs non-root with RuntimeDefault seccomp and needs no exemption",
  },
  httpsIngress: SAME('no excluded namespace'),
  internalLoadBalancers: SAME('no excluded namespace'),
  readOnlyRootFilesystem: {
    reference: `excluded namespaces ${AKS_AND_FLUX}; excluded container aspnet-webapp-sample`,
    ours: `excluded namespaces ${AKS_AND_FLUX}`,
    note: "the reference exempts its ASP.NET sample (no read-only root support); the stamp runs no such container and Traefik's root file system is read-only",
  },
  resourceLimits: SAME(
    `cpuLimit 2, memoryLimit 1Gi; excluded namespaces ${AKS_AND_FLUX}`,
  ),
  allowedImages: {
    reference: `<acr>\\.azurecr\\.io/.+$|mcr\\.microsoft\\.com/.+$|docker\\.io/library/.+$; excluded namespaces ${AKS}`,
    ours: `^(<the stamp's registry>\\.azurecr\\.io|mcr\\.microsoft\\.com)/.+$; excluded namespaces ${AKS}`,
    note: "no Docker Hub: every image of cluster-manifests/ is imported into the stamp's registry (ACR-02; the reference itself marks docker.io for removal in production); anchored at the start, since Gatekeeper's re_match finds a match anywhere and the reference's pattern would admit evil.example/<acr>.azurecr.io/x",
  },
  allowedHostPaths: SAME(
    `no path allowed; excluded namespaces ${AKS_AND_FLUX}`,
  ),
  allowedExternalIps: SAME(
    `no external IP allowed; excluded namespaces ${AKS}`,
  ),
  noEndpointEdit: SAME(`excluded namespaces ${AKS}`),
  noDefaultNamespace: SAME(`namespaces default; excluded namespaces ${AKS}`),
};

function row(policy: BaselinePolicy): ReferenceComparisonRow {
  const guid = policy.definitionId.split('/').pop();
  const parameters = PARAMETERS[policy.key];
  const withEffect = (text?: string) =>
    text ? `${policy.effect}; ${text}` : policy.effect;
  return {
    setting: `policy assignment "${policy.displayName}" (${guid})`,
    reference: withEffect(parameters?.reference),
    ours: withEffect(parameters?.ours),
    control: 'GOV-01',
    note: parameters?.note ?? 'same',
  };
}

/** Policy assignments (issue #17 item 1): one row per reference assignment, then how they are placed. */
export const POLICY_ASSIGNMENT_ROWS: readonly ReferenceComparisonRow[] = [
  ...BASELINE_POLICIES.map(row),
  {
    setting:
      'policy assignment "Kubernetes cluster ingress TLS hosts must have defined domain suffix" (custom)',
    reference: 'deny; allowedDomainSuffixes the domain',
    ours: 'not assigned',
    control: '—',
    note: "its definition must be created at subscription scope, which this resource-group template cannot do; onboard-app refuses a host outside the cluster's ingress domain, which covers the routes it writes",
  },
  {
    setting: 'policy assignments: scope, order, location',
    reference: `resourceGroup(); the cluster dependsOn them; location global (${BASELINE_POLICY_SOURCE})`,
    ours: "the deployment's resource group; the cluster dependsOn each; no location",
    control: 'GOV-01',
    note: "same scope and order (the resource-provider policies judge the cluster at creation, Gatekeeper has the Kubernetes ones before the first workload); location matters only for an assignment with a managed identity, which none has; the dashboard counts assignments at or above the cluster's scope (management groups, subscription, resource group, cluster)",
  },
];
