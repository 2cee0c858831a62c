import { ServedCertificate } from '@aks-baseline/plugin-aks-baseline-common';
import type { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';

export interface TlsProbeOptions {
  timeoutMs: number;
  port?: number;
  /**
   * Where to connect for a host, when not its DNS name (split DNS, tests).
   * SNI and the host check always use the host itself.
   */
  addressFor?: (host: string) => string | undefined;
}

export type TlsProbeResult =
  | {
      ok: true;
      served: Omit<ServedCertificate, 'matchesKeyVault'>;
      /** The chain as served, leaf first, PEM (public certificates only; never stored). */
      chainPem: string[];
    }
  | { ok: false; error: string };

/**
 * Opens a TLS connection to the host with SNI and reads the certificate it
 * serves. Trust is not checked on purpose: the point is to see what is served,
 * including an expired or wrong certificate. Nothing is sent after the
 * handshake.
 */
export function probeServedCertificate(
  host: string,
  options: TlsProbeOptions,
): Promise<TlsProbeResult> {
  const port = options.port ?? 443;
  return new Promise(resolve => {
    const socket = connect({
      host: options.addressFor?.(host) ?? host,
      port,
      servername: host,
      rejectUnauthorized: false,
    });
    // An idle socket during the handshake means nothing is coming back.
    socket.setTimeout(options.timeoutMs);
    let settled = false;
    const finish = (result: TlsProbeResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.once('timeout', () =>
      finish({
        ok: false,
        error: `no TLS handshake with ${host}:${port} within ${options.timeoutMs} ms`,
      }),
    );
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerX509Certificate();
      if (!certificate) {
        finish({
          ok: false,
          error: `${host}:${port} presented no certificate`,
        });
        return;
      }
      finish({
        ok: true,
        chainPem: servedChainPem(certificate),
        served: {
          subject: certificate.subject.replace(/\n/g, ', '),
          issuer: certificate.issuer.replace(/\n/g, ', '),
          notAfter: new Date(certificate.validTo).toISOString(),
          fingerprint256: certificate.fingerprint256,
          hostMatches: certificate.checkHost(host) !== undefined,
        },
      });
    });
    socket.once('error', error =>
      finish({
        ok: false,
        error: `TLS probe of ${host}:${port} failed: ${error.message}`,
      }),
    );
  });
}

/**
 * The certificates the peer sent, leaf first, up to a self-signed one.
 * (`getPeerCertificate(true)` gives an empty object for some valid
 * certificates; the X509Certificate chain does not.)
 */
function servedChainPem(leaf: X509Certificate): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (
    let certificate: X509Certificate | undefined = leaf;
    certificate && !seen.has(certificate.fingerprint256);
    certificate = certificate.issuerCertificate
  ) {
    seen.add(certificate.fingerprint256);
    chain.push(certificate.toString());
  }
  return chain;
}
