import { IpAddress, intervalsContain } from './cidr';
import { ClusterModel, ModelPod } from './clusterModel';
import {
  CompiledPolicy,
  CompiledRule,
  Direction,
  IpBlockPeer,
  SelectorPeer,
} from './compilePolicy';
import { ALL_PORT_RANGES } from './portRanges';
import { PortSetId, PortSetTable } from './portSetTable';
import { SelectorMatchCache } from './selectorMatchCache';
import { PortRange } from './types';

/** The far end of a rule: a pod of the model, or an address outside it. */
export type PeerRef =
  | { kind: 'pod'; pod: ModelPod }
  | { kind: 'address'; address: IpAddress };

/** A rule with its peer matches precomputed against every pod of the cluster. */
export interface IndexedRule {
  rule: CompiledRule;
  /** Whether the rule's peers admit this far end. */
  admits(peer: PeerRef): boolean;
  /**
   * The ports the rule allows towards `destination` (named ports are resolved
   * against the destination pod; an address resolves no name).
   */
  portsTowards(destination: PeerRef): PortSetId;
}

export interface RuleIndex {
  policies: CompiledPolicy[];
  /** Per pod index: the policies that isolate it in that direction. */
  isolating: Record<Direction, CompiledPolicy[][]>;
  /** Per pod index: the rules of those policies, in policy then rule order. */
  rules: Record<Direction, IndexedRule[][]>;
  portSets: PortSetTable;
}

/**
 * Precomputes, once per snapshot, which policies select which pod and which
 * pods every rule admits, so that evaluating a pair of pods is a walk over a
 * few rules with array lookups instead of label matching.
 */
export function buildRuleIndex(
  model: ClusterModel,
  policies: CompiledPolicy[],
): RuleIndex {
  const portSets = new PortSetTable();
  const selectorCache = new SelectorMatchCache(model);
  const podCount = model.pods.length;
  const emptyLists = <T>(): T[][] => Array.from({ length: podCount }, () => []);
  const index: RuleIndex = {
    policies,
    isolating: { ingress: emptyLists(), egress: emptyLists() },
    rules: { ingress: emptyLists(), egress: emptyLists() },
    portSets,
  };

  for (const policy of policies) {
    const selected = model.pods.filter(
      pod =>
        pod.namespace === policy.namespace &&
        selectorCache.podMatches(policy.podSelector, pod),
    );
    if (selected.length === 0) continue;
    const directions: [Direction, boolean, CompiledRule[]][] = [
      ['ingress', policy.affectsIngress, policy.ingressRules],
      ['egress', policy.affectsEgress, policy.egressRules],
    ];
    for (const [direction, affects, rules] of directions) {
      if (!affects) continue;
      const indexedRules = rules.map(rule =>
        indexRule(rule, policy, model, selectorCache, portSets),
      );
      for (const pod of selected) {
        index.isolating[direction][pod.index].push(policy);
        index.rules[direction][pod.index].push(...indexedRules);
      }
    }
  }
  return index;
}

function indexRule(
  rule: CompiledRule,
  policy: CompiledPolicy,
  model: ClusterModel,
  selectors: SelectorMatchCache,
  portSets: PortSetTable,
): IndexedRule {
  const admittedPods = admittedPodMask(rule, policy, model, selectors);
  const ipBlocks = (rule.peers ?? []).filter(
    (peer): peer is IpBlockPeer => peer.type === 'ipBlock',
  );
  const admitsEveryAddress = rule.peers === undefined;

  const fixedPorts = rule.hasNamedPorts
    ? undefined
    : portSets.intern(resolveRulePorts(rule, undefined));
  // Named ports resolve per destination pod; remember each pod's answer.
  const portsByPod = new Map<number, PortSetId>();
  let portsTowardsAddresses: PortSetId | undefined;

  return {
    rule,
    admits(peer) {
      if (peer.kind === 'pod') return admittedPods[peer.pod.index] === 1;
      if (admitsEveryAddress) return true;
      const { family, value } = peer.address;
      return ipBlocks.some(
        block =>
          block.family === family && intervalsContain(block.addresses, value),
      );
    },
    portsTowards(destination) {
      if (fixedPorts !== undefined) return fixedPorts;
      if (destination.kind === 'address') {
        portsTowardsAddresses ??= portSets.intern(
          resolveRulePorts(rule, undefined),
        );
        return portsTowardsAddresses;
      }
      let id = portsByPod.get(destination.pod.index);
      if (id === undefined) {
        id = portSets.intern(resolveRulePorts(rule, destination.pod));
        portsByPod.set(destination.pod.index, id);
      }
      return id;
    },
  };
}

/**
 * The port ranges of a rule towards one destination. A named port becomes the
 * destination's container port of that name, and only if that container port
 * is declared with the rule's protocol; otherwise it allows nothing.
 */
export function resolveRulePorts(
  rule: CompiledRule,
  destination: ModelPod | undefined,
): PortRange[] {
  if (!rule.ports) {
    return [...ALL_PORT_RANGES];
  }
  const ranges: PortRange[] = [];
  for (const port of rule.ports) {
    if (port.type === 'range') {
      ranges.push({ protocol: port.protocol, from: port.from, to: port.to });
      continue;
    }
    for (const declared of destination?.ports ?? []) {
      if (declared.name === port.name && declared.protocol === port.protocol) {
        ranges.push({
          protocol: port.protocol,
          from: declared.port,
          to: declared.port,
        });
      }
    }
  }
  return ranges;
}

/** `mask[podIndex] === 1` when some peer of the rule selects that pod. */
function admittedPodMask(
  rule: CompiledRule,
  policy: CompiledPolicy,
  model: ClusterModel,
  selectors: SelectorMatchCache,
): Uint8Array {
  const mask = new Uint8Array(model.pods.length);
  if (!rule.peers) return mask.fill(1);
  for (const peer of rule.peers) {
    for (const pod of model.pods) {
      if (
        mask[pod.index] === 0 &&
        peerSelectsPod(peer, policy, pod, selectors)
      ) {
        mask[pod.index] = 1;
      }
    }
  }
  return mask;
}

function peerSelectsPod(
  peer: SelectorPeer | IpBlockPeer,
  policy: CompiledPolicy,
  pod: ModelPod,
  selectors: SelectorMatchCache,
): boolean {
  if (peer.type === 'ipBlock') {
    // Only a pod whose address is known can fall inside an ipBlock.
    return (
      pod.address !== undefined &&
      pod.address.family === peer.family &&
      intervalsContain(peer.addresses, pod.address.value)
    );
  }
  // Without a namespaceSelector the peer stays in the policy's own namespace.
  const namespaceMatches = peer.namespaceSelector
    ? selectors.namespaceMatches(peer.namespaceSelector, pod)
    : pod.namespace === policy.namespace;
  if (!namespaceMatches) return false;
  return peer.podSelector ? selectors.podMatches(peer.podSelector, pod) : true;
}
