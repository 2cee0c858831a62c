import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { parseArmId } from '@aks-baseline/plugin-aks-baseline-common';
import { certificateOn, ExpiryThresholds } from './certificates';
import { withCertificateJudgements } from '../chain/certificateBoundary';
import {
  controlsFedBy,
  describeGaps,
  ListingGap,
  sectionsFedBy,
  SnapshotSection,
} from './listingGaps';

const SECTION_NAMES: Record<SnapshotSection, string> = {
  ingress: 'ingress chains',
  certificates: 'certificates',
  egress: 'egress path',
  keyVault: 'Key Vault path',
};

export interface KeptSnapshot {
  snapshot: ClusterSnapshot;
  /** Why part of the data is not from this refresh; absent when all of it is. */
  staleReason?: string;
  /** Whether the certificates are this refresh's (so worth recording in the history). */
  certificatesObserved: boolean;
}

/**
 * A cluster whose refresh left some inputs unknown: the sections and
 * controls those inputs feed are taken from its last good snapshot (the
 * certificates counted down to `now`), the rest is this refresh's. Without a
 * last good snapshot the fresh one stands, its unknown parts saying so.
 */
export function keepLastGood(
  fresh: ClusterSnapshot,
  gaps: ListingGap[],
  lastGood: ClusterSnapshot | undefined,
  clock: { now: Date; thresholds: ExpiryThresholds },
): KeptSnapshot {
  const sections = sectionsFedBy(gaps);
  const controlIds = controlsFedBy(gaps);
  const failure = describeGaps(gaps);
  if (!lastGood) {
    return {
      snapshot: fresh,
      staleReason: `${failure}; not observed until that list succeeds`,
      certificatesObserved: !sections.has('certificates'),
    };
  }
  const kept = <K extends SnapshotSection>(section: K) =>
    sections.has(section) ? lastGood[section] : fresh[section];
  const lastControls = new Map(lastGood.controls.map(c => [c.id, c]));
  const snapshot: ClusterSnapshot = withCertificateJudgements(
    {
      ...fresh,
      ingress: kept('ingress'),
      egress: kept('egress'),
      keyVault: kept('keyVault'),
      certificates: sections.has('certificates')
        ? lastGood.certificates.map(c =>
            certificateOn(c, clock.now, clock.thresholds),
          )
        : fresh.certificates,
      controls: fresh.controls.map(c =>
        controlIds.has(c.id) ? lastControls.get(c.id) ?? c : c,
      ),
    },
    clock,
  );
  const what = [
    ...[...sections].map(s => SECTION_NAMES[s]),
    ...(controlIds.size > 0 ? [`controls ${[...controlIds].join(', ')}`] : []),
  ];
  return {
    snapshot,
    staleReason: `${failure}; kept the ${what.join(', ')} of ${
      lastGood.refreshedAt
    }`,
    certificatesObserved: !sections.has('certificates'),
  };
}

/**
 * The subscriptions a snapshot's resources live in besides the cluster's
 * own (a hub's gateway or firewall, a shared vault's endpoint).
 */
export function subscriptionsUsedBy(snapshot: ClusterSnapshot): string[] {
  const ids = [
    ...snapshot.ingress.flatMap(c => [
      c.applicationGatewayId,
      ...c.hops.map(h => h.resourceId),
    ]),
    ...snapshot.egress.map(h => h.resourceId),
    ...snapshot.keyVault.map(h => h.resourceId),
  ];
  const subscriptions = ids
    .map(id => (id ? parseArmId(id)?.subscriptionId.toLowerCase() : undefined))
    .filter((s): s is string => !!s);
  return [...new Set(subscriptions)].filter(
    s => s !== snapshot.subscriptionId.toLowerCase(),
  );
}
