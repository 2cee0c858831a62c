import { TAG_INGRESS_CERTIFICATE } from '@aks-baseline/plugin-aks-baseline-common';
import {
  MAX_PODS_PER_NODE,
  UPGRADE_SURGE_PERCENT,
} from '../../../validation/clusterRules';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  parameter,
  resourceId,
} from './expressions';
import { roleAssignmentId, roleGrants } from './roleAssignments';
import { policyAssignmentIds } from './policyAssignments';
import { workspaceDependency, workspaceResourceId } from './diagnostics';

/**
 * Cluster tag naming Traefik's certificate as `<vault>/<object>`: the
 * dashboard reads it to show the certificate's expiry without access to
 * the cluster's (private) API server.
 */
export const INGRESS_CERTIFICATE_TAG = TAG_INGRESS_CERTIFICATE;

export const SYSTEM_POOL_NAME = 'npsystem';
export const USER_POOL_NAME = 'npuser01';

/** The Kubernetes version is a template parameter: upgrading needs no regeneration. */
export const KUBERNETES_VERSION_PARAMETER = 'kubernetesVersion';

/**
 * The AKS cluster with every cluster control of the baseline:
 * NET-01/02 Azure CNI with Azure network policy, NET-03 user-defined
 * routing, NET-04 standard load balancer and a service CIDR apart from the
 * VNet, SEC-01/02 the Key Vault CSI provider with rotation, SEC-03 workload
 * identity and the OIDC issuer (no pod identity), SEC-04 Entra ID with Azure
 * RBAC and no local accounts, SEC-05 a private API server without run
 * command, SEC-06 Azure Policy, OPS-01 Container insights (into the given
 * workspace or the stamp's own, LOG-02 with its data collection rule),
 * OPS-02 no legacy ingress add-ons.
 */
export function managedCluster(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  const controlPlane = resourceId(
    RESOURCE_TYPES.identity,
    names.identities.controlPlane,
  );
  return {
    type: RESOURCE_TYPES.managedCluster,
    apiVersion: API_VERSIONS.containerService,
    name: spec.clusterName,
    location: spec.location,
    tags: {
      ...tags,
      [INGRESS_CERTIFICATE_TAG]: `${spec.keyVault.name}/${spec.keyVault.ingressCertificateName}`,
    },
    // Standard tier: the API server's uptime SLA.
    sku: { name: 'Base', tier: 'Standard' },
    identity: {
      type: 'UserAssigned',
      userAssignedIdentities: { [controlPlane]: {} },
    },
    dependsOn: [
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
      controlPlane,
      ...roleGrants(spec, names)
        .filter(grant => grant.identity === names.identities.controlPlane)
        .map(roleAssignmentId),
      ...policyAssignmentIds(spec),
      ...workspaceDependency(spec, names),
    ],
    properties: {
      kubernetesVersion: parameter(KUBERNETES_VERSION_PARAMETER),
      dnsPrefix: spec.dnsPrefix,
      nodeResourceGroup: names.nodeResourceGroup,
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        adminGroupObjectIDs: [spec.entra.adminGroupObjectId],
        tenantID: spec.entra.tenantId,
      },
      agentPoolProfiles: [systemPool(spec, names), userPool(spec, names)],
      networkProfile: {
        networkPlugin: 'azure',
        networkPolicy: 'azure',
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
        serviceCidr: spec.network.serviceCidr,
        dnsServiceIP: spec.network.dnsServiceIp,
      },
      apiServerAccessProfile: {
        enablePrivateCluster: true,
        // AKS creates and links the API server's private DNS zone.
        privateDNSZone: 'system',
        enablePrivateClusterPublicFQDN: false,
        disableRunCommand: true,
      },
      addonProfiles: addonProfiles(spec, names),
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      autoUpgradeProfile: {
        upgradeChannel: 'patch',
        nodeOSUpgradeChannel: 'NodeImage',
      },
    },
  };
}

/** Add-on settings are strings in the AKS API, booleans included. */
function addonProfiles(spec: ClusterSpec, names: ClusterNames) {
  return {
    azureKeyvaultSecretsProvider: {
      enabled: true,
      // Rotation on, so Traefik's certificate follows Key Vault (SEC-02).
      config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
    },
    azurepolicy: { enabled: true, config: { version: 'v2' } },
    // Managed identity auth: the agent collects what the data collection
    // rule associated with the cluster names (arm/diagnostics.ts).
    omsagent: {
      enabled: true,
      config: {
        logAnalyticsWorkspaceResourceID: workspaceResourceId(spec, names),
        useAADAuth: 'true',
      },
    },
  };
}

function poolCommon(spec: ClusterSpec, names: ClusterNames) {
  return {
    osType: 'Linux',
    osSKU: 'AzureLinux',
    type: 'VirtualMachineScaleSets',
    orchestratorVersion: parameter(KUBERNETES_VERSION_PARAMETER),
    vnetSubnetID: resourceId(
      RESOURCE_TYPES.subnet,
      names.vnet,
      names.subnets.nodes,
    ),
    maxPods: MAX_PODS_PER_NODE,
    ...(spec.availabilityZones.length
      ? { availabilityZones: [...spec.availabilityZones] }
      : {}),
    upgradeSettings: { maxSurge: `${UPGRADE_SURGE_PERCENT}%` },
  };
}

/** System pool: only critical add-ons run here (workloads, Traefik included, go to the user pool). */
function systemPool(spec: ClusterSpec, names: ClusterNames) {
  return {
    name: SYSTEM_POOL_NAME,
    mode: 'System',
    count: spec.systemPool.count,
    vmSize: spec.systemPool.vmSize,
    ...poolCommon(spec, names),
    nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'],
  };
}

function userPool(spec: ClusterSpec, names: ClusterNames) {
  return {
    name: USER_POOL_NAME,
    mode: 'User',
    count: spec.userPool.minCount,
    vmSize: spec.userPool.vmSize,
    ...poolCommon(spec, names),
    enableAutoScaling: true,
    minCount: spec.userPool.minCount,
    maxCount: spec.userPool.maxCount,
  };
}
