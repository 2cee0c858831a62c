import {
  CertificateInfo,
  ClusterSnapshot,
  ClusterSummary,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { worstHopStatus } from '../chain/hopStatus';

const CERT_STATUS: Record<CertificateInfo['status'], HopStatus> = {
  ok: 'ok',
  warning: 'warning',
  critical: 'error',
  expired: 'error',
  unknown: 'not-observed',
};

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
    errorCount: snapshot.errors.length,
    refreshedAt: snapshot.refreshedAt,
  };
}

function controlsStatus(failing: Array<{ severity: string }>): HopStatus {
  if (failing.some(c => c.severity !== 'low')) return 'error';
  return failing.length > 0 ? 'warning' : 'ok';
}
