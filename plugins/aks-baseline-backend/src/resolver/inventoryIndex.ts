import {
  ArmResource,
  asString,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';

/** The resources the resolver reads; the Azure inventory provides them. */
export interface ResolverInventory {
  managedClusters: ArmResource[];
  applicationGateways: ArmResource[];
  wafPolicies: ArmResource[];
  publicIpAddresses: ArmResource[];
  virtualNetworks: ArmResource[];
  routeTables: ArmResource[];
  azureFirewalls: ArmResource[];
  firewallPolicies: ArmResource[];
  keyVaults: ArmResource[];
  privateEndpoints: ArmResource[];
  /** Lower-cased vault id -> its secrets (ARM control plane, no values). */
  vaultSecrets: Record<string, ArmResource[]>;
}

export interface SubnetEntry {
  subnet: ArmResource;
  vnet: ArmResource;
}

/**
 * Lookups built once per refresh, so resolving each cluster costs map reads
 * instead of scans of the whole estate.
 */
export interface InventoryIndex {
  inventory: ResolverInventory;
  byId(id: string | undefined): ArmResource | undefined;
  subnet(id: string | undefined): SubnetEntry | undefined;
  /** Gateways whose gateway subnet is in this VNet. */
  gatewaysInVnet(vnetId: string): ArmResource[];
  /** Private endpoints connected to this resource (a vault). */
  privateEndpointsTo(resourceId: string): ArmResource[];
  vaultByName(name: string): ArmResource | undefined;
  secretsOf(vaultId: string): ArmResource[] | undefined;
  /** The firewall that owns this private IP. */
  firewallByPrivateIp(ip: string): ArmResource | undefined;
}

export const key = (id: string) => id.replace(/\/+$/, '').toLowerCase();

export function indexInventory(inventory: ResolverInventory): InventoryIndex {
  const byId = new Map<string, ArmResource>();
  const subnets = new Map<string, SubnetEntry>();
  const gatewaysByVnet = new Map<string, ArmResource[]>();
  const endpointsByTarget = new Map<string, ArmResource[]>();
  const vaultsByName = new Map<string, ArmResource>();
  const firewallsByIp = new Map<string, ArmResource>();

  const lists = [
    inventory.managedClusters,
    inventory.applicationGateways,
    inventory.wafPolicies,
    inventory.publicIpAddresses,
    inventory.virtualNetworks,
    inventory.routeTables,
    inventory.azureFirewalls,
    inventory.firewallPolicies,
    inventory.keyVaults,
    inventory.privateEndpoints,
  ];
  for (const list of lists) {
    for (const resource of list) {
      if (resource.id) byId.set(key(resource.id), resource);
    }
  }

  for (const vnet of inventory.virtualNetworks) {
    for (const subnet of readArmList(vnet, 'subnets') as ArmResource[]) {
      if (subnet.id) subnets.set(key(subnet.id), { subnet, vnet });
    }
  }

  for (const gateway of inventory.applicationGateways) {
    for (const config of readArmList(gateway, 'gatewayIPConfigurations')) {
      const subnetId = asString(readArm(config, 'subnet.id'));
      const vnetId = subnetId?.replace(/\/subnets\/[^/]+$/i, '');
      if (!vnetId) continue;
      const list = gatewaysByVnet.get(key(vnetId)) ?? [];
      list.push(gateway);
      gatewaysByVnet.set(key(vnetId), list);
    }
  }

  for (const endpoint of inventory.privateEndpoints) {
    const connections = [
      ...readArmList(endpoint, 'privateLinkServiceConnections'),
      ...readArmList(endpoint, 'manualPrivateLinkServiceConnections'),
    ];
    for (const connection of connections) {
      const target = asString(readArm(connection, 'privateLinkServiceId'));
      if (!target) continue;
      const list = endpointsByTarget.get(key(target)) ?? [];
      list.push(endpoint);
      endpointsByTarget.set(key(target), list);
    }
  }

  for (const vault of inventory.keyVaults) {
    if (vault.name) vaultsByName.set(vault.name.toLowerCase(), vault);
  }

  for (const firewall of inventory.azureFirewalls) {
    for (const config of readArmList(firewall, 'ipConfigurations')) {
      const ip = asString(readArm(config, 'privateIPAddress'));
      if (ip) firewallsByIp.set(ip, firewall);
    }
    const hubIp = asString(
      readArm(firewall, 'hubIPAddresses.privateIPAddress'),
    );
    if (hubIp) firewallsByIp.set(hubIp, firewall);
  }

  const secrets = new Map(
    Object.entries(inventory.vaultSecrets).map(([id, list]) => [key(id), list]),
  );

  return {
    inventory,
    byId: id => (id ? byId.get(key(id)) : undefined),
    subnet: id => (id ? subnets.get(key(id)) : undefined),
    gatewaysInVnet: vnetId => gatewaysByVnet.get(key(vnetId)) ?? [],
    privateEndpointsTo: id => endpointsByTarget.get(key(id)) ?? [],
    vaultByName: name => vaultsByName.get(name.toLowerCase()),
    secretsOf: vaultId => secrets.get(key(vaultId)),
    firewallByPrivateIp: ip => firewallsByIp.get(ip),
  };
}
