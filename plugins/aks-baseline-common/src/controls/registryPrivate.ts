import {
  asBoolean,
  asString,
  readArm,
  readArmList,
  resourceLabel,
  sameText,
  sameVirtualNetwork,
  virtualNetworkOfSubnet,
} from '../arm/read';
import type {
  ArmContainerRegistry,
  ArmManagedCluster,
  ArmPrivateEndpoint,
} from '../arm/types';
import type { VirtualNetworkKey } from '../arm/read';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  about,
  combine,
  fail,
  judge,
  notObserved,
  show,
} from './judgement';
import { connectionUsable, privateLinkConnections } from './privateLink';
import type { BaselineResources } from './types';

/*
 * ACR-01: the registry the cluster pulls from is private. The reference
 * (mspnp/aks-baseline workload-team/acr-stamp.bicep) deploys it Premium,
 * admin user off, public network access off, reached through a private
 * endpoint in the spoke whose name resolves through privatelink.azurecr.io.
 * Each of those is one finding below; the DNS zone is not in the input
 * (a missing zone shows as failed pulls, not as a setting).
 */

/** The VNets of the cluster's node pools (their `vnetSubnetID`). @public */
export function clusterVirtualNetworks(
  cluster: ArmManagedCluster,
): VirtualNetworkKey[] {
  return readArmList(cluster, 'agentPoolProfiles')
    .map(pool => virtualNetworkOfSubnet(readArm(pool, 'vnetSubnetID')))
    .filter((vnet): vnet is VirtualNetworkKey => !!vnet);
}

/** Whether a private endpoint's subnet lies in one of `vnets`. @public */
export function privateEndpointInVirtualNetworks(
  endpoint: ArmPrivateEndpoint,
  vnets: VirtualNetworkKey[],
): boolean {
  const vnet = virtualNetworkOfSubnet(readArm(endpoint, 'subnet'));
  return !!vnet && vnets.some(v => sameVirtualNetwork(v, vnet));
}

const REGISTRY_GROUP = 'registry';

function settingsFindings(registry: ArmContainerRegistry): Finding[] {
  const findings: Finding[] = [];
  const sku = asString(readArm(registry, 'sku.name'));
  if (!sameText(sku, 'Premium'))
    findings.push({
      status: 'fail',
      reason: `SKU ${show(
        sku,
      )}: private endpoints need Premium, so this registry can only be reached over its public endpoint; upgrade it (az acr update --sku Premium)`,
    });
  const access = asString(readArm(registry, 'publicNetworkAccess'));
  if (!sameText(access, 'Disabled'))
    findings.push({
      status: 'fail',
      reason: `public network access ${
        access ?? 'not set (ARM defaults to Enabled)'
      }: the registry answers from the internet, so a leaked token pulls (or pushes) from anywhere; set publicNetworkAccess Disabled`,
    });
  if (asBoolean(readArm(registry, 'adminUserEnabled')) === true)
    findings.push({
      status: 'fail',
      reason:
        "admin user enabled: one shared user name and password can push and pull every repository; disable it (az acr update --admin-enabled false) and pull with the kubelet identity's AcrPull",
    });
  if (asBoolean(readArm(registry, 'anonymousPullEnabled')) === true)
    findings.push({
      status: 'fail',
      reason:
        'anonymous pull enabled: anyone who reaches the registry pulls its images without credentials; set anonymousPullEnabled false',
    });
  return findings;
}

function endpointFinding(
  registry: ArmContainerRegistry,
  input: BaselineResources,
): { finding?: Finding; found: string } {
  if (!input.cluster)
    return {
      found: 'private endpoint: (cluster not in the input)',
      finding: {
        status: 'not-observed',
        reason:
          "no managed cluster in the input, so the VNet the registry's private endpoint must be in is not known",
      },
    };
  if (!input.privateEndpoints)
    return {
      found: 'private endpoint: (not read)',
      finding: {
        status: 'not-observed',
        reason: 'private endpoints not in the input',
      },
    };
  const vnets = clusterVirtualNetworks(input.cluster);
  const vnetNames = vnets.map(v => v.name).join(', ') || '(none)';
  const inVnet = privateLinkConnections(
    registry,
    REGISTRY_GROUP,
    input.privateEndpoints,
    input.containerRegistries?.length ?? 0,
  ).filter(
    c => c.endpoint && privateEndpointInVirtualNetworks(c.endpoint, vnets),
  );
  const found = `private endpoint in ${vnetNames}: ${
    inVnet.map(c => `${c.source} (${show(c.status)})`).join(', ') || '(none)'
  }`;
  if (inVnet.some(connectionUsable)) return { found };
  if (vnets.length === 0)
    return {
      found,
      finding: {
        status: 'fail',
        reason:
          'the node pools name no subnet (AKS manages their VNet), so no private endpoint can be placed beside them; deploy the cluster into the spoke VNet',
      },
    };
  return {
    found,
    finding: {
      status: 'fail',
      reason: inVnet.length
        ? `the private endpoint connection in ${vnetNames} is not approved (${inVnet
            .map(c => show(c.status))
            .join(
              ', ',
            )}): approve it on the registry (az acr private-endpoint-connection approve)`
        : `no private endpoint of the registry (groupIds ["${REGISTRY_GROUP}"]) in the cluster's VNet ${vnetNames}: nodes pull over the registry's public endpoint, or fail once public access is off; add one in the spoke's private-endpoints subnet with a privatelink.azurecr.io zone linked to the VNet`,
    },
  };
}

function registryIsPrivate(
  registry: ArmContainerRegistry,
  input: BaselineResources,
): Judgement {
  const endpoint = endpointFinding(registry, input);
  const found = [
    `sku=${show(asString(readArm(registry, 'sku.name')))}`,
    `publicNetworkAccess=${show(readArm(registry, 'publicNetworkAccess'))}`,
    `adminUserEnabled=${show(readArm(registry, 'adminUserEnabled'))}`,
    `anonymousPullEnabled=${show(readArm(registry, 'anonymousPullEnabled'))}`,
    endpoint.found,
  ].join(', ');
  const findings = [
    ...settingsFindings(registry),
    ...(endpoint.finding ? [endpoint.finding] : []),
  ];
  return about(
    registry,
    judge(
      found,
      findings,
      "Premium, closed to public networks, no admin user or anonymous pull, reached through a private endpoint in the cluster's VNet",
    ),
  );
}

function registriesPrivate(input: BaselineResources): Judgement {
  const registries = input.containerRegistries;
  if (!registries) return notObserved('the container registries were not read');
  if (registries.length === 0)
    return fail(
      '(no registry)',
      'no container registry with a private endpoint in the cluster\'s VNet: nodes pull images from public registries through the firewall; create a Premium registry with public network access disabled, a private endpoint (groupIds ["registry"]) in the spoke with the privatelink.azurecr.io zone, import the images, and grant the kubelet identity AcrPull on it',
    );
  return combine(
    registries.map(r => ({
      label: resourceLabel(r),
      judgement: registryIsPrivate(r, input),
    })),
  );
}

export const registryPrivateEvaluators: ControlEvaluators = {
  'ACR-01': registriesPrivate,
};
