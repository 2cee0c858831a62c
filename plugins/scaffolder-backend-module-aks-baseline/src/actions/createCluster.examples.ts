import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse, stringify } from 'yaml';

/*
 * Examples shown in the scaffolder's action list. `createCluster.test.ts`
 * runs every one of them through the action, so they stay correct.
 */

const step = (name: string, input: Record<string, unknown>) =>
  stringify({
    steps: [
      { id: 'cluster', action: 'aks-baseline:create-cluster', name, input },
    ],
  });

const required = {
  clusterName: 'aks-prod-weu',
  owner: 'group:default/platform-team',
  subscriptionId: '6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b',
  resourceGroup: 'rg-aks-prod-weu',
  location: 'westeurope',
  firewallPrivateIp: '10.200.0.4',
  firewallResourceId:
    '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/azureFirewalls/fw-westeurope',
  hubVirtualNetworkId:
    '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/virtualNetworks/vnet-westeurope-hub',
  ingressDomain: 'contoso.com',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  adminGroupObjectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  keyVaultName: 'kv-aks-prod-weu',
  gitopsRepositoryUrl: 'https://github.com/contoso/aks-prod-weu',
};

export const examples: TemplateExample[] = [
  {
    description:
      'A baseline cluster with the reference defaults: 10.240.0.0/16 spoke, Kubernetes 1.34, 3 system nodes, 2-5 user nodes, Traefik in a0008 at 10.240.4.4, the reference certificate names; files at the workspace root.',
    example: step('Create aks-prod-weu', required),
  },
  {
    description:
      'Every input: its own address plan, node sizes, certificate names, Container insights through a Log Analytics workspace, Traefik in its own namespace, files in ./cluster.',
    example: step('Create aks-staging-sec', {
      ...required,
      clusterName: 'aks-staging-sec',
      resourceGroup: 'rg-aks-staging-sec',
      location: 'swedencentral',
      kubernetesVersion: '1.33.3',
      systemNodeVmSize: 'Standard_D2ds_v5',
      systemNodeCount: 2,
      userNodeVmSize: 'Standard_D4ds_v5',
      userNodeMinCount: 2,
      userNodeMaxCount: 8,
      vnetAddressSpace: '10.110.0.0/16',
      nodeSubnetCidr: '10.110.0.0/21',
      ingressSubnetCidr: '10.110.8.0/28',
      privateEndpointsSubnetCidr: '10.110.8.16/28',
      appGatewaySubnetCidr: '10.110.9.0/24',
      serviceCidr: '172.20.0.0/16',
      dnsServiceIp: '172.20.0.10',
      traefikInternalIp: '10.110.8.10',
      firewallPrivateIp: '10.100.0.4',
      ingressDomain: 'staging.contoso.com',
      keyVaultName: 'kv-aks-staging-sec',
      edgeCertificateName: 'staging-public-wildcard',
      ingressCertificateName: 'staging-traefik-wildcard',
      backendRootCertificateName: 'staging-traefik-root',
      logAnalyticsWorkspaceId:
        '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/la-aks-staging',
      traefikNamespace: 'traefik-ingress',
      gitopsRepositoryUrl: 'https://github.com/contoso/aks-staging-sec',
      gitopsBranch: 'release/staging',
      outputDir: './cluster',
    }),
  },
  {
    description:
      "Also deploy: the certificates come from an existing vault (Key Vault references in the parameters file); the action validates the ARM deployment and creates it with the backend's Azure credential (DefaultAzureCredential), polling to completion. A dry run only validates.",
    example: step('Create and deploy aks-dev-neu', {
      ...required,
      clusterName: 'aks-dev-neu',
      resourceGroup: 'rg-aks-dev-neu',
      location: 'northeurope',
      keyVaultName: 'kv-aks-dev-neu',
      ingressDomain: 'dev.contoso.com',
      gitopsRepositoryUrl: 'https://github.com/contoso/aks-dev-neu',
      certificateSourceVaultId:
        '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-platform-certificates/providers/Microsoft.KeyVault/vaults/kv-platform-certs',
      edgeCertificateExpiresOn: 1798761600,
      ingressCertificateExpiresOn: 1798761600,
      backendRootCertificateExpiresOn: 1893456000,
      deploy: true,
    }),
  },
];

/** Each example's action input, as data (the round trip test and fixtures use them). */
export function createClusterExampleInputs(): Record<string, unknown>[] {
  return examples.map(example => parse(example.example).steps[0].input);
}
