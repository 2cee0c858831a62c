import {
  asString,
  readArm,
  readArmList,
  refersTo,
  sameText,
} from '../arm/read';
import { normalizeArmResourceId } from '../arm/armId';
import type { ArmResource } from '../arm/types';
import {
  AddressRange,
  addressRange,
  fqdnCovers,
  fqdnOverlaps,
  isAnyAddress,
  isAnyPort,
  portRange,
  rangeContains,
  rangesOverlap,
  serviceTagCovers,
} from './addresses';
import { aksFqdnTagNames } from './requirements';
import type { EgressFlow } from './types';

/**
 * An Azure Firewall policy evaluator following Microsoft's documented rule
 * processing ("Azure Firewall rule processing logic", Firewall Policy):
 *
 *  S1 rule collection groups of a parent policy come before the child's,
 *     whatever the priorities (grandparents before parents);
 *  S2 groups are processed by priority, lowest number first;
 *  S3 inside a group, collections by priority, lowest number first;
 *  S4 DNAT rules, then network rules, then application rules, whatever the
 *     group or collection priorities and the inheritance;
 *  S5 rules are terminating: the first match decides, Allow or Deny;
 *  S6 a DNAT match translates and allows: nothing else is evaluated;
 *  S7 application rules only see HTTP, HTTPS and MSSQL;
 *  S8 with no match, the traffic is denied by default.
 *
 * Not modelled (so never the reason for a verdict): threat intelligence
 * (evaluated before any rule; it needs Microsoft's feed), the built-in
 * infrastructure rule collection (platform FQDNs, not published), IDPS,
 * web categories and target URLs (rules using only those never match an
 * Allow here). Where a rule's set cannot be compared with the flow's (a
 * network rule's IP block against an FQDN flow), the rule does not match.
 * An Allow matches only when it covers the whole flow (every source block,
 * every name of a wildcard flow); a Deny matches when it shares any part of
 * it, since it then blocks some of it.
 */

/** What the evaluator reads: the policies, their rule collection groups and IP groups. @public */
export interface FirewallPolicySet {
  /** The firewall's policy and its parents (any order; others are ignored). */
  policies: ArmResource[];
  /** Rule collection groups of those policies (matched to a policy by id, or by `policy/group` name in templates). */
  ruleCollectionGroups: ArmResource[];
  ipGroups?: ArmResource[];
}

/** The rule that decided a verdict, named the way the portal shows it. @public */
export interface FirewallRuleRef {
  policy: string;
  group: string;
  collection: string;
  rule: string;
  /** `Allow`, `Deny` or `Dnat`. */
  action: string;
  ruleType: 'NetworkRule' | 'ApplicationRule' | 'NatRule';
  /** The rule's description, when it has one. */
  description?: string;
}

/** The answer for one flow. `rule` absent: default deny. @public */
export interface FirewallFlowVerdict {
  allowed: boolean;
  rule?: FirewallRuleRef;
  reason: string;
}

/** A rule that allows more than any requirement needs. @public */
export interface BroadFirewallRule {
  rule: FirewallRuleRef;
  reason: string;
}

type Phase = 'NatRule' | 'NetworkRule' | 'ApplicationRule';

interface OrderedRule {
  ref: FirewallRuleRef;
  rule: unknown;
}

/** The firewall's policy, its parents and their rules, in processing order. @public */
export interface FirewallPolicyModel {
  /** Policy names, root parent first. */
  chain: string[];
  /** Parents named by `basePolicy` but not in the set. */
  missingPolicies: string[];
  /** IP groups referenced by a rule but not in the set. */
  unresolvedIpGroups: string[];
  /** Rules by phase, each list in processing order (S1-S3). */
  rules: Record<Phase, OrderedRule[]>;
  ipGroups: ArmResource[];
}

const priorityOf = (item: unknown) => {
  const value = readArm(item, 'priority');
  return typeof value === 'number' ? value : 65001;
};

const byPriority = (a: unknown, b: unknown) => priorityOf(a) - priorityOf(b);

function policyChain(
  policyRef: string,
  policies: ArmResource[],
): { chain: ArmResource[]; missing: string[] } {
  const chain: ArmResource[] = [];
  const missing: string[] = [];
  let ref: string | undefined = policyRef;
  while (ref) {
    const current = ref;
    const policy = policies.find(p => refersTo(current, p));
    if (!policy) {
      missing.push(current);
      break;
    }
    if (chain.includes(policy)) break; // ARM refuses cycles; do not loop on bad data
    chain.unshift(policy); // S1: the parent goes first
    ref = asString(readArm(policy, 'basePolicy.id'));
  }
  return { chain, missing };
}

/** Whether a rule collection group belongs to the policy (by id, else by template name). */
function groupOfPolicy(group: ArmResource, policy: ArmResource): boolean {
  const groupId = asString(group.id);
  const policyId = asString(policy.id);
  if (groupId && policyId && groupId.startsWith('/')) {
    const parent = normalizeArmResourceId(groupId).replace(
      /\/rulecollectiongroups\/[^/]+$/i,
      '',
    );
    return parent === normalizeArmResourceId(policyId);
  }
  const [policyName, groupName] = (asString(group.name) ?? '').split('/');
  return !!groupName && sameText(policy.name, policyName);
}

const shortName = (resource: unknown) =>
  (asString(readArm(resource, 'name')) ?? '(unnamed)').split('/').pop()!;

function phaseOf(collection: unknown, rule: unknown): Phase | undefined {
  const type = asString(readArm(rule, 'ruleType'));
  if (sameText(type, 'NatRule')) return 'NatRule';
  if (sameText(type, 'NetworkRule')) return 'NetworkRule';
  if (sameText(type, 'ApplicationRule')) return 'ApplicationRule';
  // Rules without a type take their collection's (NAT collections hold NAT rules).
  return sameText(
    readArm(collection, 'ruleCollectionType'),
    'FirewallPolicyNatRuleCollection',
  )
    ? 'NatRule'
    : undefined;
}

/**
 * Orders the rules of the policy and its parents for evaluation (S1-S4).
 * @public
 */
export function buildFirewallPolicyModel(
  policyRef: string,
  set: FirewallPolicySet,
): FirewallPolicyModel {
  const { chain, missing } = policyChain(policyRef, set.policies);
  const ipGroups = set.ipGroups ?? [];
  const rules: Record<Phase, OrderedRule[]> = {
    NatRule: [],
    NetworkRule: [],
    ApplicationRule: [],
  };
  const unresolved = new Set<string>();
  for (const policy of chain) {
    const groups = set.ruleCollectionGroups
      .filter(g => groupOfPolicy(g, policy))
      .sort(byPriority); // S2
    for (const group of groups) {
      const collections = [...readArmList(group, 'ruleCollections')].sort(
        byPriority,
      ); // S3
      for (const collection of collections) {
        const action = sameText(
          readArm(collection, 'ruleCollectionType'),
          'FirewallPolicyNatRuleCollection',
        )
          ? 'Dnat'
          : asString(readArm(collection, 'action.type')) ?? '(none)';
        for (const rule of readArmList(collection, 'rules')) {
          const phase = phaseOf(collection, rule);
          if (!phase) continue;
          for (const ref of [
            ...readArmList(rule, 'sourceIpGroups'),
            ...readArmList(rule, 'destinationIpGroups'),
          ]) {
            if (!ipGroups.some(g => refersTo(ref, g)))
              unresolved.add(String(ref));
          }
          rules[phase].push({
            rule,
            ref: {
              policy: shortName(policy),
              group: shortName(group),
              collection: shortName(collection),
              rule: shortName(rule),
              action,
              ruleType: phase,
              description: asString(readArm(rule, 'description')),
            },
          });
        }
      }
    }
  }
  return {
    chain: chain.map(shortName),
    missingPolicies: missing,
    unresolvedIpGroups: [...unresolved],
    rules,
    ipGroups,
  };
}

type Mode = 'covers' | 'overlaps';

const strings = (rule: unknown, path: string) =>
  readArmList(rule, path).filter((v): v is string => typeof v === 'string');

function ipGroupRanges(
  model: FirewallPolicyModel,
  refs: string[],
): AddressRange[] {
  return refs.flatMap(ref => {
    const group = model.ipGroups.find(g => refersTo(ref, g));
    return strings(group, 'ipAddresses').flatMap(a => addressRange(a) ?? []);
  });
}

function sourcesMatch(
  model: FirewallPolicyModel,
  rule: unknown,
  sources: string[],
  mode: Mode,
): boolean {
  const ranges = [
    ...strings(rule, 'sourceAddresses').flatMap(a => addressRange(a) ?? []),
    ...ipGroupRanges(model, strings(rule, 'sourceIpGroups')),
  ];
  const flowRanges = sources.flatMap(s => addressRange(s) ?? []);
  if (flowRanges.length === 0) return false;
  return mode === 'covers'
    ? flowRanges.every(f => ranges.some(r => rangeContains(r, f)))
    : flowRanges.some(f => ranges.some(r => rangesOverlap(r, f)));
}

function portMatches(entries: string[], port: number): boolean {
  return entries.some(entry => {
    const range = portRange(entry);
    return !!range && range.first <= port && port <= range.last;
  });
}

function ipProtocolMatches(rule: unknown, flow: EgressFlow): boolean {
  const wanted = flow.protocol === 'UDP' ? 'UDP' : 'TCP';
  return strings(rule, 'ipProtocols').some(
    p => sameText(p, 'Any') || sameText(p, wanted),
  );
}

/** A network (or DNAT) rule's destination addresses, service tags, IP groups and FQDNs against the flow's destination. */
function networkDestinationMatches(
  model: FirewallPolicyModel,
  rule: unknown,
  flow: EgressFlow,
  mode: Mode,
): boolean {
  const entries = strings(rule, 'destinationAddresses');
  const ranges = [
    ...entries.flatMap(a => addressRange(a) ?? []),
    ...ipGroupRanges(model, strings(rule, 'destinationIpGroups')),
  ];
  const anyAddress =
    entries.some(isAnyAddress) ||
    ranges.some(r => r.first === 0 && r.last === 2 ** 32 - 1);
  // Every destination, named or tagged, has some address.
  if (anyAddress) return true;
  const { destination } = flow;
  if (destination.kind === 'cidr') {
    const target = addressRange(destination.value);
    if (!target) return false;
    return ranges.some(r =>
      mode === 'covers' ? rangeContains(r, target) : rangesOverlap(r, target),
    );
  }
  if (destination.kind === 'serviceTag') {
    const tags = entries.filter(e => addressRange(e) === undefined);
    return tags.some(
      tag =>
        serviceTagCovers(tag, destination.value) ||
        (mode === 'overlaps' && serviceTagCovers(destination.value, tag)),
    );
  }
  return strings(rule, 'destinationFqdns').some(f =>
    mode === 'covers'
      ? fqdnCovers(f, destination.value)
      : fqdnOverlaps(f, destination.value),
  );
}

function networkRuleMatches(
  model: FirewallPolicyModel,
  rule: unknown,
  flow: EgressFlow,
  mode: Mode,
): boolean {
  return (
    ipProtocolMatches(rule, flow) &&
    portMatches(strings(rule, 'destinationPorts'), flow.port) &&
    sourcesMatch(model, rule, flow.sources, mode) &&
    networkDestinationMatches(model, rule, flow, mode)
  );
}

/**
 * Names an FQDN tag lets through. Tags other than `AzureKubernetesService`
 * are not modelled: a rule that only uses them never matches here.
 */
const FQDN_TAGS: Record<string, string[]> = {
  azurekubernetesservice: aksFqdnTagNames(),
};

function applicationRuleMatches(
  model: FirewallPolicyModel,
  rule: unknown,
  flow: EgressFlow,
  mode: Mode,
): boolean {
  if (flow.destination.kind !== 'fqdn') return false;
  const protocolOk = readArmList(rule, 'protocols').some(
    p =>
      sameText(readArm(p, 'protocolType'), flow.protocol) &&
      readArm(p, 'port') === flow.port,
  );
  if (!protocolOk || !sourcesMatch(model, rule, flow.sources, mode))
    return false;
  const patterns = [
    ...strings(rule, 'targetFqdns'),
    ...strings(rule, 'fqdnTags').flatMap(
      tag => FQDN_TAGS[tag.toLowerCase()] ?? [],
    ),
  ];
  const name = flow.destination.value;
  return patterns.some(p =>
    mode === 'covers' ? fqdnCovers(p, name) : fqdnOverlaps(p, name),
  );
}

function natRuleMatches(
  model: FirewallPolicyModel,
  rule: unknown,
  flow: EgressFlow,
): boolean {
  return (
    flow.destination.kind === 'cidr' &&
    ipProtocolMatches(rule, flow) &&
    portMatches(strings(rule, 'destinationPorts'), flow.port) &&
    sourcesMatch(model, rule, flow.sources, 'covers') &&
    networkDestinationMatches(model, rule, flow, 'covers')
  );
}

const APPLICATION_PROTOCOLS = ['Http', 'Https', 'Mssql'];

const label = (ref: FirewallRuleRef) =>
  `${ref.policy}/${ref.group}/${ref.collection}/${ref.rule}`;

/** The first rule of the phase that decides the flow (S5). */
function firstMatch(
  model: FirewallPolicyModel,
  phase: Exclude<Phase, 'NatRule'>,
  flow: EgressFlow,
): OrderedRule | undefined {
  const matches =
    phase === 'NetworkRule' ? networkRuleMatches : applicationRuleMatches;
  return model.rules[phase].find(({ ref, rule }) =>
    sameText(ref.action, 'Allow')
      ? matches(model, rule, flow, 'covers')
      : sameText(ref.action, 'Deny') && matches(model, rule, flow, 'overlaps'),
  );
}

const decided = (match: OrderedRule, kind: string): FirewallFlowVerdict => {
  const allowed = sameText(match.ref.action, 'Allow');
  return {
    allowed,
    rule: match.ref,
    reason: `${allowed ? 'allowed' : 'denied'} by ${kind} rule ${label(
      match.ref,
    )}`,
  };
};

/**
 * Allowed or denied, and by which rule (none: default deny). Pure.
 * @public
 */
export function evaluateFirewallFlow(
  model: FirewallPolicyModel,
  flow: EgressFlow,
): FirewallFlowVerdict {
  const nat = model.rules.NatRule.find(({ rule }) =>
    natRuleMatches(model, rule, flow),
  );
  if (nat) {
    // S6: translated and allowed, no further processing.
    return {
      allowed: true,
      rule: nat.ref,
      reason: `translated and allowed by DNAT rule ${label(nat.ref)}`,
    };
  }
  const network = firstMatch(model, 'NetworkRule', flow);
  if (network) return decided(network, 'network');
  if (APPLICATION_PROTOCOLS.includes(flow.protocol)) {
    const application = firstMatch(model, 'ApplicationRule', flow);
    if (application) return decided(application, 'application');
  }
  return {
    allowed: false,
    reason: APPLICATION_PROTOCOLS.includes(flow.protocol)
      ? 'default deny: no network or application rule matches'
      : 'default deny: no network rule matches (application rules see only HTTP, HTTPS and MSSQL)',
  };
}

/**
 * Allow rules that reach the given sources and open more than any list of
 * requirements can justify: any port, any destination address, or the `*`
 * FQDN.
 * @public
 */
export function broadFirewallRules(
  model: FirewallPolicyModel,
  sources: string[],
): BroadFirewallRule[] {
  const found: BroadFirewallRule[] = [];
  const reaches = (rule: unknown) =>
    sourcesMatch(model, rule, sources, 'overlaps');
  for (const { ref, rule } of model.rules.NetworkRule) {
    if (!sameText(ref.action, 'Allow') || !reaches(rule)) continue;
    const reasons: string[] = [];
    if (strings(rule, 'destinationPorts').some(isAnyPort))
      reasons.push('any destination port');
    if (strings(rule, 'destinationAddresses').some(isAnyAddress))
      reasons.push('any destination address (0.0.0.0/0)');
    if (reasons.length)
      found.push({ rule: ref, reason: `${label(ref)}: ${reasons.join(', ')}` });
  }
  for (const { ref, rule } of model.rules.ApplicationRule) {
    if (!sameText(ref.action, 'Allow') || !reaches(rule)) continue;
    if (strings(rule, 'targetFqdns').some(f => f.trim() === '*'))
      found.push({ rule: ref, reason: `${label(ref)}: any FQDN (*)` });
  }
  return found;
}

const CLASSIC_COLLECTIONS: Array<[string, string, string]> = [
  ['natRuleCollections', 'FirewallPolicyNatRuleCollection', 'NatRule'],
  [
    'networkRuleCollections',
    'FirewallPolicyFilterRuleCollection',
    'NetworkRule',
  ],
  [
    'applicationRuleCollections',
    'FirewallPolicyFilterRuleCollection',
    'ApplicationRule',
  ],
];

/**
 * A firewall with classic rules (no policy) as a one-policy set: classic
 * collections are processed by the same rule-type order and priorities, so
 * they become one group. Classic network and NAT rules call their IP
 * protocols `protocols`.
 * @public
 */
export function classicRulesAsPolicySet(firewall: ArmResource): {
  policyRef: string;
  set: FirewallPolicySet;
} {
  const name = `${shortName(firewall)} (classic rules)`;
  const ruleCollections = CLASSIC_COLLECTIONS.flatMap(
    ([field, collectionType, ruleType]) =>
      readArmList(firewall, field).map(collection => ({
        ruleCollectionType: collectionType,
        name: shortName(collection),
        priority: readArm(collection, 'priority'),
        action: { type: asString(readArm(collection, 'action.type')) },
        rules: readArmList(collection, 'rules').map(rule => ({
          ...(rule as object),
          ruleType,
          ...(ruleType === 'ApplicationRule'
            ? {}
            : { ipProtocols: readArmList(rule, 'protocols') }),
        })),
      })),
  );
  return {
    policyRef: name,
    set: {
      policies: [{ name }],
      ruleCollectionGroups: [
        {
          name: `${name}/rules`,
          properties: { priority: 100, ruleCollections },
        },
      ],
    },
  };
}
