import type { ArmResource } from '../arm/types';

/**
 * Firewall policies, rule collection groups and rules in ARM REST shape
 * (as GET returns them), for the evaluator's and FW-02's tests.
 */

const HUB =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies';

export function policy(name: string, parent?: ArmResource): ArmResource {
  return {
    id: `${HUB}/${name}`,
    name,
    type: 'Microsoft.Network/firewallPolicies',
    properties: parent ? { basePolicy: { id: parent.id } } : {},
  };
}

export function group(
  owner: ArmResource,
  name: string,
  priority: number,
  ruleCollections: unknown[],
): ArmResource {
  return {
    id: `${owner.id}/ruleCollectionGroups/${name}`,
    name,
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    properties: { priority, ruleCollections },
  };
}

export function ruleCollection(
  name: string,
  priority: number,
  action: 'Allow' | 'Deny' | 'Dnat',
  rules: unknown[],
) {
  return action === 'Dnat'
    ? {
        ruleCollectionType: 'FirewallPolicyNatRuleCollection',
        name,
        priority,
        action: { type: 'DNAT' },
        rules,
      }
    : {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
        name,
        priority,
        action: { type: action },
        rules,
      };
}

const NODES = ['10.240.0.0/16'];

export function networkRule(
  name: string,
  options: {
    ports: string[];
    protocols?: string[];
    destinations?: string[];
    sources?: string[];
  },
) {
  return {
    ruleType: 'NetworkRule',
    name,
    ipProtocols: options.protocols ?? ['TCP'],
    sourceAddresses: options.sources ?? NODES,
    destinationAddresses: options.destinations ?? ['*'],
    destinationPorts: options.ports,
  };
}

export function applicationRule(
  name: string,
  options: {
    fqdns: string[];
    fqdnTags?: string[];
    protocols?: Array<[string, number]>;
    sources?: string[];
    sourceIpGroups?: string[];
  },
) {
  return {
    ruleType: 'ApplicationRule',
    name,
    protocols: (options.protocols ?? [['Https', 443]]).map(
      ([protocolType, port]) => ({ protocolType, port }),
    ),
    sourceAddresses: options.sources ?? NODES,
    sourceIpGroups: options.sourceIpGroups ?? [],
    targetFqdns: options.fqdns,
    fqdnTags: options.fqdnTags ?? [],
  };
}

export function natRule(
  name: string,
  options: { destination: string; port: string },
) {
  return {
    ruleType: 'NatRule',
    name,
    ipProtocols: ['TCP'],
    sourceAddresses: ['*'],
    destinationAddresses: [options.destination],
    destinationPorts: [options.port],
    translatedAddress: '10.240.4.4',
    translatedPort: options.port,
  };
}
