import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  parameter,
  resourceId,
  resourceIdIn,
} from './expressions';
import { DEPLOYMENT_TEMPLATE_SCHEMA } from './template';

/**
 * The spoke's peering with the hub, both sides, as mspnp/aks-baseline's
 * spoke deployment makes them (network-team/spoke-BU0001A0008.bicep and its
 * virtualNetworkPeering.bicep module): the spoke's side a child of the
 * spoke VNet; the hub's side, in the hub's resource group (possibly another
 * subscription), through a nested deployment scoped there, after the
 * spoke's. With `userDefinedRouting` to the hub firewall the nodes have no
 * way out until both sides are Connected, so the cluster waits for both.
 */

/** Both sides alike, with the reference's settings: VNet access, nothing forwarded, no gateways. */
function peeringProperties(remoteVirtualNetworkId: string) {
  return {
    remoteVirtualNetwork: { id: remoteVirtualNetworkId },
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: false,
    allowGatewayTransit: false,
    useRemoteGateways: false,
  };
}

/** The parameter the nested template takes the spoke VNet's id by. */
const SPOKE_VNET_PARAMETER = 'spokeVirtualNetworkId';

export function spokeToHubPeering(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.vnetPeering,
    apiVersion: API_VERSIONS.network,
    name: `${names.vnet}/${names.hubPeering.spokeToHub}`,
    dependsOn: [resourceId(RESOURCE_TYPES.vnet, names.vnet)],
    properties: peeringProperties(spec.hub.id),
  };
}

/**
 * The nested deployment in the hub VNet's subscription and resource group
 * that adds the hub's peering to the spoke. Inner scope: its template
 * evaluates in the hub's group and takes the spoke's id as a parameter.
 */
export function hubToSpokePeeringDeployment(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  const { hub } = spec;
  return {
    type: RESOURCE_TYPES.deployment,
    apiVersion: API_VERSIONS.deployments,
    name: names.hubPeering.deployment,
    subscriptionId: hub.subscriptionId,
    resourceGroup: hub.resourceGroup,
    dependsOn: [spokeToHubPeeringId(names)],
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: {
        [SPOKE_VNET_PARAMETER]: {
          value: resourceId(RESOURCE_TYPES.vnet, names.vnet),
        },
      },
      template: {
        $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: {
          [SPOKE_VNET_PARAMETER]: {
            type: 'string',
            metadata: { description: 'The spoke VNet to peer the hub with.' },
          },
        },
        resources: [
          {
            type: RESOURCE_TYPES.vnetPeering,
            apiVersion: API_VERSIONS.network,
            name: `${hub.name}/${names.hubPeering.hubToSpoke}`,
            properties: peeringProperties(parameter(SPOKE_VNET_PARAMETER)),
          },
        ],
      },
    },
  };
}

function spokeToHubPeeringId(names: ClusterNames): string {
  return resourceId(
    RESOURCE_TYPES.vnetPeering,
    names.vnet,
    names.hubPeering.spokeToHub,
  );
}

/** What must exist before anything needs egress: both sides of the peering. */
export function hubPeeringIds(spec: ClusterSpec, names: ClusterNames) {
  return [
    spokeToHubPeeringId(names),
    resourceIdIn(
      spec.hub,
      RESOURCE_TYPES.deployment,
      names.hubPeering.deployment,
    ),
  ];
}

/** The spoke's peering and the hub-side deployment, in deployment order. */
export function hubPeeringResources(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource[] {
  return [
    spokeToHubPeering(spec, names),
    hubToSpokePeeringDeployment(spec, names),
  ];
}
