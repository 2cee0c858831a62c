import { asString, readArm, readArmList } from '../arm/read';
import type { ArmResource } from '../arm/types';
import {
  AddressContext,
  allOf,
  anyPrefixMatches,
  Match,
  portRangeMatches,
} from './addressMatch';
import { unknownStep } from './steps';
import type { TraceStep } from './types';

/** A connection as an NSG sees it. */
export interface NsgFlow {
  direction: 'Inbound' | 'Outbound';
  protocol: 'TCP' | 'UDP';
  source: string;
  destination: string;
  port: number;
}

/** One security rule, read from ARM (REST, SDK and template shapes alike). */
export interface NsgRule {
  name: string;
  priority: number;
  direction: string;
  access: string;
  protocol: string;
  sources: string[];
  sourcePorts: string[];
  destinations: string[];
  destinationPorts: string[];
  /** Application security groups name members the snapshot does not hold. */
  usesApplicationSecurityGroups: boolean;
  isDefault: boolean;
}

const defaultRule = (
  name: string,
  priority: number,
  direction: string,
  access: string,
  sources: string[],
  destinations: string[],
): NsgRule => ({
  name,
  priority,
  direction,
  access,
  protocol: '*',
  sources,
  sourcePorts: ['*'],
  destinations,
  destinationPorts: ['*'],
  usesApplicationSecurityGroups: false,
  isDefault: true,
});

/**
 * The default rules every NSG has, which no one can delete
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules);
 * used when the resource read does not carry `defaultSecurityRules`.
 */
export const DEFAULT_NSG_RULES: NsgRule[] = [
  defaultRule(
    'AllowVnetInBound',
    65000,
    'Inbound',
    'Allow',
    ['VirtualNetwork'],
    ['VirtualNetwork'],
  ),
  defaultRule(
    'AllowAzureLoadBalancerInBound',
    65001,
    'Inbound',
    'Allow',
    ['AzureLoadBalancer'],
    ['*'],
  ),
  defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', ['*'], ['*']),
  defaultRule(
    'AllowVnetOutBound',
    65000,
    'Outbound',
    'Allow',
    ['VirtualNetwork'],
    ['VirtualNetwork'],
  ),
  defaultRule(
    'AllowInternetOutBound',
    65001,
    'Outbound',
    'Allow',
    ['*'],
    ['Internet'],
  ),
  defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', ['*'], ['*']),
];

const strings = (item: unknown, single: string, plural: string) => {
  const many = readArmList(item, plural).map(String);
  const one = asString(readArm(item, single));
  return many.length ? many : [one ?? '*'];
};

function readRule(item: unknown, isDefault: boolean): NsgRule {
  return {
    name: asString(readArm(item, 'name')) ?? '(unnamed)',
    priority: Number(readArm(item, 'priority') ?? 65535),
    direction: asString(readArm(item, 'direction')) ?? '',
    access: asString(readArm(item, 'access')) ?? '',
    protocol: asString(readArm(item, 'protocol')) ?? '*',
    sources: strings(item, 'sourceAddressPrefix', 'sourceAddressPrefixes'),
    sourcePorts: strings(item, 'sourcePortRange', 'sourcePortRanges'),
    destinations: strings(
      item,
      'destinationAddressPrefix',
      'destinationAddressPrefixes',
    ),
    destinationPorts: strings(
      item,
      'destinationPortRange',
      'destinationPortRanges',
    ),
    usesApplicationSecurityGroups:
      readArmList(item, 'sourceApplicationSecurityGroups').length > 0 ||
      readArmList(item, 'destinationApplicationSecurityGroups').length > 0,
    isDefault,
  };
}

/** The NSG's rules, its own and the defaults, in processing order (lowest priority number first). */
export function nsgRules(nsg: ArmResource): NsgRule[] {
  const defaults = readArmList(nsg, 'defaultSecurityRules');
  return [
    ...readArmList(nsg, 'securityRules').map(r => readRule(r, false)),
    ...(defaults.length
      ? defaults.map(r => readRule(r, true))
      : DEFAULT_NSG_RULES),
  ].sort((a, b) => a.priority - b.priority);
}

function ruleMatches(
  r: NsgRule,
  flow: NsgFlow,
  context: AddressContext,
): Match {
  if (r.direction.toLowerCase() !== flow.direction.toLowerCase()) return 'no';
  const protocol =
    r.protocol === '*' || r.protocol.toUpperCase() === flow.protocol;
  if (!protocol) return 'no';
  if (!r.destinationPorts.some(p => portRangeMatches(p, flow.port)))
    return 'no';
  // The client's source port is ephemeral: a rule on source ports may match it or not.
  const sourcePort: Match = r.sourcePorts.every(p => p.trim() === '*')
    ? 'yes'
    : 'maybe';
  return allOf(
    sourcePort,
    r.usesApplicationSecurityGroups ? 'maybe' : 'yes',
    anyPrefixMatches(r.sources, flow.source, context),
    anyPrefixMatches(r.destinations, flow.destination, context),
  );
}

/** The NSG's answer: the first rule that matches, by priority; undecided when a rule in front of it may match. */
export interface NsgVerdict {
  outcome: 'passed' | 'stopped' | 'unknown';
  rule?: NsgRule;
  /** A rule that may match before the deciding one, with the other access. */
  uncertain?: NsgRule;
}

export function evaluateNsg(
  nsg: ArmResource,
  flow: NsgFlow,
  context: AddressContext,
): NsgVerdict {
  const uncertain: NsgRule[] = [];
  for (const r of nsgRules(nsg)) {
    const match = ruleMatches(r, flow, context);
    if (match === 'no') continue;
    if (match === 'maybe') {
      uncertain.push(r);
      continue;
    }
    const allowed = r.access.toLowerCase() === 'allow';
    const contrary = uncertain.find(
      u => (u.access.toLowerCase() === 'allow') !== allowed,
    );
    if (contrary) return { outcome: 'unknown', rule: r, uncertain: contrary };
    return { outcome: allowed ? 'passed' : 'stopped', rule: r };
  }
  // Unreachable with the default rules in place; kept for resources read without them.
  return { outcome: 'unknown' };
}

const describeFlow = (flow: NsgFlow) =>
  `${flow.protocol} ${flow.source} -> ${flow.destination}:${
    flow.port
  } (${flow.direction.toLowerCase()})`;

/** The NSG hop of a subnet: none attached, not in the snapshot, or the rule that decides. */
export function nsgStep(options: {
  subnetName: string;
  nsgId?: string;
  nsgs?: ArmResource[];
  flow: NsgFlow;
  context: AddressContext;
}): TraceStep {
  const { subnetName, nsgId, nsgs, flow } = options;
  const title = `NSG of subnet ${subnetName}`;
  if (!nsgId) {
    return {
      kind: 'nsg',
      title,
      outcome: 'passed',
      text: `no NSG is attached to subnet ${subnetName}: nothing filters ${describeFlow(
        flow,
      )}`,
    };
  }
  const nsg = nsgs?.find(n => n.id?.toLowerCase() === nsgId.toLowerCase());
  if (!nsg) {
    const missing = nsgs
      ? `NSG ${nsgId} is not in the inventory`
      : 'NSG rules: not in snapshot (refreshed before NSGs were stored)';
    return unknownStep('nsg', title, missing, {
      name: nsgId.split('/').pop()!,
      resourceId: nsgId,
    });
  }
  const verdict = evaluateNsg(nsg, flow, options.context);
  const decidedBy = verdict.rule
    ? {
        name: `${verdict.rule.name} (priority ${verdict.rule.priority})`,
        resourceId: nsg.id,
      }
    : { name: nsg.name ?? nsgId, resourceId: nsg.id };
  if (verdict.outcome === 'unknown') {
    const missing = verdict.uncertain
      ? `rule ${verdict.uncertain.name} (priority ${
          verdict.uncertain.priority
        }) names ${[
          ...verdict.uncertain.sources,
          ...verdict.uncertain.destinations,
        ].join(', ')}, which the snapshot cannot resolve for ${describeFlow(
          flow,
        )}`
      : 'no rule decides';
    return unknownStep('nsg', title, missing, decidedBy);
  }
  const rule = verdict.rule!;
  const access = verdict.outcome === 'passed' ? 'allowed' : 'denied';
  return {
    kind: 'nsg',
    title,
    outcome: verdict.outcome,
    text: `${describeFlow(flow)} ${access} by ${
      rule.isDefault ? 'default rule' : 'rule'
    } ${rule.name} (priority ${rule.priority}) of ${nsg.name}`,
    decidedBy,
    ...(verdict.outcome === 'stopped'
      ? {
          fix: `add an ${flow.direction.toLowerCase()} rule to ${
            nsg.name
          } allowing ${flow.protocol} ${flow.port} from ${flow.source} to ${
            flow.destination
          } with a priority below ${rule.priority}`,
        }
      : {}),
  };
}
