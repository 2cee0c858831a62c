import {
  coversAllPorts,
  normalizePortRanges,
  PROTOCOLS,
} from '../../../netpol/portRanges';
import {
  ConnectivityPeer,
  NetworkPolicyAnalysis,
  PortRange,
} from '../../../netpol/types';

/**
 * Renders an analysis in the text grammar of the netpol-analyzer `list`
 * command (documented in shared/netpol-cases/README.md):
 *
 *   src " => " dst " : " conns
 *
 * Pods are merged into their workloads (the union of what their pods allow),
 * traffic inside one workload is not listed, external peers are the analyzer's
 * IPv4 ranges, and lines are sorted byte-wise.
 */
export function renderConnlist(
  analysis: NetworkPolicyAnalysis,
  workloadOfPod: ReadonlyMap<string, string>,
): string[] {
  const portsByPair = new Map<string, PortRange[]>();
  // The analyzer models only IPv4 external addresses.
  for (const entry of analysis.connectivity({ ipFamilies: ['IPv4'] })) {
    const src = peerLabel(entry.src, workloadOfPod);
    const dst = peerLabel(entry.dst, workloadOfPod);
    if (src === dst) continue;
    const pair = `${src} => ${dst}`;
    const ports = portsByPair.get(pair);
    if (ports) ports.push(...entry.ports);
    else portsByPair.set(pair, [...entry.ports]);
  }
  const lines = [...portsByPair].map(
    ([pair, ports]) =>
      `${pair} : ${formatConnections(normalizePortRanges(ports))}`,
  );
  return lines.sort(compareBytewise);
}

/**
 * Byte-wise order, as the analyzer sorts. For ASCII text (Kubernetes names,
 * digits and punctuation) UTF-16 code-unit order is the same thing, and
 * unlike localeCompare it puts `-` (0x2D) before `[` (0x5B).
 */
function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function peerLabel(
  peer: ConnectivityPeer,
  workloadOfPod: ReadonlyMap<string, string>,
): string {
  if ('ipRange' in peer)
    return `${peer.ipRange.first}-${peer.ipRange.last}[External]`;
  const key = `${peer.pod.namespace}/${peer.pod.name}`;
  const workload = workloadOfPod.get(key);
  if (workload === undefined)
    throw new Error(`no workload known for pod ${key}`);
  return workload;
}

/** `All Connections`, or protocol groups (SCTP, TCP, UDP) of comma-separated ports. */
export function formatConnections(ranges: readonly PortRange[]): string {
  if (coversAllPorts(ranges)) return 'All Connections';
  return PROTOCOLS.flatMap(protocol => {
    const items = ranges
      .filter(r => r.protocol === protocol)
      .map(r => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`));
    return items.length > 0 ? [`${protocol} ${items.join(',')}`] : [];
  }).join(',');
}
