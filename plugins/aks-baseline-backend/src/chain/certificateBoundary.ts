import {
  CertificateInfo,
  CertificatePurpose,
  ChainHop,
  ClusterSnapshot,
  ControlResult,
  ExpiryStatus,
  ExpiryThresholds,
  expiredCertificateEffect,
  HopStatus,
  IngressChain,
  judgeCertificateValidity,
  renewalAdvice,
} from '@aks-baseline/plugin-aks-baseline-common';
import { chainStatus } from './hopStatus';

/*
 * A TLS boundary is only as good as the certificate that makes it: the
 * listener's edge certificate, the trust root App Gateway re-encrypts
 * against, Traefik's own certificate. An expired one is what a packet
 * meets there, so it is the boundary's state, even where the hop beyond it
 * could not be read.
 */

const ATTENTION: Record<ExpiryStatus, number> = {
  expired: 0,
  critical: 1,
  warning: 2,
  unknown: 3,
  ok: 4,
};

/** Expired: the handshake fails. Critical: it fails within days. */
const BOUNDARY_STATUS: Record<ExpiryStatus, HopStatus | undefined> = {
  expired: 'error',
  critical: 'warning',
  warning: 'ok',
  ok: 'ok',
  unknown: undefined,
};

/** `hop` with its TLS boundary judged by `certificates` (those that make it). */
function withCertificateBoundary(
  hop: ChainHop,
  certificates: CertificateInfo[],
): ChainHop {
  if (!hop.tls || hop.tls.boundary === 'plaintext' || !certificates.length) {
    return hop;
  }
  const first = [...certificates].sort(
    (a, b) => ATTENTION[a.status] - ATTENTION[b.status],
  )[0];
  const status = BOUNDARY_STATUS[first.status];
  const needsRenewal = ['expired', 'critical', 'warning'].includes(
    first.status,
  );
  const fix = needsRenewal
    ? `${
        first.status === 'expired'
          ? `${expiredCertificateEffect(first.purpose)}; `
          : ''
      }${renewalAdvice(first)}`
    : undefined;
  return {
    ...hop,
    tls: {
      ...hop.tls,
      ...(status ? { status } : {}),
      certificate: {
        name: first.name,
        purpose: first.purpose,
        vaultName: first.vaultName,
        notAfter: first.notAfter,
        daysLeft: first.daysLeft,
        status: first.status,
        statusText: first.statusText,
      },
      ...(fix ? { fix } : {}),
    },
    details: [
      ...hop.details,
      ...certificates.map(c => ({
        label: 'Certificate expiry',
        value: `${c.name}${c.vaultName ? ` (vault ${c.vaultName})` : ''}: ${
          c.statusText
        }`,
      })),
      ...(fix ? [{ label: 'Fix', value: fix }] : []),
    ],
  };
}

/** Which certificates make the TLS boundary into a hop of this kind. */
const BOUNDARY_PURPOSE: Partial<Record<ChainHop['kind'], CertificatePurpose>> =
  {
    listener: 'edge',
    'backend-settings': 'backend-trust-root',
    traefik: 'ingress',
  };

/** Names the certificates that make `hop`'s TLS boundary, for `withCertificateJudgements`. */
export function namingBoundaryCertificates(
  hop: ChainHop,
  certificates: Partial<Record<CertificatePurpose, CertificateInfo[]>>,
): ChainHop {
  const purpose = BOUNDARY_PURPOSE[hop.kind];
  const names = (purpose && certificates[purpose]?.map(c => c.name)) || [];
  if (!hop.tls || hop.tls.boundary === 'plaintext' || names.length === 0) {
    return hop;
  }
  return { ...hop, tls: { ...hop.tls, certificateNames: names } };
}

const DERIVED_DETAILS = new Set(['Certificate expiry', 'Fix']);

/** A hop as drawn before its certificates were judged (so judging is repeatable). */
function unjudged(hop: ChainHop): ChainHop {
  if (!hop.tls) return hop;
  const { status: _s, certificate: _c, fix: _f, ...tls } = hop.tls;
  return {
    ...hop,
    tls,
    details: hop.details.filter(d => !DERIVED_DETAILS.has(d.label)),
  };
}

function judgedChain(
  chain: IngressChain,
  certificates: CertificateInfo[],
): IngressChain {
  const hops = chain.hops.map(hop => {
    const plain = unjudged(hop);
    const purpose = BOUNDARY_PURPOSE[hop.kind];
    const names = plain.tls?.certificateNames ?? [];
    const making = certificates.filter(
      c =>
        c.purpose === purpose &&
        names.includes(c.name) &&
        (purpose !== 'edge' || !c.host || c.host === chain.host),
    );
    return withCertificateBoundary(plain, making);
  });
  return { ...chain, hops, status: chainStatus(hops) };
}

/**
 * The parts of a snapshot that follow from its certificates, judged on the
 * certificates it ends up with: the chain's TLS boundaries and CERT-01..03.
 * Run last, so that certificates kept from an earlier refresh (a list failed)
 * and counted down are what the boundaries and the controls show.
 */
export function withCertificateJudgements(
  snapshot: ClusterSnapshot,
  clock: { now: Date; thresholds: ExpiryThresholds },
): ClusterSnapshot {
  const observations = {
    at: clock.now.toISOString(),
    thresholds: clock.thresholds,
    certificates: snapshot.certificates,
  };
  const gatewaysKnown = snapshot.ingress.some(c => !!c.applicationGatewayId);
  const controls = snapshot.controls.map((control): ControlResult => {
    const judgement = judgeCertificateValidity(
      control.id,
      observations,
      gatewaysKnown,
    );
    if (!judgement) return control;
    const { resourceId: _r, ...rest } = control;
    return { ...rest, ...judgement };
  });
  return {
    ...snapshot,
    ingress: snapshot.ingress.map(c => judgedChain(c, snapshot.certificates)),
    controls,
  };
}
