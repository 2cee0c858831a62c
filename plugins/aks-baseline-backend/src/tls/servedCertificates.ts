import {
  CertificateInfo,
  ClusterSnapshot,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import { TlsProbeResult } from './probeServedCertificate';

// Key Vault's `exp` is the certificate's notAfter to the second; a minute of
// slack absorbs rounding without hiding a real rotation (months apart).
const SAME_CERTIFICATE_SLACK_MS = 60_000;

/** Adds what the listener really serves to an edge certificate, and flags a rotation App Gateway has not picked up. */
export function withServedCertificate(
  certificate: CertificateInfo,
  probe: Extract<TlsProbeResult, { ok: true }>,
): CertificateInfo {
  const matchesKeyVault =
    certificate.notAfter === undefined
      ? undefined
      : Math.abs(
          Date.parse(probe.served.notAfter) - Date.parse(certificate.notAfter),
        ) <= SAME_CERTIFICATE_SLACK_MS;
  const notes: string[] = [];
  if (matchesKeyVault === false) {
    notes.push(
      `served certificate expires ${probe.served.notAfter.slice(
        0,
        10,
      )}, Key Vault's ${certificate.notAfter!.slice(
        0,
        10,
      )}: App Gateway has not picked up the rotation`,
    );
  }
  if (!probe.served.hostMatches) {
    notes.push(`served certificate does not cover ${certificate.host}`);
  }
  return {
    ...certificate,
    served: { ...probe.served, matchesKeyVault },
    statusText: [certificate.statusText, ...notes].join('; '),
  };
}

/**
 * Probes every edge certificate's host once per refresh and merges the result
 * into the snapshots; a failed probe is an error on that cluster only.
 */
export async function attachServedCertificates(
  snapshots: ClusterSnapshot[],
  probe: (host: string) => Promise<TlsProbeResult>,
): Promise<ClusterSnapshot[]> {
  const hosts = new Set(
    snapshots.flatMap(s =>
      s.certificates
        .filter(c => c.purpose === 'edge' && c.host)
        .map(c => c.host!),
    ),
  );
  const results = new Map<string, TlsProbeResult>();
  await Promise.all(
    [...hosts].map(async host => results.set(host, await probe(host))),
  );

  return snapshots.map(snapshot => {
    const errors: SourceError[] = [];
    const certificates = snapshot.certificates.map(certificate => {
      const result =
        certificate.purpose === 'edge' && certificate.host
          ? results.get(certificate.host)
          : undefined;
      if (!result) return certificate;
      if (!result.ok) {
        errors.push({
          scope: certificate.host!,
          kind: 'tls-probe',
          message: result.error,
        });
        return certificate;
      }
      return withServedCertificate(certificate, result);
    });
    return {
      ...snapshot,
      certificates,
      errors: [...snapshot.errors, ...errors],
    };
  });
}
