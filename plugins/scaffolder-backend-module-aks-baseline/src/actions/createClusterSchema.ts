// zod's v3 API, as the scaffolder passes it (ZodImpl); imported here so the
// exported fields' declared types can name zod's classes.
import type * as zod from 'zod/v3';
import { CREATE_CLUSTER_DEFAULTS as DEFAULTS } from '../validation/clusterDefaults';
import * as cluster from '../validation/clusterRules';
import { FieldSchemas, bool, integer, text } from '../validation/fields';
import * as rules from '../validation/textRules';

/*
 * The create-cluster action's input, defined once: the scaffolder derives
 * the JSON schema it checks (and the form and the action docs show) from
 * these fields, and the handler parses its input with them, defaults
 * included. What one field cannot say (subnets inside the VNet and apart,
 * sizes, the firewall outside the spoke) is checked in
 * `validation/createClusterInput.ts`, naming the field.
 */

/** Unix seconds, up to the end of year 9999 (what a certificate's not-after can say). */
const certificateExpiry = (z: typeof zod.z) =>
  integer(z, {
    min: 1,
    max: 253402300799,
    what: 'a time in seconds since 1970-01-01 UTC',
  }).optional();

const nodeCount = (z: typeof zod.z, min: number) =>
  integer(z, { min, max: cluster.NODE_COUNT_MAX, what: 'a node count' });

export const createClusterInputFields = {
  clusterName: z =>
    text(z, rules.aksClusterName).describe(
      "AKS cluster name (1-63 letters, digits, '-' and '_', alphanumeric at both ends, no two separators in a row). Also the catalog entity's name.",
    ),
  owner: z =>
    text(z, rules.entityRef(['group', 'user'])).describe(
      'Owner of the cluster: entity ref of a Group or User.',
    ),
  subscriptionId: z =>
    text(z, rules.guid).describe('Azure subscription id (GUID).'),
  resourceGroup: z =>
    text(z, rules.resourceGroupName).describe(
      "Resource group for the cluster's resources (1-90 letters, digits, '_', '-', '.', '(', ')'; not ending with '.'). Created when deploying.",
    ),
  location: z =>
    text(z, rules.publicCloudRegion).describe(
      'Azure region, e.g. westeurope (public cloud). Resources spread over availability zones where the region has them.',
    ),
  kubernetesVersion: z =>
    text(z, rules.kubernetesVersion)
      .default(DEFAULTS.kubernetesVersion)
      .describe(
        'Kubernetes version: 1.<minor> (latest patch) or 1.<minor>.<patch>. A template parameter, so upgrades need no regeneration.',
      ),
  systemNodeVmSize: z =>
    text(z, rules.vmSize)
      .default(DEFAULTS.systemNodeVmSize)
      .describe('VM size of the system node pool (critical add-ons only).'),
  systemNodeCount: z =>
    nodeCount(z, cluster.SYSTEM_NODE_COUNT_MIN)
      .default(DEFAULTS.systemNodeCount)
      .describe('Nodes in the system pool (1-1000).'),
  userNodeVmSize: z =>
    text(z, rules.vmSize)
      .default(DEFAULTS.userNodeVmSize)
      .describe('VM size of the user node pool (Traefik and the apps).'),
  userNodeMinCount: z =>
    nodeCount(z, cluster.USER_NODE_MIN_COUNT_MIN)
      .default(DEFAULTS.userNodeMinCount)
      .describe(
        "Autoscaler minimum of the user pool (2-1000: Traefik's two replicas never share a node).",
      ),
  userNodeMaxCount: z =>
    nodeCount(z, cluster.USER_NODE_MIN_COUNT_MIN)
      .default(DEFAULTS.userNodeMaxCount)
      .describe('Autoscaler maximum of the user pool (at least the minimum).'),
  vnetAddressSpace: z =>
    text(z, rules.ipv4Cidr)
      .default(DEFAULTS.vnetAddressSpace)
      .describe('Address space of the spoke VNet (private IPv4 CIDR).'),
  nodeSubnetCidr: z =>
    text(z, rules.ipv4Cidr)
      .default(DEFAULTS.nodeSubnetCidr)
      .describe(
        "Node subnet, inside the VNet. Azure CNI gives pods addresses here: it must hold 31 addresses per node at the pools' maximum plus upgrade surge.",
      ),
  ingressSubnetCidr: z =>
    text(z, rules.ipv4Cidr)
      .default(DEFAULTS.ingressSubnetCidr)
      .describe(
        "Subnet for Traefik's internal load balancer, inside the VNet (/29 or larger).",
      ),
  appGatewaySubnetCidr: z =>
    text(z, rules.appGatewaySubnet)
      .default(DEFAULTS.appGatewaySubnetCidr)
      .describe(
        'App Gateway subnet, inside the VNet: /24 recommended, smaller than /26 refused.',
      ),
  privateEndpointsSubnetCidr: z =>
    text(z, rules.ipv4Cidr)
      .default(DEFAULTS.privateEndpointsSubnetCidr)
      .describe(
        "Subnet for the Key Vault's private endpoint, inside the VNet.",
      ),
  serviceCidr: z =>
    text(z, rules.ipv4Cidr)
      .default(DEFAULTS.serviceCidr)
      .describe(
        "Kubernetes service CIDR: apart from the VNet, the hub firewall's IP and AKS's reserved ranges; /12 or smaller.",
      ),
  podCidr: z =>
    text(z, rules.ipv4Cidr)
      .optional()
      .describe(
        'Azure CNI Overlay, as the reference deploys it: pods take addresses from this private CIDR (e.g. 192.168.0.0/16) instead of the node subnet, which then needs one address per node. Apart from the VNet, the service CIDR and the hub. Absent: flat Azure CNI.',
      ),
  apiServerSubnetCidr: z =>
    text(z, rules.ipv4Cidr)
      .optional()
      .describe(
        "API Server VNet Integration: the API server's own subnet inside the VNet (/28 or larger), delegated to AKS; the private API server then sits in the spoke with no private endpoint. Absent: a private endpoint.",
      ),
  dnsServiceIp: z =>
    text(z, rules.ipv4Address)
      .optional()
      .describe(
        "Cluster DNS service IP inside the service CIDR. Defaults to the CIDR's 10th address.",
      ),
  traefikInternalIp: z =>
    text(z, rules.ipv4Address)
      .optional()
      .describe(
        "Traefik's internal load balancer IP, inside the ingress subnet; App Gateway's backend pool. Defaults to the subnet's first assignable address (.4).",
      ),
  firewallPrivateIp: z =>
    text(z, rules.ipv4Address).describe(
      "The hub firewall's private IP: the next hop of the node subnet's default route (private, outside the spoke).",
    ),
  firewallResourceId: z =>
    text(z, rules.firewallResourceId).describe(
      "ARM resource id of the hub's Azure Firewall.",
    ),
  hubVirtualNetworkId: z =>
    text(z, rules.virtualNetworkResourceId).describe(
      "ARM resource id of the hub's virtual network (the one holding the firewall). The deployment peers the spoke with it, both ways, before the cluster: the deploying identity needs peering rights on it.",
    ),
  ingressDomain: z =>
    text(z, rules.hostName).describe(
      'Public DNS domain of the apps, e.g. contoso.com: App Gateway listens for *.<domain>; Traefik serves *.aks-ingress.<domain> internally.',
    ),
  tenantId: z =>
    text(z, rules.guid).describe(
      'Entra ID tenant id (GUID) of the subscription.',
    ),
  adminGroupObjectId: z =>
    text(z, rules.guid).describe(
      'Object id (GUID) of the Entra ID group that administers the cluster (Azure RBAC).',
    ),
  keyVaultName: z =>
    text(z, rules.keyVaultName).describe(
      "Name of the cluster's new Key Vault, globally unique (3-24 letters, digits and hyphens, starting with a letter, no '--').",
    ),
  edgeCertificateName: z =>
    text(z, rules.keyVaultObjectName)
      .default(DEFAULTS.edgeCertificateName)
      .describe(
        "Key Vault secret of App Gateway's listener certificate (*.<domain>, PFX).",
      ),
  ingressCertificateName: z =>
    text(z, rules.keyVaultObjectName)
      .default(DEFAULTS.ingressCertificateName)
      .describe(
        "Key Vault secret of Traefik's certificate (*.aks-ingress.<domain>, PEM).",
      ),
  backendRootCertificateName: z =>
    text(z, rules.keyVaultObjectName)
      .default(DEFAULTS.backendRootCertificateName)
      .describe(
        "Key Vault secret of the root App Gateway trusts for Traefik's certificate (CER).",
      ),
  edgeCertificateExpiresOn: z =>
    certificateExpiry(z).describe(
      'Not-after of App Gateway\'s listener certificate, in seconds since 1970-01-01 UTC (Key Vault\'s expiry of the secret, shown by the dashboard): date -d "$(openssl x509 -enddate -noout -in cert.crt | cut -d= -f2)" +%s. Required with deploy.',
    ),
  ingressCertificateExpiresOn: z =>
    certificateExpiry(z).describe(
      'Not-after of Traefik\'s certificate, in seconds since 1970-01-01 UTC (Key Vault\'s expiry of the secret, shown by the dashboard): date -d "$(openssl x509 -enddate -noout -in cert.crt | cut -d= -f2)" +%s. Required with deploy.',
    ),
  backendRootCertificateExpiresOn: z =>
    certificateExpiry(z).describe(
      'Not-after of the backend trust root, in seconds since 1970-01-01 UTC (Key Vault\'s expiry of the secret, shown by the dashboard): date -d "$(openssl x509 -enddate -noout -in cert.crt | cut -d= -f2)" +%s. Required with deploy.',
    ),
  certificateSourceVaultId: z =>
    text(z, rules.keyVaultResourceId)
      .optional()
      .describe(
        'ARM id of an existing vault holding the three certificates under the names above: the parameters file references them there. Required with deploy.',
      ),
  logAnalyticsWorkspaceId: z =>
    text(z, rules.logAnalyticsWorkspaceId)
      .optional()
      .describe(
        'ARM id of an existing Log Analytics workspace for Container insights and the diagnostic settings (OPS-01, LOG-01..03). Without it, the stamp creates its own (la-<cluster>).',
      ),
  traefikNamespace: z =>
    text(z, rules.ownNamespace)
      .default(DEFAULTS.traefikNamespace)
      .describe("Traefik's namespace (the onboarding action's default)."),
  gitopsRepositoryUrl: z =>
    text(z, rules.gitopsRepositoryUrl).describe(
      "https URL of the cluster's GitOps repository (the one the template publishes): Flux, installed by the ARM deployment, applies its cluster-manifests/ from there.",
    ),
  gitopsBranch: z =>
    text(z, rules.gitBranch)
      .default(DEFAULTS.gitopsBranch)
      .describe('Branch of the GitOps repository Flux follows.'),
  outputDir: z =>
    text(z, rules.workspaceDir)
      .optional()
      .describe(
        'Workspace folder for the generated repository. Defaults to the workspace root.',
      ),
  deploy: z =>
    bool(z)
      .default(DEFAULTS.deploy)
      .describe(
        "Also create the ARM deployment with the backend's Azure credential and wait for it (a dry run only validates). Needs certificateSourceVaultId.",
      ),
} satisfies FieldSchemas;
