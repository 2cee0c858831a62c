import {
  ArmResource,
  asString,
  SourceError,
  normalizeArmResourceId,
  parseIpv4Address,
  parseIpv4Cidr,
  readArm,
  readArmList,
  TAG_GATEWAY_CLUSTER,
  virtualNetworkOfSubnet,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmInventoryResources, FailedListing } from '../inventory/types';
import { LISTED_IN_SUBSCRIPTION } from '../inventory';
import { firewallVnetIdOf } from './egressFirewall';

/** The resources the resolver reads; the Azure inventory provides them. */
export interface ResolverInventory extends ArmInventoryResources {
  /** Lower-cased vault id -> its secrets (ARM control plane, no values). */
  vaultSecrets: Record<string, ArmResource[]>;
  /** Lists that failed: their absence is unknown, not "none" (absent: none failed). */
  failedListings?: FailedListing[];
  /** Lower-cased firewall policy id -> its rule collection groups (absent: not read). */
  ruleCollectionGroups?: Record<string, ArmResource[]>;
  /** Lower-cased cluster id -> its maintenance configurations (absent: not read). */
  maintenanceConfigurations?: Record<string, ArmResource[]>;
  /** The inventory's errors (a policy whose groups could not be listed has one, scoped to it). */
  errors?: SourceError[];
  /** Lower-cased resource id -> its diagnostic settings (absent: none read). */
  diagnosticSettings?: Record<string, ArmResource[]>;
  /** Lower-cased cluster id -> its data collection rule associations (absent: none read). */
  dataCollectionRuleAssociations?: Record<string, ArmResource[]>;
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
  /** Gateways whose `aks-baseline.io/cluster` tag has this value (lower-cased). */
  gatewaysTagged(value: string): ArmResource[];
  /** Untagged gateways with a backend pool address inside one of these prefixes. */
  untaggedGatewaysWithBackendIn(prefixes: string[]): ArmResource[];
  /** Private endpoints connected to this resource (a vault). */
  privateEndpointsTo(resourceId: string): ArmResource[];
  /** Private endpoints whose subnet is in this VNet (a cluster's registries). */
  privateEndpointsInVnet(vnetId: string): ArmResource[];
  /** The policy assignments this subscription's list held (GOV-01). */
  policyAssignmentsListedIn(subscriptionId: string): ArmResource[];
  vaultByName(name: string): ArmResource | undefined;
  secretsOf(vaultId: string): ArmResource[] | undefined;
  /**
   * Every firewall that owns this private IP: hubs in different VNets may
   * use the same address (the baseline's hubs all put theirs at 10.200.0.4),
   * and `egressFirewallOf` picks the one a packet reaches.
   */
  firewallsByPrivateIp(ip: string): ArmResource[];
  /** The firewalls owning this private IP whose AzureFirewallSubnet is in this VNet. */
  firewallsByPrivateIpInVnet(ip: string, vnetId: string): ArmResource[];
  /** A firewall policy's rule collection groups; undefined when not listed. */
  ruleCollectionGroupsOf(policyId: string): ArmResource[] | undefined;
  /** A cluster's maintenance configurations; undefined when not listed. */
  maintenanceConfigurationsOf(clusterId: string): ArmResource[] | undefined;
  /** A resource's diagnostic settings; undefined when not read. */
  diagnosticSettingsOf(resourceId: string): ArmResource[] | undefined;
  /** A cluster's data collection rule associations; undefined when not read. */
  dataCollectionRuleAssociationsOf(
    clusterId: string,
  ): ArmResource[] | undefined;
  /** Every data collection rule listed (the rules associations name). */
  dataCollectionRules(): ArmResource[];
}

/** Tag on an Application Gateway naming the cluster (name or resource id) it fronts. */
export const GATEWAY_CLUSTER_TAG = TAG_GATEWAY_CLUSTER;

/** Key of the firewalls owning an IP in one VNet. */
const ipInVnetKey = (ip: string, vnetId: string) =>
  `${ip} ${normalizeArmResourceId(vnetId)}`;

export function indexInventory(inventory: ResolverInventory): InventoryIndex {
  const byId = new Map<string, ArmResource>();
  const subnets = new Map<string, SubnetEntry>();
  const gatewaysByVnet = new Map<string, ArmResource[]>();
  const endpointsByTarget = new Map<string, ArmResource[]>();
  const vaultsByName = new Map<string, ArmResource>();
  const firewallsByIp = new Map<string, ArmResource[]>();
  const firewallsByIpInVnet = new Map<string, ArmResource[]>();

  const lists = [
    inventory.managedClusters,
    inventory.applicationGateways,
    inventory.wafPolicies,
    inventory.publicIpAddresses,
    inventory.virtualNetworks,
    inventory.routeTables,
    inventory.networkSecurityGroups,
    inventory.azureFirewalls,
    inventory.firewallPolicies,
    inventory.ipGroups,
    inventory.keyVaults,
    inventory.privateEndpoints,
    inventory.containerRegistries,
  ];
  for (const list of lists) {
    for (const resource of list) {
      if (resource.id) byId.set(normalizeArmResourceId(resource.id), resource);
    }
  }

  for (const vnet of inventory.virtualNetworks) {
    for (const subnet of readArmList(vnet, 'subnets') as ArmResource[]) {
      if (subnet.id)
        subnets.set(normalizeArmResourceId(subnet.id), { subnet, vnet });
    }
  }

  for (const gateway of inventory.applicationGateways) {
    for (const config of readArmList(gateway, 'gatewayIPConfigurations')) {
      const subnetId = asString(readArm(config, 'subnet.id'));
      const vnetId = subnetId?.replace(/\/subnets\/[^/]+$/i, '');
      if (!vnetId) continue;
      const list = gatewaysByVnet.get(normalizeArmResourceId(vnetId)) ?? [];
      list.push(gateway);
      gatewaysByVnet.set(normalizeArmResourceId(vnetId), list);
    }
  }

  // Association runs once per cluster; these keep it off O(gateways).
  const gatewaysByTag = new Map<string, ArmResource[]>();
  const backendAddresses: Array<{ ip: number; gateway: ArmResource }> = [];
  for (const gateway of inventory.applicationGateways) {
    const tag = gateway.tags?.[GATEWAY_CLUSTER_TAG]?.toLowerCase();
    if (tag !== undefined) {
      addTo(gatewaysByTag, tag, gateway);
      continue;
    }
    for (const pool of readArmList(gateway, 'backendAddressPools')) {
      for (const address of readArmList(pool, 'backendAddresses')) {
        const ip = parseIpv4Address(
          asString(readArm(address, 'ipAddress')) ?? '',
        );
        if (ip !== undefined) backendAddresses.push({ ip, gateway });
      }
    }
  }
  backendAddresses.sort((a, b) => a.ip - b.ip);

  for (const endpoint of inventory.privateEndpoints) {
    const connections = [
      ...readArmList(endpoint, 'privateLinkServiceConnections'),
      ...readArmList(endpoint, 'manualPrivateLinkServiceConnections'),
    ];
    for (const connection of connections) {
      const target = asString(readArm(connection, 'privateLinkServiceId'));
      if (!target) continue;
      const list = endpointsByTarget.get(normalizeArmResourceId(target)) ?? [];
      list.push(endpoint);
      endpointsByTarget.set(normalizeArmResourceId(target), list);
    }
  }

  const endpointsByVnet = new Map<string, ArmResource[]>();
  for (const endpoint of inventory.privateEndpoints) {
    const vnet = virtualNetworkOfSubnet(readArm(endpoint, 'subnet'));
    if (!vnet?.id) continue;
    addTo(endpointsByVnet, normalizeArmResourceId(vnet.id), endpoint);
  }

  const assignmentsBySubscription = new Map<string, ArmResource[]>();
  for (const assignment of inventory.policyAssignments) {
    const sub = asString(assignment[LISTED_IN_SUBSCRIPTION])?.toLowerCase();
    if (sub) addTo(assignmentsBySubscription, sub, assignment);
  }

  for (const vault of inventory.keyVaults) {
    if (vault.name) vaultsByName.set(vault.name.toLowerCase(), vault);
  }

  for (const firewall of inventory.azureFirewalls) {
    const ips = [
      ...readArmList(firewall, 'ipConfigurations').map(config =>
        asString(readArm(config, 'privateIPAddress')),
      ),
      asString(readArm(firewall, 'hubIPAddresses.privateIPAddress')),
    ];
    const vnetId = firewallVnetIdOf(firewall);
    for (const ip of new Set(ips)) {
      if (!ip) continue;
      addTo(firewallsByIp, ip, firewall);
      if (vnetId) addTo(firewallsByIpInVnet, ipInVnetKey(ip, vnetId), firewall);
    }
  }

  const byNormalizedId = (listsById: Record<string, ArmResource[]> = {}) =>
    new Map(
      Object.entries(listsById).map(([id, list]) => [
        normalizeArmResourceId(id),
        list,
      ]),
    );
  const secrets = byNormalizedId(inventory.vaultSecrets);
  const policyGroups = byNormalizedId(inventory.ruleCollectionGroups);
  const maintenance = byNormalizedId(inventory.maintenanceConfigurations);

  const byLowerId = (perResource?: Record<string, ArmResource[]>) =>
    new Map(
      Object.entries(perResource ?? {}).map(([id, list]) => [
        normalizeArmResourceId(id),
        list,
      ]),
    );
  const diagnostics = byLowerId(inventory.diagnosticSettings);
  const associations = byLowerId(inventory.dataCollectionRuleAssociations);

  return {
    inventory,
    byId: id => (id ? byId.get(normalizeArmResourceId(id)) : undefined),
    subnet: id => (id ? subnets.get(normalizeArmResourceId(id)) : undefined),
    gatewaysInVnet: vnetId =>
      gatewaysByVnet.get(normalizeArmResourceId(vnetId)) ?? [],
    gatewaysTagged: value => gatewaysByTag.get(value.toLowerCase()) ?? [],
    untaggedGatewaysWithBackendIn: prefixes => {
      const found = new Set<ArmResource>();
      for (const prefix of prefixes) {
        const block = parseIpv4Cidr(prefix);
        if (!block) continue;
        for (
          let i = firstAtOrAbove(backendAddresses, block.first);
          i < backendAddresses.length && backendAddresses[i].ip <= block.last;
          i++
        ) {
          found.add(backendAddresses[i].gateway);
        }
      }
      return [...found];
    },
    privateEndpointsTo: id =>
      endpointsByTarget.get(normalizeArmResourceId(id)) ?? [],
    privateEndpointsInVnet: vnetId =>
      endpointsByVnet.get(normalizeArmResourceId(vnetId)) ?? [],
    policyAssignmentsListedIn: subscriptionId =>
      assignmentsBySubscription.get(subscriptionId.toLowerCase()) ?? [],
    vaultByName: name => vaultsByName.get(name.toLowerCase()),
    secretsOf: vaultId => secrets.get(normalizeArmResourceId(vaultId)),
    ruleCollectionGroupsOf: policyId =>
      policyGroups.get(normalizeArmResourceId(policyId)),
    maintenanceConfigurationsOf: clusterId =>
      maintenance.get(normalizeArmResourceId(clusterId)),
    firewallsByPrivateIp: ip => firewallsByIp.get(ip) ?? [],
    firewallsByPrivateIpInVnet: (ip, vnetId) =>
      firewallsByIpInVnet.get(ipInVnetKey(ip, vnetId)) ?? [],
    diagnosticSettingsOf: id => diagnostics.get(normalizeArmResourceId(id)),
    dataCollectionRuleAssociationsOf: id =>
      associations.get(normalizeArmResourceId(id)),
    dataCollectionRules: () => inventory.dataCollectionRules,
  };
}

/**
 * Appends to the key's list in place. Copying the list at each append
 * grew with the square of a key's items: a subscription's 1,800 policy
 * assignments at 10,000 clusters were 1.6 million element copies each.
 */
function addTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Binary search: the first entry whose ip is >= value. */
function firstAtOrAbove(sorted: Array<{ ip: number }>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid].ip < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
