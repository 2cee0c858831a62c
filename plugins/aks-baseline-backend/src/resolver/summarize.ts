import {
  CERTIFICATE_PURPOSE_LABEL,
  CertificateInfo,
  ChainHop,
  ClusterSnapshot,
  ClusterSummary,
  ControlResult,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { worstHopStatus } from '../chain/hopStatus';
import { accessDeniedReason } from './accessDenied';

const CERT_STATUS: Record<CertificateInfo['status'], HopStatus> = {
  ok: 'ok',
  warning: 'warning',
  critical: 'error',
  expired: 'error',
  unknown: 'not-observed',
};

// The certificate reasons say what CERT-01..03 say, with the days left.
const SAID_BY_CERTIFICATES = new Set(['CERT-01', 'CERT-02', 'CERT-03']);

/** A reason for the row's status, and how much it weighs. */
interface Reason {
  status: HopStatus;
  text: string;
}

/** The fleet row of a cluster: what needs attention first. */
export function summarizeCluster(
  snapshot: ClusterSnapshot,
): Omit<ClusterSummary, 'stale' | 'staleReason' | 'entityRef'> {
  const failingControls = snapshot.controls.filter(c => c.status === 'fail');
  const soonest = snapshot.certificates
    .filter(c => c.notAfter)
    .sort((a, b) => a.notAfter!.localeCompare(b.notAfter!))[0];
  const statuses: HopStatus[] = [
    ...snapshot.ingress.map(c => c.status),
    ...snapshot.egress.map(h => h.status),
    ...snapshot.keyVault.map(h => h.status),
    ...snapshot.certificates.map(c => CERT_STATUS[c.status]),
    controlsStatus(failingControls),
    snapshot.errors.length > 0 ? 'warning' : 'ok',
  ];
  return {
    resourceId: snapshot.resourceId,
    name: snapshot.name,
    subscriptionId: snapshot.subscriptionId,
    resourceGroup: snapshot.resourceGroup,
    location: snapshot.location,
    worstStatus: worstHopStatus(statuses),
    soonestExpiry: soonest && {
      name: soonest.name,
      purpose: soonest.purpose,
      notAfter: soonest.notAfter,
      daysLeft: soonest.daysLeft,
      status: soonest.status,
    },
    failingControls: failingControls.length,
    reasons: statusReasons(snapshot),
    errorCount: snapshot.errors.length,
    refreshedAt: snapshot.refreshedAt,
    owner: snapshot.owner,
    subscriptionName: snapshot.subscriptionName,
    accessDenied: accessDeniedReason(snapshot.errors),
  };
}

function controlsStatus(failing: Array<{ severity: string }>): HopStatus {
  if (failing.some(c => c.severity !== 'low')) return 'error';
  return failing.length > 0 ? 'warning' : 'ok';
}

/**
 * Why the row has its status, worst first: every certificate, control, hop
 * and read error that made it worse than ok, each said once.
 */
export function statusReasons(snapshot: ClusterSnapshot): string[] {
  const reasons: Reason[] = [
    // Soonest expiry first: an expired certificate leads.
    ...[...snapshot.certificates]
      .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity))
      .flatMap(certificateReason),
    ...snapshot.controls.flatMap(controlReason),
    ...unexplainedHops(snapshot),
    ...snapshot.errors.map(e => ({
      status: 'warning' as const,
      text: `could not read ${e.kind} ${e.scope}: ${e.message}`,
    })),
  ];
  const rank = (r: Reason) => (r.status === 'error' ? 0 : 1);
  const seen = new Set<string>();
  return reasons
    .map((reason, order) => ({ reason, order }))
    .sort((a, b) => rank(a.reason) - rank(b.reason) || a.order - b.order)
    .map(({ reason }) => reason.text)
    .filter(text => !seen.has(text) && seen.add(text));
}

function certificateReason(certificate: CertificateInfo): Reason[] {
  const status = CERT_STATUS[certificate.status];
  if (status !== 'error' && status !== 'warning') return [];
  const when = certificate.statusText.split('; ')[0];
  return [
    {
      status,
      text: `${CERTIFICATE_PURPOSE_LABEL[certificate.purpose]} ${
        certificate.name
      } ${when}`,
    },
  ];
}

function controlReason(control: ControlResult): Reason[] {
  if (SAID_BY_CERTIFICATES.has(control.id)) return [];
  if (control.status !== 'fail' && control.status !== 'warning') return [];
  const status: HopStatus =
    control.status === 'fail' && control.severity !== 'low'
      ? 'error'
      : 'warning';
  return [
    {
      status,
      text: `${control.id} ${control.title}: ${control.reason.split('; ')[0]}`,
    },
  ];
}

/** Hops that are an error or a warning though no control of theirs fails (a route to nowhere, a blocked NetworkPolicy path...). */
function unexplainedHops(snapshot: ClusterSnapshot): Reason[] {
  const judged = new Set(
    snapshot.controls
      .filter(c => c.status === 'fail' || c.status === 'warning')
      .map(c => c.id),
  );
  const hopReason = (where: string) => (hop: ChainHop) =>
    (hop.status === 'error' || hop.status === 'warning') &&
    !hop.controlIds.some(id => judged.has(id))
      ? [
          {
            status: hop.status,
            text: `${where}${hop.title}: ${hop.statusText.split('; ')[0]}`,
          },
        ]
      : [];
  return [
    ...snapshot.ingress.flatMap(chain =>
      chain.hops.flatMap(hopReason(`${chain.host}: `)),
    ),
    ...snapshot.egress.flatMap(hopReason('egress: ')),
    ...snapshot.keyVault.flatMap(hopReason('Key Vault path: ')),
  ];
}
