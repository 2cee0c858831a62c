import {
  ControlResult,
  IngressChain,
} from '@aks-baseline/plugin-aks-baseline-common';

const STATUS_RANK: Record<ControlResult['status'], number> = {
  fail: 0,
  warning: 1,
  'not-observed': 2,
  pass: 3,
  'not-applicable': 4,
};

/**
 * The controls judged on the chains' hops (and their TLS boundaries'
 * certificates, by the hop's control ids), failures first, each once.
 */
export function controlsOnChains(
  chains: IngressChain[],
  controls: ControlResult[],
): ControlResult[] {
  const ids = new Set(
    chains.flatMap(chain => chain.hops.flatMap(hop => hop.controlIds)),
  );
  return controls
    .filter(control => ids.has(control.id))
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
}
