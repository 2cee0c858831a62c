import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { subnetRef } from './network';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  ref,
  resourceId,
} from './expressions';

/**
 * A PaaS resource reached only through a private endpoint in the spoke's
 * private-endpoints subnet, and the Private Link DNS zone (linked to the
 * spoke) that makes its public name resolve to the endpoint. The Key Vault
 * and the container registry are both reached this way.
 */
export interface PrivateLinkTarget {
  /** The target resource (type and name in this resource group). */
  type: string;
  name: string;
  /** The Private Link sub-resource: `vault`, `registry`. */
  groupId: string;
  endpointName: string;
  /** `privatelink.vaultcore.azure.net`, `privatelink.azurecr.io`. */
  zone: string;
  /** The zone's link to the spoke VNet. */
  linkName: string;
}

/** The four resources of one target, in dependency order. */
export function privateLinkResources(
  spec: ClusterSpec,
  names: ClusterNames,
  target: PrivateLinkTarget,
  tags: Record<string, string>,
): ArmTemplateResource[] {
  return [
    privateDnsZone(target, tags),
    privateDnsZoneLink(names, target, tags),
    privateEndpoint(spec, names, target, tags),
    privateDnsZoneGroup(target),
  ];
}

function privateDnsZone(
  target: PrivateLinkTarget,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZone,
    apiVersion: API_VERSIONS.privateDns,
    name: target.zone,
    location: 'global',
    tags,
    properties: {},
  };
}

/** Links the zone to the spoke, so the nodes and App Gateway resolve through it. */
function privateDnsZoneLink(
  names: ClusterNames,
  target: PrivateLinkTarget,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZoneLink,
    apiVersion: API_VERSIONS.privateDns,
    name: `${target.zone}/${target.linkName}`,
    location: 'global',
    tags,
    dependsOn: [
      resourceId(RESOURCE_TYPES.privateDnsZone, target.zone),
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
    ],
    properties: {
      registrationEnabled: false,
      virtualNetwork: ref(RESOURCE_TYPES.vnet, names.vnet),
    },
  };
}

/** An automatic connection to a resource of the same tenant is approved on creation. */
function privateEndpoint(
  spec: ClusterSpec,
  names: ClusterNames,
  target: PrivateLinkTarget,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateEndpoint,
    apiVersion: API_VERSIONS.network,
    name: target.endpointName,
    location: spec.location,
    tags,
    dependsOn: [
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
      resourceId(target.type, target.name),
    ],
    properties: {
      subnet: subnetRef(names, names.subnets.privateEndpoints),
      privateLinkServiceConnections: [
        {
          name: `to-${target.groupId}`,
          properties: {
            privateLinkServiceId: resourceId(target.type, target.name),
            groupIds: [target.groupId],
          },
        },
      ],
    },
  };
}

/** Keeps the endpoint's A records in the zone, for the endpoint's lifetime. */
function privateDnsZoneGroup(target: PrivateLinkTarget): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZoneGroup,
    apiVersion: API_VERSIONS.network,
    name: `${target.endpointName}/default`,
    dependsOn: [
      resourceId(RESOURCE_TYPES.privateEndpoint, target.endpointName),
      resourceId(RESOURCE_TYPES.privateDnsZone, target.zone),
    ],
    properties: {
      privateDnsZoneConfigs: [
        {
          name: target.zone.replace(/\./g, '-'),
          properties: {
            privateDnsZoneId: resourceId(
              RESOURCE_TYPES.privateDnsZone,
              target.zone,
            ),
          },
        },
      ],
    },
  };
}
