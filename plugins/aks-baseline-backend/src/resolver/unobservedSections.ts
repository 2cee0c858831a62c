import type {
  CertificateInfo,
  ChainHop,
  ClusterSnapshot,
  IngressChain,
} from '@aks-baseline/plugin-aks-baseline-common';
import { notObserved } from '../chain/hopStatus';
import {
  controlsFedBy,
  describeGaps,
  gatewaysUnknown,
  ListingGap,
  sectionsFedBy,
  uniqueErrors,
} from './listingGaps';

/**
 * What a snapshot may claim when failed lists left some of its inputs
 * unknown: every hop, certificate and control they feed says it was not
 * observed and why, and a section they emptied gets a placeholder, because
 * an empty chain list would read as "no App Gateway in front of it".
 */
export function withUnobservedSections(
  snapshot: ClusterSnapshot,
  gaps: ListingGap[],
): ClusterSnapshot {
  if (gaps.length === 0) return snapshot;
  const reason = describeGaps(gaps);
  const sections = sectionsFedBy(gaps);
  const controlIds = controlsFedBy(gaps);
  const hop = (h: ChainHop): ChainHop => ({
    ...h,
    status: 'not-observed',
    statusText: `not observed: ${reason}`,
  });
  return {
    ...snapshot,
    ingress: sections.has('ingress')
      ? unobservedChains(snapshot.ingress, hop, reason)
      : snapshot.ingress,
    egress: sections.has('egress') ? snapshot.egress.map(hop) : snapshot.egress,
    keyVault: sections.has('keyVault')
      ? orPlaceholder(
          snapshot.keyVault.map(hop),
          notObserved({ kind: 'key-vault', title: 'Key Vault' }, reason),
        )
      : snapshot.keyVault,
    certificates: sections.has('certificates')
      ? unobservedCertificates(snapshot.certificates, reason, gaps)
      : snapshot.certificates,
    controls: snapshot.controls.map(c =>
      controlIds.has(c.id) ? { ...c, status: 'not-observed', reason } : c,
    ),
    errors: uniqueErrors([...snapshot.errors, ...gaps.map(g => g.error)]),
  };
}

function unobservedChains(
  chains: IngressChain[],
  hop: (h: ChainHop) => ChainHop,
  reason: string,
): IngressChain[] {
  return orPlaceholder(
    chains.map(chain => ({
      ...chain,
      status: 'not-observed' as const,
      hops: chain.hops.map(hop),
    })),
    {
      host: '(unknown)',
      status: 'not-observed',
      hops: [
        notObserved({ kind: 'listener', title: 'Application Gateway' }, reason),
      ],
    },
  );
}

function unobservedCertificates(
  certificates: CertificateInfo[],
  reason: string,
  gaps: ListingGap[],
): CertificateInfo[] {
  const unknown = certificates.map(c => ({
    ...c,
    status: 'unknown' as const,
    statusText: `not observed: ${reason}`,
  }));
  const edgeMissing =
    gatewaysUnknown(gaps) && !unknown.some(c => c.purpose === 'edge');
  return edgeMissing
    ? [
        {
          purpose: 'edge',
          name: 'App Gateway listener certificates',
          status: 'unknown',
          statusText: `not observed: ${reason}`,
        },
        ...unknown,
      ]
    : unknown;
}

function orPlaceholder<T>(items: T[], placeholder: T): T[] {
  return items.length > 0 ? items : [placeholder];
}
