import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  ref,
  resourceId,
} from './expressions';

/**
 * Sends all internet-bound traffic of the node subnet to the hub firewall
 * (NET-03): with `outboundType: userDefinedRouting` this route is the
 * cluster's only way out.
 */
export function egressRouteTable(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.routeTable,
    apiVersion: API_VERSIONS.network,
    name: names.routeTable,
    location: spec.location,
    tags,
    properties: {
      routes: [
        {
          name: 'r-nexthop-to-fw',
          properties: {
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: spec.firewall.privateIp,
          },
        },
      ],
    },
  };
}

interface SecurityRule {
  name: string;
  properties: {
    description: string;
    protocol: 'Tcp' | '*';
    sourceAddressPrefix: string;
    sourcePortRange: string;
    destinationAddressPrefix: string;
    destinationPortRange: string;
    access: 'Allow' | 'Deny';
    priority: number;
    direction: 'Inbound' | 'Outbound';
  };
}

function rule(
  name: string,
  description: string,
  fields: Partial<SecurityRule['properties']> &
    Pick<SecurityRule['properties'], 'access' | 'priority'>,
): SecurityRule {
  return {
    name,
    properties: {
      description,
      protocol: '*',
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
      direction: 'Inbound',
      ...fields,
    },
  };
}

function nsg(
  spec: ClusterSpec,
  name: string,
  tags: Record<string, string>,
  securityRules: SecurityRule[],
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.nsg,
    apiVersion: API_VERSIONS.network,
    name,
    location: spec.location,
    tags,
    properties: { securityRules },
  };
}

/**
 * App Gateway v2's subnet: HTTPS from the internet, the gateway manager's
 * ports (65200-65535, required by v2) and Azure's health probes; nothing else.
 */
export function appGatewayNsg(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return nsg(spec, names.nsgs.appGateway, tags, [
    rule('Allow443InBound', 'HTTPS from the internet to the listener', {
      protocol: 'Tcp',
      sourceAddressPrefix: 'Internet',
      destinationAddressPrefix: spec.network.appGatewaySubnet,
      destinationPortRange: '443',
      access: 'Allow',
      priority: 100,
    }),
    rule('AllowGatewayManagerInBound', 'App Gateway v2 infrastructure ports', {
      protocol: 'Tcp',
      sourceAddressPrefix: 'GatewayManager',
      destinationPortRange: '65200-65535',
      access: 'Allow',
      priority: 110,
    }),
    rule('AllowAzureLoadBalancerInBound', 'Azure health probes', {
      sourceAddressPrefix: 'AzureLoadBalancer',
      access: 'Allow',
      priority: 120,
    }),
    rule('DenyAllInBound', 'Nothing else', { access: 'Deny', priority: 1000 }),
  ]);
}

/** Traefik's internal load balancer subnet: only App Gateway, on 443. */
export function ingressNsg(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return nsg(spec, names.nsgs.ingress, tags, [
    rule('AllowAppGatewayHttpsInBound', 'App Gateway to Traefik', {
      protocol: 'Tcp',
      sourceAddressPrefix: spec.network.appGatewaySubnet,
      destinationAddressPrefix: spec.network.ingressSubnet,
      destinationPortRange: '443',
      access: 'Allow',
      priority: 100,
    }),
    rule('AllowAzureLoadBalancerInBound', 'Azure health probes', {
      sourceAddressPrefix: 'AzureLoadBalancer',
      access: 'Allow',
      priority: 110,
    }),
    rule('DenyAllInBound', 'Nothing else', { access: 'Deny', priority: 1000 }),
  ]);
}

/**
 * Node and private endpoint subnets keep Azure's default rules (VNet to
 * VNet, load balancer probes; internet inbound denied): App Gateway reaches
 * Traefik's pods on the nodes, and pods reach the vault's private endpoint.
 */
export function defaultRulesNsg(
  spec: ClusterSpec,
  name: string,
  tags: Record<string, string>,
): ArmTemplateResource {
  return nsg(spec, name, tags, []);
}

/**
 * The spoke VNet with its four subnets declared inline (declaring subnets as
 * separate resources makes a redeployment of the VNet delete them). Only the
 * node subnet routes through the firewall: App Gateway v2 does not support a
 * default route to a virtual appliance.
 */
export function spokeVirtualNetwork(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  const nsgRef = (name: string) => ref(RESOURCE_TYPES.nsg, name);
  return {
    type: RESOURCE_TYPES.vnet,
    apiVersion: API_VERSIONS.network,
    name: names.vnet,
    location: spec.location,
    tags,
    dependsOn: [
      resourceId(RESOURCE_TYPES.routeTable, names.routeTable),
      ...Object.values(names.nsgs).map(n => resourceId(RESOURCE_TYPES.nsg, n)),
    ],
    properties: {
      addressSpace: { addressPrefixes: [spec.network.vnetAddressSpace] },
      subnets: [
        {
          name: names.subnets.nodes,
          properties: {
            addressPrefix: spec.network.nodeSubnet,
            networkSecurityGroup: nsgRef(names.nsgs.nodes),
            routeTable: ref(RESOURCE_TYPES.routeTable, names.routeTable),
            // No implicit outbound IP: egress leaves only through the firewall.
            defaultOutboundAccess: false,
          },
        },
        {
          name: names.subnets.ingress,
          properties: {
            addressPrefix: spec.network.ingressSubnet,
            networkSecurityGroup: nsgRef(names.nsgs.ingress),
            defaultOutboundAccess: false,
          },
        },
        {
          name: names.subnets.appGateway,
          properties: {
            addressPrefix: spec.network.appGatewaySubnet,
            networkSecurityGroup: nsgRef(names.nsgs.appGateway),
          },
        },
        {
          name: names.subnets.privateEndpoints,
          properties: {
            addressPrefix: spec.network.privateEndpointsSubnet,
            networkSecurityGroup: nsgRef(names.nsgs.privateEndpoints),
            // Apply the subnet's NSG to private endpoint traffic too.
            privateEndpointNetworkPolicies: 'Enabled',
            defaultOutboundAccess: false,
          },
        },
        ...apiServerSubnet(spec, names),
      ],
    },
  };
}

/**
 * API Server VNet Integration's subnet, when chosen: delegated to AKS, which
 * places the API server's internal load balancer in it (Microsoft Learn,
 * "API Server VNet Integration"). No NSG and no route table of ours: AKS
 * manages what reaches the API server there, and a route to the firewall
 * would send the nodes' own API traffic through it.
 */
function apiServerSubnet(spec: ClusterSpec, names: ClusterNames) {
  if (!spec.network.apiServerSubnet) return [];
  return [
    {
      name: names.subnets.apiServer,
      properties: {
        addressPrefix: spec.network.apiServerSubnet,
        delegations: [
          {
            name: 'aks-apiserver',
            properties: {
              serviceName: 'Microsoft.ContainerService/managedClusters',
            },
          },
        ],
        defaultOutboundAccess: false,
      },
    },
  ];
}

/** `{ id }` of one of the spoke's subnets. */
export function subnetRef(names: ClusterNames, subnet: string) {
  return ref(RESOURCE_TYPES.subnet, names.vnet, subnet);
}
