import { ONBOARD_APP_DEFAULTS } from './defaults';

/**
 * Defaults of the create-cluster input. Sizes and the address plan follow
 * the AKS baseline reference implementation (mspnp/aks-baseline): a /16
 * spoke with a /22 for nodes, a /28 for Traefik's internal load balancer and
 * a /24 for App Gateway. Certificate names are the reference's. Traefik's
 * namespace is the onboarding action's default, so onboarded apps admit it
 * without extra input. The schema shows them; the parser applies them.
 */
export const CREATE_CLUSTER_DEFAULTS = {
  kubernetesVersion: '1.34',
  systemNodeVmSize: 'Standard_D4ds_v5',
  systemNodeCount: 3,
  userNodeVmSize: 'Standard_D8ds_v5',
  userNodeMinCount: 2,
  userNodeMaxCount: 5,
  vnetAddressSpace: '10.240.0.0/16',
  nodeSubnetCidr: '10.240.0.0/22',
  ingressSubnetCidr: '10.240.4.0/28',
  privateEndpointsSubnetCidr: '10.240.4.32/28',
  appGatewaySubnetCidr: '10.240.5.0/24',
  serviceCidr: '172.16.0.0/16',
  edgeCertificateName: 'gateway-external-pfx-cert',
  ingressCertificateName: 'traefik-ingress-internal-aks-ingress-tls',
  backendRootCertificateName: 'appgw-ingress-internal-aks-ingress-tls',
  traefikNamespace: ONBOARD_APP_DEFAULTS.traefikNamespace,
  gitopsBranch: 'main',
  deploy: false,
} as const;

/** The DNS service IP defaults to the 10th address of the service CIDR. */
export const DNS_SERVICE_IP_OFFSET = 10;
/** Traefik's IP defaults to the first address Azure lets a subnet hand out. */
export const TRAEFIK_IP_OFFSET = 4;
