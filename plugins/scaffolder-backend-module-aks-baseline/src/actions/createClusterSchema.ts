import { CREATE_CLUSTER_DEFAULTS as DEFAULTS } from '../validation/clusterDefaults';
import * as cluster from '../validation/clusterRules';
import * as rules from '../validation/rules';
import { ZodImpl, ZodSchema } from './onboardAppSchema';

/*
 * The create-cluster action's input schema: the form and the action docs
 * show it, the scaffolder checks input against it. Patterns and limits come
 * from the rules the handler enforces; what a pattern cannot say (subnets
 * inside the VNet and apart, sizes, the firewall outside the spoke) the
 * handler checks and names the field.
 */
export const createClusterInputSchema = (z: ZodImpl): ZodSchema => {
  const pattern = (source: string) => new RegExp(source);
  const guid = () => z.string().regex(pattern(rules.GUID_PATTERN));
  const cidr = () => z.string().regex(pattern(rules.IPV4_CIDR_PATTERN));
  const ip = () => z.string().regex(pattern(cluster.IPV4_ADDRESS_PATTERN));
  const vmSize = () =>
    z
      .string()
      .max(cluster.VM_SIZE_MAX_LENGTH)
      .regex(pattern(cluster.VM_SIZE_PATTERN));
  const nodeCount = (min: number) =>
    z.number().int().min(min).max(cluster.NODE_COUNT_MAX);
  const keyVaultObject = () =>
    z.string().regex(pattern(rules.KEY_VAULT_OBJECT_NAME_PATTERN));
  return z.object({
    clusterName: z
      .string()
      .max(cluster.AKS_CLUSTER_NAME_MAX_LENGTH)
      .regex(pattern(cluster.AKS_CLUSTER_NAME_PATTERN))
      .describe(
        "AKS cluster name (1-63 letters, digits, '-' and '_', alphanumeric at both ends, no two separators in a row). Also the catalog entity's name.",
      ),
    owner: z
      .string()
      .describe('Owner of the cluster: entity ref of a Group or User.'),
    subscriptionId: guid().describe('Azure subscription id (GUID).'),
    resourceGroup: z
      .string()
      .max(cluster.RESOURCE_GROUP_MAX_LENGTH)
      .regex(pattern(cluster.RESOURCE_GROUP_PATTERN))
      .describe(
        "Resource group for the cluster's resources (1-90 letters, digits, '_', '-', '.', '(', ')'; not ending with '.'). Created when deploying.",
      ),
    location: z
      .string()
      .regex(pattern(cluster.REGION_PATTERN))
      .describe(
        'Azure region, e.g. westeurope (public cloud). Resources spread over availability zones where the region has them.',
      ),
    kubernetesVersion: z
      .string()
      .regex(pattern(cluster.KUBERNETES_VERSION_PATTERN))
      .default(DEFAULTS.kubernetesVersion)
      .describe(
        'Kubernetes version: 1.<minor> (latest patch) or 1.<minor>.<patch>. A template parameter, so upgrades need no regeneration.',
      ),
    systemNodeVmSize: vmSize()
      .default(DEFAULTS.systemNodeVmSize)
      .describe('VM size of the system node pool (critical add-ons only).'),
    systemNodeCount: nodeCount(cluster.SYSTEM_NODE_COUNT_MIN)
      .default(DEFAULTS.systemNodeCount)
      .describe('Nodes in the system pool (1-1000).'),
    userNodeVmSize: vmSize()
      .default(DEFAULTS.userNodeVmSize)
      .describe('VM size of the user node pool (Traefik and the apps).'),
    userNodeMinCount: nodeCount(cluster.USER_NODE_MIN_COUNT_MIN)
      .default(DEFAULTS.userNodeMinCount)
      .describe(
        "Autoscaler minimum of the user pool (2-1000: Traefik's two replicas never share a node).",
      ),
    userNodeMaxCount: nodeCount(cluster.USER_NODE_MIN_COUNT_MIN)
      .default(DEFAULTS.userNodeMaxCount)
      .describe('Autoscaler maximum of the user pool (at least the minimum).'),
    vnetAddressSpace: cidr()
      .default(DEFAULTS.vnetAddressSpace)
      .describe('Address space of the spoke VNet (private IPv4 CIDR).'),
    nodeSubnetCidr: cidr()
      .default(DEFAULTS.nodeSubnetCidr)
      .describe(
        "Node subnet, inside the VNet. Azure CNI gives pods addresses here: it must hold 31 addresses per node at the pools' maximum plus upgrade surge.",
      ),
    ingressSubnetCidr: cidr()
      .default(DEFAULTS.ingressSubnetCidr)
      .describe(
        "Subnet for Traefik's internal load balancer, inside the VNet (/29 or larger).",
      ),
    appGatewaySubnetCidr: cidr()
      .default(DEFAULTS.appGatewaySubnetCidr)
      .describe(
        'App Gateway subnet, inside the VNet: /24 recommended, smaller than /26 refused.',
      ),
    privateEndpointsSubnetCidr: cidr()
      .default(DEFAULTS.privateEndpointsSubnetCidr)
      .describe(
        "Subnet for the Key Vault's private endpoint, inside the VNet.",
      ),
    serviceCidr: cidr()
      .default(DEFAULTS.serviceCidr)
      .describe(
        "Kubernetes service CIDR: apart from the VNet, the hub firewall's IP and AKS's reserved ranges; /12 or smaller.",
      ),
    dnsServiceIp: ip()
      .optional()
      .describe(
        "Cluster DNS service IP inside the service CIDR. Defaults to the CIDR's 10th address.",
      ),
    traefikInternalIp: ip()
      .optional()
      .describe(
        "Traefik's internal load balancer IP, inside the ingress subnet; App Gateway's backend pool. Defaults to the subnet's first assignable address (.4).",
      ),
    firewallPrivateIp: ip().describe(
      "The hub firewall's private IP: the next hop of the node subnet's default route (private, outside the spoke).",
    ),
    firewallResourceId: z
      .string()
      .regex(pattern(cluster.FIREWALL_RESOURCE_ID_PATTERN))
      .describe("ARM resource id of the hub's Azure Firewall."),
    ingressDomain: z
      .string()
      .max(rules.HOST_NAME_MAX_LENGTH)
      .regex(pattern(rules.HOST_NAME_PATTERN))
      .describe(
        'Public DNS domain of the apps, e.g. contoso.com: App Gateway listens for *.<domain>; Traefik serves *.aks-ingress.<domain> internally.',
      ),
    tenantId: guid().describe('Entra ID tenant id (GUID) of the subscription.'),
    adminGroupObjectId: guid().describe(
      'Object id (GUID) of the Entra ID group that administers the cluster (Azure RBAC).',
    ),
    keyVaultName: z
      .string()
      .regex(pattern(rules.KEY_VAULT_NAME_PATTERN))
      .describe(
        "Name of the cluster's new Key Vault, globally unique (3-24 letters, digits and hyphens, starting with a letter, no '--').",
      ),
    edgeCertificateName: keyVaultObject()
      .default(DEFAULTS.edgeCertificateName)
      .describe(
        "Key Vault secret of App Gateway's listener certificate (*.<domain>, PFX).",
      ),
    ingressCertificateName: keyVaultObject()
      .default(DEFAULTS.ingressCertificateName)
      .describe(
        "Key Vault secret of Traefik's certificate (*.aks-ingress.<domain>, PEM).",
      ),
    backendRootCertificateName: keyVaultObject()
      .default(DEFAULTS.backendRootCertificateName)
      .describe(
        "Key Vault secret of the root App Gateway trusts for Traefik's certificate (CER).",
      ),
    certificateSourceVaultId: z
      .string()
      .regex(pattern(cluster.KEY_VAULT_RESOURCE_ID_PATTERN))
      .optional()
      .describe(
        'ARM id of an existing vault holding the three certificates under the names above: the parameters file references them there. Required with deploy.',
      ),
    logAnalyticsWorkspaceId: z
      .string()
      .regex(pattern(cluster.LOG_ANALYTICS_WORKSPACE_ID_PATTERN))
      .optional()
      .describe(
        'ARM id of a Log Analytics workspace for Container insights (control OPS-01). Without it, monitoring is off.',
      ),
    traefikNamespace: z
      .string()
      .max(rules.RFC1123_LABEL_MAX_LENGTH)
      .regex(pattern(rules.RFC1123_LABEL_PATTERN))
      .default(DEFAULTS.traefikNamespace)
      .describe("Traefik's namespace (the onboarding action's default)."),
    outputDir: z
      .string()
      .regex(pattern(rules.WORKSPACE_DIR_PATTERN))
      .optional()
      .describe(
        'Workspace folder for the generated repository. Defaults to the workspace root.',
      ),
    deploy: z
      .boolean()
      .default(DEFAULTS.deploy)
      .describe(
        "Also create the ARM deployment with the backend's Azure credential and wait for it (a dry run only validates). Needs certificateSourceVaultId.",
      ),
  });
};
