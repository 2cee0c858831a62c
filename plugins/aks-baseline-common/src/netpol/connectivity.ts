import { formatIpAddress, IpInterval, partitionAddressSpace } from './cidr';
import { ClusterModel } from './clusterModel';
import { CompiledPolicy, CompiledRule } from './compilePolicy';
import { allowedBetween } from './evaluation';
import { PortSetId, PortSetTable } from './portSetTable';
import { PeerRef, RuleIndex } from './ruleIndex';
import {
  ConnectivityEntry,
  ConnectivityOptions,
  ConnectivityPeer,
  IpFamily,
} from './types';

const ALL_FAMILIES: IpFamily[] = ['IPv4', 'IPv6'];

/**
 * Lists every allowed connection of the cluster: between each ordered pair of
 * distinct pods, and between each pod and each external address range.
 *
 * External ranges are cut where any ipBlock of the relevant direction starts
 * or stops applying (sources: the `from` ipBlocks of ingress rules; destinations:
 * the `to` ipBlocks of egress rules), so a single address stands for its whole
 * range. Rules of a direction a policy does not enforce still cut ranges; that
 * only makes the list finer, never wrong.
 */
export function listConnectivity(
  model: ClusterModel,
  policies: readonly CompiledPolicy[],
  index: RuleIndex,
  options: ConnectivityOptions = {},
): ConnectivityEntry[] {
  const families = options.ipFamilies ?? ALL_FAMILIES;
  const { portSets } = index;
  const podRefs = model.pods.map(pod => ({ kind: 'pod' as const, pod }));
  // One frozen peer object per pod, shared by all of its entries.
  const podPeers: ConnectivityPeer[] = model.pods.map(pod =>
    Object.freeze({
      pod: Object.freeze({ namespace: pod.namespace, name: pod.name }),
    }),
  );
  const entries: ConnectivityEntry[] = [];
  const addEntry = (
    src: ConnectivityPeer,
    dst: ConnectivityPeer,
    allowed: PortSetId,
  ) => {
    if (allowed !== PortSetTable.EMPTY) {
      entries.push({ src, dst, ports: portSets.ranges(allowed) });
    }
  };

  for (let i = 0; i < podRefs.length; i++) {
    for (let j = 0; j < podRefs.length; j++) {
      // A pod's traffic to itself is never policed, and so not listed.
      if (i === j) continue;
      addEntry(
        podPeers[i],
        podPeers[j],
        allowedBetween(index, podRefs[i], podRefs[j]),
      );
    }
  }

  for (const family of families) {
    // The first address of a range answers for all of it.
    for (const range of externalRanges(policies, family, p => p.ingressRules)) {
      const address: PeerRef = {
        kind: 'address',
        address: { family, value: range.first },
      };
      const peer = rangePeer(family, range);
      podRefs.forEach((pod, i) =>
        addEntry(peer, podPeers[i], allowedBetween(index, address, pod)),
      );
    }
    for (const range of externalRanges(policies, family, p => p.egressRules)) {
      const address: PeerRef = {
        kind: 'address',
        address: { family, value: range.first },
      };
      const peer = rangePeer(family, range);
      podRefs.forEach((pod, i) =>
        addEntry(podPeers[i], peer, allowedBetween(index, pod, address)),
      );
    }
  }
  return entries;
}

function externalRanges(
  policies: readonly CompiledPolicy[],
  family: IpFamily,
  rulesOf: (policy: CompiledPolicy) => readonly CompiledRule[],
): IpInterval[] {
  const sets: IpInterval[][] = [];
  for (const policy of policies) {
    for (const rule of rulesOf(policy)) {
      for (const peer of rule.peers ?? []) {
        if (peer.type === 'ipBlock' && peer.family === family) {
          sets.push(peer.addresses);
        }
      }
    }
  }
  return partitionAddressSpace(family, sets);
}

function rangePeer(family: IpFamily, range: IpInterval): ConnectivityPeer {
  return Object.freeze({
    ipRange: Object.freeze({
      family,
      first: formatIpAddress(family, range.first),
      last: formatIpAddress(family, range.last),
    }),
  });
}
