import type { BackendTarget, ServedChain } from '../resolver';
import { backendTargetKey } from '../resolver';
import type { TlsProbeResult } from '../tls/probeServedCertificate';

/**
 * Probes each backend target once: a TLS handshake to the address App
 * Gateway re-encrypts to (Traefik's internal load balancer), with SNI the
 * host name App Gateway sends, so the portal sees the certificate App
 * Gateway's backend handshake sees. Only works where the portal's network
 * reaches that address (a portal in the hub or the spoke).
 */
export async function probeBackendTargets(
  targets: BackendTarget[],
  probe: (target: BackendTarget) => Promise<TlsProbeResult>,
): Promise<Map<string, ServedChain>> {
  const unique = new Map(targets.map(t => [backendTargetKey(t), t]));
  const results = new Map<string, ServedChain>();
  await Promise.all(
    [...unique].map(async ([key, target]) => {
      const result = await probe(target);
      results.set(
        key,
        result.ok
          ? {
              ok: true,
              chainPem: result.chainPem,
              source: `TLS probe of ${target.address}:${target.port} (SNI ${target.backendHost})`,
            }
          : { ok: false, reason: result.error },
      );
    }),
  );
  return results;
}
