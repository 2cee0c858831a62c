import { StampContract } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * A cluster's stamp contract with the names create-cluster gives (the demo's
 * aks-generated-weu, examples/clusters.yaml), for the onboarding field's
 * tests; write it as annotations with the common `stampContractAnnotations`.
 */
export function exampleStampContract(
  overrides: Partial<StampContract> = {},
): StampContract {
  return {
    clusterEntityRef: 'resource:default/aks-generated-weu',
    gatewayName: 'agw-aks-generated-weu',
    gatewayFrontendIpConfiguration: 'agw-frontend-public',
    gatewayFrontendPort: 'port-443',
    gatewayBackendPool: 'traefik-internal-lb',
    gatewayTrustedRootCertificate: 'traefik-ingress-root',
    appGatewaySubnetCidr: '10.244.5.0/24',
    traefikNamespace: 'a0008',
    traefikPodLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
    traefikEntryPoint: 'websecure',
    traefikIlbSubnetCidr: '10.244.4.0/28',
    traefikIlbIp: '10.244.4.4',
    ingressDomain: 'contoso-demo.com',
    keyVaultName: 'kv-aks-generated-weu',
    keyVaultDnsSuffix: 'vault.azure.net',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ...overrides,
  };
}
