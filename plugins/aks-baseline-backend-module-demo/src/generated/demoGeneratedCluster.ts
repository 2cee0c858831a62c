import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { hubVirtualNetworkId } from '../baselineStamp';
import { DEMO_SUBSCRIPTIONS, DEMO_TENANT_ID } from '../demoSubscriptions';
import { buildGeneratedStamp, GeneratedStamp } from './generatedStamp';

/**
 * The demo's fifth cluster, made by our own template: what a platform team
 * types into `aks-baseline:create-cluster` for a stamp behind the prod hub
 * (spoke 10.244.0.0/16, unused by the demo's other clusters), and what an
 * app team types into `aks-baseline:onboard-app` for it. Everything else
 * about the cluster is generated at start-up from these two inputs.
 */
export const DEMO_GENERATED_CLUSTER_INPUT = {
  clusterName: 'aks-generated-weu',
  owner: 'group:default/platform-team',
  subscriptionId: DEMO_SUBSCRIPTIONS.prod,
  resourceGroup: 'rg-aks-generated-weu',
  location: 'westeurope',
  vnetAddressSpace: '10.244.0.0/16',
  nodeSubnetCidr: '10.244.0.0/22',
  ingressSubnetCidr: '10.244.4.0/28',
  privateEndpointsSubnetCidr: '10.244.4.32/28',
  appGatewaySubnetCidr: '10.244.5.0/24',
  traefikInternalIp: '10.244.4.4',
  // The prod hub's firewall (demoEstate.ts), the next hop of the spoke.
  firewallPrivateIp: '10.200.0.4',
  firewallResourceId: `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/azureFirewalls/fw-westeurope`,
  // The prod hub's VNet, holding that firewall: the template peers the spoke with it.
  hubVirtualNetworkId: hubVirtualNetworkId({
    subscriptionId: DEMO_SUBSCRIPTIONS.prod,
    location: 'westeurope',
  }),
  ingressDomain: 'contoso-demo.com',
  tenantId: DEMO_TENANT_ID,
  adminGroupObjectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  keyVaultName: 'kv-aks-generated-weu',
  logAnalyticsWorkspaceId: `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/la-aks-prod`,
  gitopsRepositoryUrl: 'https://github.com/contoso-demo/aks-generated-weu',
};

/** The app onboarded onto it (the cluster's contract fills in the rest). */
export const DEMO_GENERATED_APP_INPUT = {
  appName: 'inventory-api',
  owner: 'group:default/payments-team',
  host: 'inventory.contoso-demo.com',
  targetPort: 8080,
};

/** Comfortable: months before any certificate needs attention. */
const CERTIFICATE_DAYS_LEFT = {
  edgeCertificateExpiresOn: 240,
  ingressCertificateExpiresOn: 300,
  backendRootCertificateExpiresOn: 3000,
};

/**
 * The generated cluster as the demo serves it on `now`; its hub rule
 * collection group joins `hubPolicy` (the prod hub's).
 */
export function buildDemoGeneratedStamp(
  now: Date,
  hubPolicy?: ArmResource,
): GeneratedStamp {
  return buildGeneratedStamp({
    cluster: DEMO_GENERATED_CLUSTER_INPUT,
    app: DEMO_GENERATED_APP_INPUT,
    certificateDaysLeft: CERTIFICATE_DAYS_LEFT,
    now,
    hubPolicy,
  });
}
