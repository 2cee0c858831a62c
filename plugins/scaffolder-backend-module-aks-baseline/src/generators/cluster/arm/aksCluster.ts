import {
  CRITICAL_ADDONS_TAINT,
  TAG_INGRESS_CERTIFICATE,
} from '@aks-baseline/plugin-aks-baseline-common';
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
import { hubPeeringIds } from './hubPeering';
import { UPGRADE_CHANNELS } from './maintenance';
import { ephemeralOsDisk } from './osDisk';
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
 * The cluster autoscaler's settings, the reference's values (strings in the
 * API): scale up without delay, scale down after 10 minutes of a node under
 * half used, and never evict pods with local storage or kube-system pods.
 */
export const AUTOSCALER_PROFILE = {
  'balance-similar-node-groups': 'false',
  expander: 'random',
  'max-empty-bulk-delete': '10',
  'max-graceful-termination-sec': '600',
  'max-node-provision-time': '15m',
  'max-total-unready-percentage': '45',
  'new-pod-scale-up-delay': '0s',
  'ok-total-unready-count': '3',
  'scale-down-delay-after-add': '10m',
  'scale-down-delay-after-delete': '20s',
  'scale-down-delay-after-failure': '3m',
  'scale-down-unneeded-time': '10m',
  'scale-down-unready-time': '20m',
  'scale-down-utilization-threshold': '0.5',
  'scan-interval': '10s',
  'skip-nodes-with-local-storage': 'true',
  'skip-nodes-with-system-pods': 'true',
} as const;

/**
 * The AKS cluster with every cluster control of the baseline:
 * NET-01/02 Azure CNI with Azure network policy, NET-03 user-defined
 * routing, NET-04 standard load balancer and a service CIDR apart from the
 * VNet, SEC-01/02 the Key Vault CSI provider with rotation, SEC-03 workload
 * identity and the OIDC issuer (no pod identity), SEC-04 Entra ID with Azure
 * RBAC and no local accounts, SEC-05 a private API server without run
 * command, SEC-06 Azure Policy, OPS-01 Container insights (into the given
 * workspace or the stamp's own, LOG-02 with its data collection rule),
 * OPS-02 no legacy ingress add-ons; DEF-01 Defender (reporting to that
 * workspace) and DEF-02 the image cleaner, UPG-01 the upgrade channels
 * (their windows are in maintenance.ts), UPG-02 the autoscaled, tainted
 * system pool, UPG-03 zones where the region has them.
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
      // The nodes' only way out is the hub firewall, across the peering.
      ...hubPeeringIds(spec, names),
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
      autoScalerProfile: AUTOSCALER_PROFILE,
      networkProfile: {
        networkPlugin: 'azure',
        // Azure CNI Overlay when a pod CIDR is given (the reference's mode).
        ...(spec.network.podCidr
          ? { networkPluginMode: 'overlay', podCidr: spec.network.podCidr }
          : {}),
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
        ...apiServerVnetIntegration(spec, names),
      },
      addonProfiles: addonProfiles(spec, names),
      oidcIssuerProfile: { enabled: true },
      securityProfile: securityProfile(spec, names),
      autoUpgradeProfile: { ...UPGRADE_CHANNELS },
    },
  };
}

/** How often the image cleaner removes unused images: the reference's 5 days. */
export const IMAGE_CLEANER_EVERY_HOURS = 120;

/**
 * The reference's security profile: workload identity (SEC-03), the image
 * cleaner (DEF-02), and Defender for Containers (DEF-01) reporting to the
 * given workspace or the stamp's own (the API requires one). The
 * reference's nodeRestriction is not in the stable 2026-10-01 API (the
 * admission plugin is on in AKS regardless), and its azureKeyVaultKms is
 * off, as leaving it out is.
 */
function securityProfile(spec: ClusterSpec, names: ClusterNames) {
  return {
    workloadIdentity: { enabled: true },
    imageCleaner: {
      enabled: true,
      intervalHours: IMAGE_CLEANER_EVERY_HOURS,
    },
    defender: {
      logAnalyticsWorkspaceResourceId: workspaceResourceId(spec, names),
      securityMonitoring: { enabled: true },
    },
  };
}

/** The API server in its delegated spoke subnet, when chosen (SEC-05 reads it). */
function apiServerVnetIntegration(spec: ClusterSpec, names: ClusterNames) {
  if (!spec.network.apiServerSubnet) return {};
  return {
    enableVnetIntegration: true,
    subnetId: resourceId(
      RESOURCE_TYPES.subnet,
      names.vnet,
      names.subnets.apiServer,
    ),
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

function poolCommon(spec: ClusterSpec, names: ClusterNames, vmSize: string) {
  return {
    vmSize,
    ...ephemeralOsDisk(vmSize),
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

/**
 * System pool: only critical add-ons run here (workloads, Traefik included,
 * go to the user pool). Autoscaled from the requested count to one node
 * more (the reference: 3 to 4), room for add-ons that grow with the
 * cluster and for a node lost during an upgrade's surge (UPG-02).
 */
function systemPool(spec: ClusterSpec, names: ClusterNames) {
  return {
    name: SYSTEM_POOL_NAME,
    mode: 'System',
    count: spec.systemPool.count,
    ...poolCommon(spec, names, spec.systemPool.vmSize),
    enableAutoScaling: true,
    minCount: spec.systemPool.count,
    maxCount: spec.systemPool.count + 1,
    nodeTaints: [CRITICAL_ADDONS_TAINT],
  };
}

function userPool(spec: ClusterSpec, names: ClusterNames) {
  return {
    name: USER_POOL_NAME,
    mode: 'User',
    count: spec.userPool.minCount,
    ...poolCommon(spec, names, spec.userPool.vmSize),
    enableAutoScaling: true,
    minCount: spec.userPool.minCount,
    maxCount: spec.userPool.maxCount,
  };
}
