/**
 * What a new baseline cluster is made of, after validation: every value has
 * passed the rules in `../../validation`, so generators use them as-is.
 */
export interface ClusterSpec {
  /** AKS cluster name; also the catalog entity's name. */
  clusterName: string;
  /** The API server's DNS prefix (letters, digits, '-'; at most 54). */
  dnsPrefix: string;
  /** The cluster's DNS label (lowercase RFC 1123), for host names. */
  dnsLabel: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Azure region, e.g. westeurope. */
  location: string;
  /** ['1', '2', '3'] where the region has availability zones, else []. */
  availabilityZones: string[];
  kubernetesVersion: string;
  systemPool: { vmSize: string; count: number };
  userPool: { vmSize: string; minCount: number; maxCount: number };
  network: ClusterNetwork;
  /** The hub firewall egress goes through (it lives outside this deployment). */
  firewall: { privateIp: string; resourceId: string };
  /** The hub VNet the spoke is peered with, both ways, by the deployment. */
  hub: HubVirtualNetwork;
  /** Public DNS domain the apps are served under, e.g. contoso.com. */
  ingressDomain: string;
  entra: { tenantId: string; adminGroupObjectId: string };
  keyVault: ClusterKeyVault;
  /** Log Analytics workspace for Container insights (OPS-01), when given. */
  logAnalyticsWorkspaceId?: string;
  /** Entity ref of the owner, e.g. group:default/platform-team. */
  ownerRef: string;
  traefik: { namespace: string };
  /** The repository Flux bootstraps the cluster from (the one the template publishes). */
  gitops: { repositoryUrl: string; branch: string };
}

/** An existing hub VNet, its id taken apart (the nested deployment is scoped to its group). */
export interface HubVirtualNetwork {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface ClusterNetwork {
  vnetAddressSpace: string;
  nodeSubnet: string;
  ingressSubnet: string;
  appGatewaySubnet: string;
  privateEndpointsSubnet: string;
  serviceCidr: string;
  dnsServiceIp: string;
  /** Traefik's internal load balancer IP, inside the ingress subnet. */
  traefikIp: string;
  /** Azure CNI Overlay's pod CIDR, when chosen (else flat Azure CNI). */
  podCidr?: string;
  /** API Server VNet Integration's delegated subnet, when chosen (else a private endpoint). */
  apiServerSubnet?: string;
}

export interface ClusterKeyVault {
  /** Globally unique vault name, 3-24 characters. */
  name: string;
  /** App Gateway's listener certificate: base64 PFX without password. */
  edgeCertificateName: string;
  /** Traefik's certificate: PEM with the chain and the private key. */
  ingressCertificateName: string;
  /** The root App Gateway trusts for Traefik's certificate: base64 CER. */
  backendRootCertificateName: string;
  /**
   * An existing vault holding the three certificates under the same names:
   * the parameters file references them there, so no secret is in the
   * repository or the form.
   */
  certificateSourceVaultId?: string;
  /**
   * Each certificate's not-after, unix seconds, when given: Key Vault keeps
   * it as the secret's `attributes.exp`, so the dashboard shows days left.
   */
  expiresOn: { edge?: number; ingress?: number; backendRoot?: number };
}
