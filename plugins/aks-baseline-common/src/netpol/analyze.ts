import { parseIpAddress } from './cidr';
import { buildClusterModel, ClusterModel } from './clusterModel';
import { CompiledPolicy, compileNetworkPolicy } from './compilePolicy';
import { describeValue, inputError } from './errors';
import { allowedBetween } from './evaluation';
import { explainConnection } from './explain';
import { isProtocol } from './portRanges';
import { PortSetTable } from './portSetTable';
import { buildRuleIndex, PeerRef } from './ruleIndex';
import { listConnectivity } from './connectivity';
import {
  ConnectionExplanation,
  NetpolPeer,
  NetpolSnapshot,
  NetworkPolicyAnalysis,
  Protocol,
} from './types';
import { isPlainObject, isValidPortNumber } from './validation';

/**
 * Validates a snapshot and prepares it for reachability questions.
 *
 * All validation happens here, up front: a snapshot that analyzes without
 * error never throws a NetworkPolicyInputError later. Queries that name a pod
 * missing from the snapshot, or two addresses, throw a plain `Error`, because
 * that is a mistake of the caller, not of the cluster data.
 */
export function analyzeNetworkPolicies(
  snapshot: NetpolSnapshot,
): NetworkPolicyAnalysis {
  if (!isPlainObject(snapshot)) {
    throw inputError(
      { kind: 'NetpolSnapshot', ref: 'snapshot' },
      '',
      `must be an object, got ${describeValue(snapshot)}`,
    );
  }
  const model = buildClusterModel(snapshot.namespaces, snapshot.pods);
  const policies = compilePolicies(snapshot.policies);
  const index = buildRuleIndex(model, policies);

  return {
    allowed(src, dst) {
      const [from, to] = resolvePair(model, src, dst);
      if (from.kind === 'pod' && to.kind === 'pod' && from.pod === to.pod) {
        // A pod cannot block access to itself.
        return index.portSets.ranges(PortSetTable.ALL).map(r => ({ ...r }));
      }
      return index.portSets
        .ranges(allowedBetween(index, from, to))
        .map(r => ({ ...r }));
    },
    explain(src, dst, protocol, port): ConnectionExplanation {
      const [from, to] = resolvePair(model, src, dst);
      if (!isProtocol(protocol)) {
        throw new Error(`explain: unknown protocol ${describeValue(protocol)}`);
      }
      if (!isValidPortNumber(port)) {
        throw new Error(
          `explain: port ${describeValue(port)} is not an integer 1-65535`,
        );
      }
      return explainConnection(index, from, to, protocol as Protocol, port);
    },
    connectivity(options) {
      return listConnectivity(model, policies, index, options);
    },
  };
}

function compilePolicies(raw: unknown): CompiledPolicy[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw inputError(
      { kind: 'NetpolSnapshot', ref: 'snapshot' },
      'policies',
      `must be a list, got ${describeValue(raw)}`,
    );
  }
  const seen = new Set<string>();
  return raw.map((policy, position) => {
    const compiled = compileNetworkPolicy(policy, position);
    if (seen.has(compiled.ref)) {
      // Two objects cannot share a name in a cluster; a duplicate means the
      // snapshot was assembled wrongly, and either copy could be the real one.
      throw inputError(
        { kind: 'NetworkPolicy', ref: compiled.ref },
        'metadata.name',
        'is declared twice',
      );
    }
    seen.add(compiled.ref);
    return compiled;
  });
}

function resolvePair(
  model: ClusterModel,
  src: NetpolPeer,
  dst: NetpolPeer,
): [PeerRef, PeerRef] {
  const from = resolvePeer(model, src, 'src');
  const to = resolvePeer(model, dst, 'dst');
  if (from.kind === 'address' && to.kind === 'address') {
    throw new Error(
      'NetworkPolicy only governs connections with a pod at one end; both src and dst are addresses',
    );
  }
  return [from, to];
}

function resolvePeer(
  model: ClusterModel,
  input: NetpolPeer,
  role: string,
): PeerRef {
  // Checked as unknown: callers in plain JavaScript can pass anything.
  const peer: unknown = input;
  if (isPlainObject(peer) && isPlainObject(peer.pod)) {
    const { namespace, name } = peer.pod as {
      namespace: unknown;
      name: unknown;
    };
    const index = model.podIndexByRef.get(`${namespace}/${name}`);
    if (index === undefined) {
      throw new Error(
        `${role}: pod ${namespace}/${name} is not in the snapshot`,
      );
    }
    return { kind: 'pod', pod: model.pods[index] };
  }
  if (isPlainObject(peer) && typeof peer.ip === 'string') {
    const address = parseIpAddress(peer.ip);
    if (!address) {
      throw new Error(
        `${role}: malformed IP address ${describeValue(peer.ip)}`,
      );
    }
    return { kind: 'address', address };
  }
  throw new Error(
    `${role}: expected { pod: { namespace, name } } or { ip }, got ${describeValue(
      peer,
    )}`,
  );
}
