import {
  EgressContext,
  EgressRequirement,
  egressRequirements,
} from '@aks-baseline/plugin-aks-baseline-common';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { stampImages } from '../manifests/images';
import {
  ArmTemplateResource,
  RESOURCE_TYPES,
  parameter,
  resourceId,
} from './expressions';
import { DEPLOYMENT_TEMPLATE_SCHEMA } from './template';

/**
 * hub/egress-rules.json: the network team's side of the stamp's egress. One
 * rule collection group, added to the hub's existing firewall policy (named
 * by parameter), holding exactly the stamp's requirements (one rule each,
 * its description naming the requirement) from an IP group of the node
 * subnet. Nothing wider: no FQDN tag, no service-tag-wide or any-port rule.
 */

export const HUB_EGRESS_API_VERSION = '2026-07-01';
const IP_GROUP_TYPE = RESOURCE_TYPES.ipGroup;
const GROUP_TYPE = RESOURCE_TYPES.firewallRuleCollectionGroup;
/** A suggestion the network team adjusts to its own group priorities. */
const GROUP_PRIORITY = 500;
/**
 * What FW-02 cannot read from the generated cluster resource: Flux and the
 * host of the repository it clones, and the registries the stamp's images
 * come from through the firewall. The stamp's own registry is reached
 * through its private endpoint in the spoke (like the Key Vault), so its
 * images need no rule: only an image from elsewhere would.
 */
export function stampEgressContext(
  spec: ClusterSpec,
  names: ClusterNames,
): EgressContext {
  const registries = stampImages(names)
    .map(image => image.image.split('/')[0])
    .filter(host => host !== names.registry.loginServer);
  return {
    flux: { gitHosts: [new URL(spec.gitops.repositoryUrl).hostname] },
    containerRegistries: [...new Set(registries)],
  };
}

/** The stamp's requirements, from the spec (the gate derives them again from the generated cluster). */
export function stampEgressRequirements(
  spec: ClusterSpec,
  names: ClusterNames,
): EgressRequirement[] {
  const context = stampEgressContext(spec, names);
  return egressRequirements({
    cloud: 'AzurePublicCloud',
    location: spec.location,
    nodeSubnets: [spec.network.nodeSubnet],
    privateCluster: true,
    // Container insights is always on (the stamp creates a workspace when none is given).
    azureMonitor: true,
    azurePolicy: true,
    defender: false,
    workloadIdentity: true,
    flux: context.flux,
    containerRegistries: context.containerRegistries ?? [],
  });
}

/** Rule names: letters, digits, `_ . -`, at most 80 characters. */
function ruleName(index: number, requirement: EgressRequirement): string {
  const slug = requirement.destination.value
    .replace(/^\*\./, 'any.')
    .replace(/[^A-Za-z0-9_.-]/g, '-');
  return `r${String(index + 1).padStart(2, '0')}-${slug}-${
    requirement.port
  }`.slice(0, 80);
}

function description(requirement: EgressRequirement): string {
  const why = requirement.reasons.map(r => `${r.component}: ${r.why}`);
  return `requirement ${requirement.id} (${why.join('; ')}) - ${[
    ...new Set(requirement.reasons.map(r => r.document)),
  ].join(' ')}`;
}

function rule(
  index: number,
  requirement: EgressRequirement,
  ipGroupId: string,
): Record<string, unknown> {
  const common = {
    name: ruleName(index, requirement),
    description: description(requirement),
    sourceIpGroups: [ipGroupId],
  };
  const { destination, protocol, port } = requirement;
  if (protocol === 'Https' || protocol === 'Http') {
    return {
      ruleType: 'ApplicationRule',
      ...common,
      protocols: [{ protocolType: protocol, port }],
      targetFqdns: [destination.value],
    };
  }
  return {
    ruleType: 'NetworkRule',
    ...common,
    ipProtocols: [protocol],
    destinationPorts: [String(port)],
    ...(destination.kind === 'fqdn'
      ? { destinationFqdns: [destination.value] }
      : { destinationAddresses: [destination.value] }),
  };
}

function collection(
  name: string,
  priority: number,
  rules: Record<string, unknown>[],
) {
  return {
    ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
    name,
    priority,
    action: { type: 'Allow' },
    rules,
  };
}

export interface HubEgressTemplate {
  $schema: string;
  contentVersion: string;
  parameters: Record<
    string,
    { type: string; metadata: { description: string }; defaultValue?: string }
  >;
  resources: ArmTemplateResource[];
}

export function hubEgressTemplate(
  spec: ClusterSpec,
  names: ClusterNames,
): HubEgressTemplate {
  const { ipGroup, ruleCollectionGroup } = names.hubEgress;
  const ipGroupId = resourceId(IP_GROUP_TYPE, ipGroup);
  const requirements = stampEgressRequirements(spec, names);
  const rules = requirements.map((r, i) => rule(i, r, ipGroupId));
  const application = rules.filter(r => r.ruleType === 'ApplicationRule');
  const network = rules.filter(r => r.ruleType === 'NetworkRule');
  return {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      firewallPolicyName: {
        type: 'string',
        metadata: {
          description: `The hub firewall policy (in this resource group) that ${spec.clusterName}'s egress meets: the policy of ${spec.firewall.resourceId}`,
        },
      },
      location: {
        type: 'string',
        defaultValue: '[resourceGroup().location]',
        metadata: { description: 'Region of the IP group.' },
      },
    },
    resources: [
      {
        type: IP_GROUP_TYPE,
        apiVersion: HUB_EGRESS_API_VERSION,
        name: ipGroup,
        location: parameter('location'),
        properties: { ipAddresses: [spec.network.nodeSubnet] },
      },
      {
        type: GROUP_TYPE,
        apiVersion: HUB_EGRESS_API_VERSION,
        name: `[format('{0}/{1}', parameters('firewallPolicyName'), '${ruleCollectionGroup}')]`,
        dependsOn: [ipGroupId],
        properties: {
          priority: GROUP_PRIORITY,
          ruleCollections: [
            ...(network.length
              ? [collection('network-requirements', 100, network)]
              : []),
            collection('application-requirements', 200, application),
          ],
        },
      },
    ],
  };
}
