import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';

export interface SyntheticEstateOptions {
  clusters: number;
  subscriptions: number;
  /**
   * `per-cluster`: each cluster has its own vault (the baseline's layout);
   * `per-subscription`: one vault per subscription holds every cluster's secrets.
   */
  vaults?: 'per-cluster' | 'per-subscription';
  secretsPerCluster?: number;
  /** Reference time for secret expiry dates. */
  now?: Date;
}

export interface SyntheticEstate {
  subscriptionIds: string[];
  resources: ArmResource[];
  vaultCount: number;
}

const DAY_SECONDS = 24 * 60 * 60;

/** A deterministic, GUID-shaped subscription id. */
export function syntheticSubscriptionId(index: number): string {
  return `${index.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

/**
 * A baseline-shaped estate of any size, in ARM REST shape, for request-count
 * tests and benchmarks: per cluster its AKS cluster, spoke VNet, public IP,
 * App Gateway with WAF policy, route table, Key Vault private endpoint and
 * TLS secrets; per subscription a hub VNet with a firewall and its policy
 * (every hub's firewall at 10.200.0.4, as the baseline's are), each spoke
 * peered with its own subscription's hub. Clusters are spread round-robin
 * over the subscriptions.
 */
export function syntheticEstate(
  options: SyntheticEstateOptions,
): SyntheticEstate {
  const {
    clusters,
    subscriptions,
    vaults = 'per-cluster',
    secretsPerCluster = 3,
    now = new Date(),
  } = options;
  const subscriptionIds = Array.from({ length: subscriptions }, (_, s) =>
    syntheticSubscriptionId(s + 1),
  );
  const resources: ArmResource[] = [];
  const nowSeconds = Math.floor(now.getTime() / 1000);

  for (const [s, sub] of subscriptionIds.entries()) {
    const hub = `/subscriptions/${sub}/resourceGroups/rg-hub-${s}/providers`;
    const hubVnet = hubVnetOf(sub, s);
    resources.push(
      arm(hubVnet, {
        addressSpace: { addressPrefixes: ['10.200.0.0/24'] },
        subnets: [
          {
            id: `${hubVnet}/subnets/AzureFirewallSubnet`,
            name: 'AzureFirewallSubnet',
            properties: { addressPrefix: '10.200.0.0/26' },
          },
        ],
      }),
      arm(`${hub}/Microsoft.Network/firewallPolicies/fwp-hub-${s}`, {
        threatIntelMode: 'Deny',
      }),
      arm(`${hub}/Microsoft.Network/azureFirewalls/fw-hub-${s}`, {
        ipConfigurations: [
          {
            name: 'ipconfig',
            properties: {
              privateIPAddress: '10.200.0.4',
              subnet: { id: `${hubVnet}/subnets/AzureFirewallSubnet` },
            },
          },
        ],
        firewallPolicy: {
          id: `${hub}/Microsoft.Network/firewallPolicies/fwp-hub-${s}`,
        },
      }),
    );
    if (vaults === 'per-subscription') {
      resources.push(vault(`${hub}/Microsoft.KeyVault/vaults/kv-hub-${s}`));
    }
  }

  for (let c = 0; c < clusters; c++) {
    const s = c % subscriptions;
    const sub = subscriptionIds[s];
    const providers = `/subscriptions/${sub}/resourceGroups/rg-aks-${c}/providers`;
    const vnet = `${providers}/Microsoft.Network/virtualNetworks/vnet-spoke-${c}`;
    const pip = `${providers}/Microsoft.Network/publicIPAddresses/pip-appgw-${c}`;
    const waf = `${providers}/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-${c}`;
    const routeTable = `${providers}/Microsoft.Network/routeTables/rt-nodes-${c}`;
    const vaultId =
      vaults === 'per-cluster'
        ? `${providers}/Microsoft.KeyVault/vaults/kv-aks-${c}`
        : `/subscriptions/${sub}/resourceGroups/rg-hub-${s}/providers/Microsoft.KeyVault/vaults/kv-hub-${s}`;

    resources.push(
      arm(`${providers}/Microsoft.ContainerService/managedClusters/aks-${c}`, {
        kubernetesVersion: '1.33.2',
        fqdn: `aks-${c}-dns.hcp.westeurope.azmk8s.io`,
        networkProfile: {
          networkPlugin: 'azure',
          networkPolicy: 'azure',
          outboundType: 'userDefinedRouting',
        },
        agentPoolProfiles: [
          { name: 'system', vnetSubnetID: `${vnet}/subnets/snet-nodes` },
        ],
        addonProfiles: { azureKeyvaultSecretsProvider: { enabled: true } },
      }),
      arm(vnet, {
        addressSpace: { addressPrefixes: [`10.${c % 250}.0.0/16`] },
        subnets: [
          {
            id: `${vnet}/subnets/snet-nodes`,
            name: 'snet-nodes',
            properties: { routeTable: { id: routeTable } },
          },
          {
            id: `${vnet}/subnets/snet-appgw`,
            name: 'snet-appgw',
            properties: {},
          },
        ],
        virtualNetworkPeerings: [
          {
            id: `${vnet}/virtualNetworkPeerings/spoke-to-hub`,
            name: 'spoke-to-hub',
            properties: {
              remoteVirtualNetwork: { id: hubVnetOf(sub, s) },
              peeringState: 'Connected',
            },
          },
        ],
      }),
      arm(pip, {
        publicIPAllocationMethod: 'Static',
        ipAddress: `20.0.${c % 250}.1`,
      }),
      arm(waf, { policySettings: { state: 'Enabled', mode: 'Prevention' } }),
      arm(`${providers}/Microsoft.Network/applicationGateways/agw-${c}`, {
        sku: { name: 'WAF_v2', tier: 'WAF_v2' },
        firewallPolicy: { id: waf },
        frontendIPConfigurations: [
          { name: 'public', properties: { publicIPAddress: { id: pip } } },
        ],
        sslCertificates: [
          {
            name: 'edge',
            properties: {
              keyVaultSecretId: `https://kv.vault.azure.net/secrets/edge-${c}`,
            },
          },
        ],
      }),
      arm(routeTable, {
        routes: [
          {
            name: 'to-firewall',
            properties: {
              addressPrefix: '0.0.0.0/0',
              nextHopType: 'VirtualAppliance',
              nextHopIpAddress: '10.200.0.4',
            },
          },
        ],
      }),
      arm(`${providers}/Microsoft.Network/privateEndpoints/pe-kv-${c}`, {
        privateLinkServiceConnections: [
          {
            name: 'kv',
            properties: {
              privateLinkServiceId: vaultId,
              groupIds: ['vault'],
              privateLinkServiceConnectionState: { status: 'Approved' },
            },
          },
        ],
      }),
    );
    if (vaults === 'per-cluster') {
      resources.push(vault(vaultId));
    }
    for (let k = 0; k < secretsPerCluster; k++) {
      const name = `tls-${c}-${k}`;
      resources.push(
        arm(`${vaultId}/secrets/${name}`, {
          contentType: 'application/x-pkcs12',
          attributes: {
            enabled: true,
            created: nowSeconds - 300 * DAY_SECONDS,
            // Spread from already expired to a year ahead.
            exp: nowSeconds + (((c * 37 + k * 101) % 400) - 35) * DAY_SECONDS,
          },
          secretUri: `https://kv.vault.azure.net/secrets/${name}`,
        }),
      );
    }
  }

  const vaultCount = vaults === 'per-cluster' ? clusters : subscriptions;
  return { subscriptionIds, resources, vaultCount };
}

function hubVnetOf(subscriptionId: string, s: number): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/rg-hub-${s}/providers/Microsoft.Network/virtualNetworks/vnet-hub-${s}`;
}

function vault(id: string): ArmResource {
  return arm(id, {
    tenantId: '00000000-0000-0000-0000-0000000000aa',
    sku: { family: 'A', name: 'standard' },
    publicNetworkAccess: 'Disabled',
    networkAcls: { defaultAction: 'Deny', bypass: 'None' },
  });
}

/** A resource whose name and type follow from its id. */
function arm(id: string, properties: Record<string, unknown>): ArmResource {
  const segments = id.split('/');
  const providerAt = segments.lastIndexOf('providers');
  const typeSegments = segments
    .slice(providerAt + 2)
    .filter((_, i) => i % 2 === 0);
  return {
    id,
    name: segments[segments.length - 1],
    type: [segments[providerAt + 1], ...typeSegments].join('/'),
    location: 'westeurope',
    properties,
  };
}
