import {
  ChainHop,
  ControlResult,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';

/*
 * How a hop of a chain gets its status. Shared by the ARM half of the chain
 * (resolver/) and its in-cluster half (kubernetes/model/): here, so that
 * neither has to import the other's folder.
 */

/**
 * A hop's status follows the controls judged on it: a failing high or medium
 * control is an error, a failing low one or an accepted-with-a-note value is
 * a warning.
 */
export function statusFromControls(
  controlIds: string[],
  controls: ControlResult[],
  okText: string,
): Pick<ChainHop, 'status' | 'statusText'> {
  const relevant = controls.filter(c => controlIds.includes(c.id));
  const failing = relevant.filter(c => c.status === 'fail');
  const warnings = relevant.filter(c => c.status === 'warning');
  const problems = [...failing, ...warnings];
  if (problems.length === 0) {
    const unobserved = relevant.filter(c => c.status === 'not-observed');
    return {
      status: 'ok',
      statusText: [
        okText,
        ...unobserved.map(c => `${c.id} not observed: ${c.reason}`),
      ].join('; '),
    };
  }
  const status: HopStatus = failing.some(c => c.severity !== 'low')
    ? 'error'
    : 'warning';
  return {
    status,
    statusText: problems.map(c => `${c.id} ${c.title}: ${c.reason}`).join('; '),
  };
}

const RANK: Record<HopStatus, number> = {
  error: 3,
  warning: 2,
  ok: 1,
  'not-observed': 0,
};

/**
 * The worst observed status; `not-observed` only when nothing was observed,
 * because private API servers are normal in the baseline and must not hide
 * what the ARM half shows.
 */
export function worstHopStatus(statuses: HopStatus[]): HopStatus {
  return statuses.reduce<HopStatus>(
    (worst, s) => (RANK[s] > RANK[worst] ? s : worst),
    'not-observed',
  );
}

export function notObserved(
  hop: Omit<ChainHop, 'status' | 'statusText' | 'details' | 'controlIds'> &
    Partial<Pick<ChainHop, 'details' | 'controlIds'>>,
  reason: string,
): ChainHop {
  return {
    details: [],
    controlIds: [],
    ...hop,
    status: 'not-observed',
    statusText: `not observed: ${reason}`,
  };
}

const CHAIN_RANK: Record<HopStatus, number> = {
  error: 3,
  warning: 2,
  'not-observed': 1,
  ok: 0,
};

/**
 * A host's chain status: the worst of its hops and TLS boundaries, and
 * `not-observed` (not `ok`) while any hop is unseen, since a packet's fate
 * is only known when every hop is.
 */
export function chainStatus(hops: ChainHop[]): HopStatus {
  const statuses = hops.flatMap(hop => [
    hop.status,
    ...(hop.tls?.status ? [hop.tls.status] : []),
  ]);
  return statuses.reduce<HopStatus>(
    (worst, s) => (CHAIN_RANK[s] > CHAIN_RANK[worst] ? s : worst),
    'ok',
  );
}
