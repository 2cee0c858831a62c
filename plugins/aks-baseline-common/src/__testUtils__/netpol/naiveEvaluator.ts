import { parseCidr, parseIpAddress } from '../../netpol/cidr';
import {
  ALL_PORT_RANGES,
  intersectPortRanges,
  normalizePortRanges,
} from '../../netpol/portRanges';
import {
  LabelSelector,
  NetpolPeer,
  NetpolPod,
  NetpolSnapshot,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PortRange,
} from '../../netpol/types';

/**
 * A deliberately naive, independent reading of the NetworkPolicy rules: every
 * question re-walks every policy, re-matches every selector and re-parses
 * every CIDR. It exists to cross-check the indexed evaluator (differential
 * tests) and as the baseline of the benchmark. Test support only; it assumes
 * the snapshot already passed validation.
 */
export function createNaiveEvaluator(snapshot: NetpolSnapshot) {
  // Finding a pod by name is not part of what the index speeds up, so even
  // the naive evaluator may look pods up in a map.
  const podsByRef = new Map(
    snapshot.pods.map(p => [`${p.namespace}/${p.name}`, p]),
  );
  const declaredNamespaceLabels = new Map(
    snapshot.namespaces.map(ns => [ns.name, ns.labels ?? {}]),
  );
  const namespaceLabels = (namespace: string): Record<string, string> => ({
    ...(declaredNamespaceLabels.get(namespace) ?? {}),
    'kubernetes.io/metadata.name': namespace,
  });

  type End = { pod: NetpolPod } | { ip: string };
  const resolve = (peer: NetpolPeer): End =>
    'pod' in peer
      ? { pod: podsByRef.get(`${peer.pod.namespace}/${peer.pod.name}`)! }
      : { ip: peer.ip };

  function allowed(src: NetpolPeer, dst: NetpolPeer): PortRange[] {
    const from = resolve(src);
    const to = resolve(dst);
    if ('pod' in from && 'pod' in to && from.pod === to.pod)
      return [...ALL_PORT_RANGES];
    const egress =
      'pod' in from
        ? directionAllows(from.pod, 'Egress', to, to)
        : [...ALL_PORT_RANGES];
    const ingress =
      'pod' in to
        ? directionAllows(to.pod, 'Ingress', from, to)
        : [...ALL_PORT_RANGES];
    return intersectPortRanges(
      normalizePortRanges(egress),
      normalizePortRanges(ingress),
    );
  }

  function directionAllows(
    pod: NetpolPod,
    direction: 'Ingress' | 'Egress',
    farEnd: End,
    destination: End,
  ): PortRange[] {
    let isolated = false;
    const ranges: PortRange[] = [];
    for (const policy of snapshot.policies) {
      if ((policy.metadata.namespace ?? 'default') !== pod.namespace) continue;
      if (!selectorMatches(policy.spec.podSelector ?? {}, pod.labels ?? {}))
        continue;
      if (!policyTypes(policy).includes(direction)) continue;
      isolated = true;
      const rules =
        direction === 'Ingress'
          ? (policy.spec.ingress ?? []).map(r => ({
              peers: r.from,
              ports: r.ports,
            }))
          : (policy.spec.egress ?? []).map(r => ({
              peers: r.to,
              ports: r.ports,
            }));
      for (const rule of rules) {
        const peers = rule.peers ?? [];
        if (
          peers.length > 0 &&
          !peers.some(peer => peerMatches(peer, policy, farEnd))
        ) {
          continue;
        }
        ranges.push(...rulePorts(rule.ports ?? [], destination));
      }
    }
    return isolated ? ranges : [...ALL_PORT_RANGES];
  }

  function peerMatches(
    peer: NetworkPolicyPeer,
    policy: NetworkPolicyObject,
    end: End,
  ): boolean {
    if (peer.ipBlock) {
      const ip = 'ip' in end ? end.ip : end.pod.ip;
      if (ip === undefined) return false;
      const address = parseIpAddress(ip)!;
      const inBlock = (cidrText: string) => {
        const cidr = parseCidr(cidrText)!;
        return (
          cidr.family === address.family &&
          cidr.first <= address.value &&
          address.value <= cidr.last
        );
      };
      return (
        inBlock(peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some(inBlock)
      );
    }
    if (!('pod' in end)) return false;
    const namespaceOk = peer.namespaceSelector
      ? selectorMatches(
          peer.namespaceSelector,
          namespaceLabels(end.pod.namespace),
        )
      : end.pod.namespace === (policy.metadata.namespace ?? 'default');
    const podOk = peer.podSelector
      ? selectorMatches(peer.podSelector, end.pod.labels ?? {})
      : true;
    return namespaceOk && podOk;
  }

  function rulePorts(
    ports: NetworkPolicyPort[],
    destination: End,
  ): PortRange[] {
    if (ports.length === 0) return [...ALL_PORT_RANGES];
    const ranges: PortRange[] = [];
    for (const port of ports) {
      const protocol = port.protocol ?? 'TCP';
      if (port.port === undefined || port.port === null) {
        ranges.push({ protocol, from: 1, to: 65535 });
      } else if (typeof port.port === 'number') {
        ranges.push({
          protocol,
          from: port.port,
          to: port.endPort ?? port.port,
        });
      } else if ('pod' in destination) {
        for (const declared of destination.pod.ports ?? []) {
          if (
            declared.name === port.port &&
            (declared.protocol ?? 'TCP') === protocol
          ) {
            ranges.push({
              protocol,
              from: declared.containerPort,
              to: declared.containerPort,
            });
          }
        }
      }
    }
    return ranges;
  }

  return { allowed };
}

function policyTypes(policy: NetworkPolicyObject): string[] {
  const declared = policy.spec.policyTypes ?? [];
  if (declared.length > 0) return declared;
  return (policy.spec.egress ?? []).length > 0
    ? ['Ingress', 'Egress']
    : ['Ingress'];
}

function selectorMatches(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ??
    []) {
    if (
      !requirementHolds(operator, key in labels, values.includes(labels[key]))
    ) {
      return false;
    }
  }
  return true;
}

function requirementHolds(
  operator: string,
  hasKey: boolean,
  valueListed: boolean,
): boolean {
  switch (operator) {
    case 'In':
      return hasKey && valueListed;
    case 'NotIn':
      return !hasKey || !valueListed;
    case 'Exists':
      return hasKey;
    default:
      return !hasKey;
  }
}
