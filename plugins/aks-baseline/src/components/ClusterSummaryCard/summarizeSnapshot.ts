import {
  CertificateInfo,
  ClusterSnapshot,
  ControlResult,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';

/*
 * The cluster Overview tab's summary: what the AKS Baseline tab says, in
 * four lines. Worst status as a chain's is judged (an unseen hop makes it
 * "not observed", never "ok"), reasons worst first.
 */

const RANK: Record<HopStatus, number> = {
  error: 3,
  warning: 2,
  'not-observed': 1,
  ok: 0,
};

/** What the summary card shows. */
export interface SnapshotSummary {
  worstStatus: HopStatus;
  /** Why, worst first: failing controls, then warnings, then unseen hops. */
  reasons: string[];
  soonestExpiry?: CertificateInfo;
  failingControls: ControlResult[];
}

function worst(statuses: HopStatus[]): HopStatus {
  return statuses.reduce<HopStatus>(
    (w, s) => (RANK[s] > RANK[w] ? s : w),
    'ok',
  );
}

/** The summary of one cluster's snapshot. */
export function summarizeSnapshot(snapshot: ClusterSnapshot): SnapshotSummary {
  const hops = [...snapshot.egress, ...snapshot.keyVault];
  const failing = snapshot.controls.filter(c => c.status === 'fail');
  const warnings = snapshot.controls.filter(c => c.status === 'warning');
  const statuses: HopStatus[] = [
    ...snapshot.ingress.map(chain => chain.status),
    ...hops.map(hop => hop.status),
  ];
  if (failing.length) statuses.push('error');
  if (warnings.length) statuses.push('warning');
  const unseen = [
    ...new Set(
      [...snapshot.ingress.flatMap(chain => chain.hops), ...hops]
        .filter(hop => hop.status === 'not-observed')
        .map(hop => hop.title),
    ),
  ];
  const reasons = [
    ...failing.map(c => `${c.id} ${c.title}: ${c.reason}`),
    ...warnings.map(c => `${c.id} ${c.title}: ${c.reason}`),
    ...(unseen.length ? [`not observed: ${unseen.join(', ')}`] : []),
  ];
  const dated = snapshot.certificates.filter(
    (c): c is CertificateInfo & { daysLeft: number } =>
      typeof c.daysLeft === 'number',
  );
  const soonestExpiry = dated.sort((a, b) => a.daysLeft - b.daysLeft)[0];
  return {
    worstStatus: worst(statuses),
    reasons,
    soonestExpiry,
    failingControls: failing,
  };
}
