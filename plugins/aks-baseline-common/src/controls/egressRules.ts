import {
  asBoolean,
  asString,
  isRecord,
  readArm,
  readArmList,
  refersTo,
  resourceLabel,
  sameText,
} from '../arm/read';
import type { ArmResource } from '../arm/types';
import {
  broadFirewallRules,
  buildFirewallPolicyModel,
  classicRulesAsPolicySet,
  egressRequirements,
  evaluateFirewallFlow,
} from '../egress';
import type {
  EgressFlowResult,
  EgressFlux,
  EgressRequirement,
  EgressStamp,
  FirewallPolicySet,
  FirewallRuleRef,
} from '../egress';
import { allSubnets } from './egress';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  about,
  judge,
  notApplicable,
  notObserved,
} from './judgement';
import type { BaselineResources } from './types';

/**
 * FW-02: every flow the cluster needs leaves through the firewall, and the
 * firewall allows nothing wider (any port, any address, the `*` FQDN) to the
 * node subnet. The requirements come from the cluster's own settings
 * (region, API server, add-ons) plus what only the caller knows (Flux,
 * registries, cloud) in `context.egress`.
 */

/** The node subnets' prefixes, or undefined when a subnet is not in the input. */
function nodeSubnetPrefixes(
  cluster: ArmResource,
  input: BaselineResources,
): string[] | undefined {
  const refs = readArmList(cluster, 'agentPoolProfiles')
    .map(pool => asString(readArm(pool, 'vnetSubnetID')))
    .filter((id): id is string => !!id);
  const prefixes: string[] = [];
  for (const ref of new Set(refs)) {
    const subnet = allSubnets(input).find(s => refersTo(ref, s));
    const own = [
      asString(readArm(subnet, 'addressPrefix')),
      ...readArmList(subnet, 'addressPrefixes').map(asString),
    ].filter((p): p is string => !!p);
    if (own.length === 0) return undefined;
    prefixes.push(...own);
  }
  return prefixes.length ? [...new Set(prefixes)] : undefined;
}

const enabled = (cluster: ArmResource, path: string) =>
  asBoolean(readArm(cluster, path)) === true;

/** Where a Flux GitRepository clones from: HTTPS or SSH, and the host. */
function gitSource(url: string): { host: string; ssh: boolean } | undefined {
  const scpLike = /^[^@/]+@([^:/]+):/.exec(url);
  if (scpLike) return { host: scpLike[1].toLowerCase(), ssh: true };
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname.toLowerCase(),
      ssh: parsed.protocol === 'ssh:',
    };
  } catch {
    return undefined;
  }
}

/**
 * Flux and its Git hosts: given by the caller (the scaffolder knows what it
 * generates), else read from the cluster's Flux GitRepository objects.
 * `observed: false` when neither says (the API server was not read).
 */
function fluxOf(input: BaselineResources): {
  flux?: EgressFlux;
  observed: boolean;
} {
  const context = input.context?.egress;
  if (context && 'flux' in context)
    return { flux: context.flux, observed: true };
  const objects = input.kubernetes?.objects;
  if (!objects) return { observed: false };
  const sources = objects
    .filter(o => o.kind === 'GitRepository')
    .map(o => asString(readArm(o.spec, 'url')))
    .filter((url): url is string => !!url)
    .map(gitSource)
    .filter((s): s is { host: string; ssh: boolean } => !!s);
  if (sources.length === 0 && !objects.some(o => o.kind === 'GitRepository'))
    return { observed: true };
  const hosts = (ssh: boolean) => [
    ...new Set(sources.filter(s => s.ssh === ssh).map(s => s.host)),
  ];
  return {
    flux: { gitHosts: hosts(false), gitSshHosts: hosts(true) },
    observed: true,
  };
}

/** What the cluster runs, read from its settings, its objects and the caller's context. */
export function egressStampOf(
  cluster: ArmResource,
  nodeSubnets: string[],
  input: BaselineResources,
): EgressStamp {
  const extra = input.context?.egress ?? {};
  return {
    cloud: extra.cloud ?? 'AzurePublicCloud',
    location: (asString(cluster.location) ?? '')
      .toLowerCase()
      .replace(/\s/g, ''),
    nodeSubnets,
    privateCluster: enabled(
      cluster,
      'apiServerAccessProfile.enablePrivateCluster',
    ),
    azureMonitor: enabled(cluster, 'addonProfiles.omsagent.enabled'),
    azurePolicy: enabled(cluster, 'addonProfiles.azurepolicy.enabled'),
    defender: enabled(
      cluster,
      'securityProfile.defender.securityMonitoring.enabled',
    ),
    workloadIdentity: enabled(
      cluster,
      'securityProfile.workloadIdentity.enabled',
    ),
    flux: fluxOf(input).flux,
    containerRegistries: extra.containerRegistries ?? [],
    customDnsServers: extra.customDnsServers,
  };
}

interface PolicyInput {
  label: string;
  policyRef: string;
  set: FirewallPolicySet;
}

const UNPLACED_POLICY = '(the hub policy)';

/**
 * The policy the cluster's egress meets: the firewall's policy (or its
 * classic rules); without a firewall, the one policy given that no other
 * names as its parent; without a policy, the rule collection groups given
 * (a generated template adds its group to a policy named by parameter).
 */
function policyInput(input: BaselineResources): PolicyInput | string {
  const policies = input.firewallPolicies ?? [];
  const groups = input.firewallPolicyRuleCollectionGroups;
  const ipGroups = input.ipGroups;
  const firewall = (input.azureFirewalls ?? [])[0];
  if (firewall) {
    const ref = readArm(firewall, 'firewallPolicy');
    if (!isRecord(ref) || !ref.id) {
      const classic = classicRulesAsPolicySet(firewall);
      return {
        label: resourceLabel(firewall),
        policyRef: classic.policyRef,
        set: { ...classic.set, ipGroups },
      };
    }
    if (!groups)
      return `the rule collection groups of firewall policy ${String(
        ref.id,
      )} were not read`;
    return {
      label: String(ref.id).split('/').pop()!,
      policyRef: String(ref.id),
      set: { policies, ruleCollectionGroups: groups, ipGroups },
    };
  }
  if (input.context?.firewallNotIdentified)
    return input.context.firewallNotIdentified;
  if (!groups)
    return "no firewall, firewall policy or rule collection group in the input (the hub usually lives in the network team's subscription)";
  const leaves = policies.filter(
    p => !policies.some(other => refersTo(readArm(other, 'basePolicy'), p)),
  );
  if (leaves.length === 1) {
    return {
      label: resourceLabel(leaves[0]),
      policyRef: asString(leaves[0].id) ?? resourceLabel(leaves[0]),
      set: { policies, ruleCollectionGroups: groups, ipGroups },
    };
  }
  const placed = groups.map(g => ({
    ...g,
    id: undefined,
    name: `${UNPLACED_POLICY}/${resourceLabel(g).split('/').pop()}`,
  }));
  return {
    label: UNPLACED_POLICY,
    policyRef: UNPLACED_POLICY,
    set: {
      policies: [{ name: UNPLACED_POLICY }],
      ruleCollectionGroups: placed,
      ipGroups,
    },
  };
}

const ruleName = (rule: FirewallRuleRef) =>
  `${rule.group}/${rule.collection}/${rule.rule}`;

/** What the firewall answers for each of the cluster's required flows. */
export interface EgressProof {
  /** The policy (or classic-rules firewall) judged. */
  policy: string;
  /** Every required flow, blocked ones first. */
  flows: EgressFlowResult[];
  /** Allow rules wider than any requirement, by name. */
  broadRules: string[];
  /** IP groups the rules name that were not in the input. */
  unresolvedIpGroups: string[];
  /** Whether Flux (and its Git hosts) could be known. */
  fluxObserved: boolean;
}

function flowResult(
  requirement: EgressRequirement,
  verdict: ReturnType<typeof evaluateFirewallFlow>,
): EgressFlowResult {
  return {
    requirement: requirement.id,
    components: [...new Set(requirement.reasons.map(r => r.component))],
    destination: requirement.destination.value,
    protocol: requirement.protocol,
    port: requirement.port,
    why: requirement.reasons.map(r => r.why).join('; '),
    allowed: verdict.allowed,
    ...(verdict.rule ? { rule: ruleName(verdict.rule) } : {}),
    verdict: verdict.rule
      ? `${verdict.allowed ? 'allowed' : 'denied'} by ${ruleName(verdict.rule)}`
      : 'default deny',
  };
}

/**
 * Each required flow of the cluster against its firewall's rules (the
 * evidence FW-02 and the egress path show), or the judgement that says why
 * it cannot be made.
 * @public
 */
export function proveClusterEgress(
  input: BaselineResources,
): EgressProof | Judgement {
  const cluster = input.cluster;
  if (!cluster) return notObserved('no managed cluster in the input');
  const outbound = asString(readArm(cluster, 'networkProfile.outboundType'));
  if (!sameText(outbound, 'userDefinedRouting'))
    return notApplicable(
      'egress does not go through the firewall (NET-03), so its rules do not decide it',
      `outboundType=${outbound ?? '(absent)'}`,
    );
  const nodeSubnets = nodeSubnetPrefixes(cluster, input);
  if (!nodeSubnets)
    return notObserved("the node subnet's address prefix is not in the input");
  const policy = policyInput(input);
  if (typeof policy === 'string') return notObserved(policy);
  const model = buildFirewallPolicyModel(policy.policyRef, policy.set);
  if (model.missingPolicies.length)
    return notObserved(
      `parent policy ${model.missingPolicies.join(
        ', ',
      )} not in the input: inherited rules decide first`,
    );
  let requirements: EgressRequirement[];
  try {
    requirements = egressRequirements(
      egressStampOf(cluster, nodeSubnets, input),
    );
  } catch (error) {
    return notObserved((error as Error).message);
  }
  const flows = requirements.map(r =>
    flowResult(r, evaluateFirewallFlow(model, r)),
  );
  return {
    policy: policy.label,
    flows: [...flows.filter(f => !f.allowed), ...flows.filter(f => f.allowed)],
    broadRules: broadFirewallRules(model, nodeSubnets).map(b =>
      b.reason.replace(/^[^/]+\//, ''),
    ),
    unresolvedIpGroups: model.unresolvedIpGroups,
    fluxObserved: fluxOf(input).observed,
  };
}

const isProof = (value: EgressProof | Judgement): value is EgressProof =>
  'flows' in value;

function egressRulesAllowExactly(input: BaselineResources): Judgement {
  const proof = proveClusterEgress(input);
  if (!isProof(proof)) return proof;
  const blocked = proof.flows.filter(f => !f.allowed);
  const unresolved = proof.unresolvedIpGroups;
  const findings: Finding[] = blocked.map(flow => ({
    status: unresolved.length ? 'not-observed' : 'fail',
    reason: `${flow.requirement} (${flow.components.join(', ')}) blocked: ${
      flow.rule ? `denied by ${flow.rule}` : 'default deny'
    }`,
  }));
  if (blocked.length && unresolved.length)
    findings.push({
      status: 'not-observed',
      reason: `IP groups ${unresolved.join(', ')} not in the input`,
    });
  if (!proof.fluxObserved)
    findings.push({
      status: 'not-observed',
      reason:
        "whether Flux runs, and which Git hosts it clones from, is read from the cluster's GitRepository objects, which were not read",
    });
  for (const rule of proof.broadRules)
    findings.push({
      status: 'warning',
      reason: `rule ${rule} allows more than any requirement`,
    });
  const found = `${proof.policy}: ${proof.flows.length - blocked.length}/${
    proof.flows.length
  } required flows allowed${
    blocked.length
      ? `; blocked: ${blocked.map(b => b.requirement).join(', ')}`
      : ''
  }`;
  return about(
    input.azureFirewalls?.[0],
    judge(
      found,
      findings,
      'every required flow is allowed, and no rule is wider',
    ),
  );
}

export const egressRulesEvaluators: ControlEvaluators = {
  'FW-02': egressRulesAllowExactly,
};
