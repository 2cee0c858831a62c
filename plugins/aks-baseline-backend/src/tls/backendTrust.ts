import { X509Certificate } from 'node:crypto';
import type { BackendTrustObservation } from '@aks-baseline/plugin-aks-baseline-common';

/** A trusted root of App Gateway's backend settings, with its public certificate when ARM gives it. */
export interface TrustRoot {
  name: string;
  /** `trustedRootCertificates[].properties.data`: PEM, or base64 DER. */
  data?: string;
}

/**
 * What App Gateway would make of the certificate chain Traefik serves for
 * `backendHost` (CERT-04's facts): which trust roots anchor it, and the names
 * it carries. The check runs here, at the edge, with Node's X.509; the
 * judgement (and its words) is the shared control's.
 */
export function backendTrustOf(options: {
  backendHost: string;
  trustRoots: TrustRoot[];
  /** The served chain, leaf first, PEM; absent: not read (say why). */
  served?: { chainPem: string[]; source: string };
  notObservedReason?: string;
}): BackendTrustObservation {
  const { backendHost, trustRoots, served } = options;
  const base = { backendHost, trustRoots: trustRoots.map(r => r.name) };
  if (!served || served.chainPem.length === 0) {
    return {
      ...base,
      notObservedReason: options.notObservedReason ?? 'nothing was served',
    };
  }
  const roots = trustRoots.map(r => ({ name: r.name, cert: parse(r.data) }));
  const unreadable = roots.filter(r => !r.cert).map(r => r.name);
  if (unreadable.length > 0) {
    return {
      ...base,
      notObservedReason: `the trusted root ${unreadable.join(
        ', ',
      )} has no public certificate in ARM (referenced from Key Vault, whose data plane the portal does not read)`,
    };
  }
  const chain = served.chainPem.map(pem => new X509Certificate(pem));
  const leaf = chain[0];
  return {
    ...base,
    served: {
      subject: leaf.subject.replace(/\n/g, ', '),
      names: dnsNames(leaf),
      anchoredBy: roots
        .filter(r => anchors(r.cert!, verifiedPath(chain)))
        .map(r => r.name),
      source: served.source,
    },
  };
}

function parse(data: string | undefined): X509Certificate | undefined {
  if (!data) return undefined;
  try {
    return new X509Certificate(
      data.includes('-----BEGIN') ? data : Buffer.from(data, 'base64'),
    );
  } catch {
    return undefined;
  }
}

/** The leaf and each certificate above it that really signed the one below. */
function verifiedPath(chain: X509Certificate[]): X509Certificate[] {
  const path = [chain[0]];
  for (const next of chain.slice(1)) {
    const last = path[path.length - 1];
    if (!last.checkIssued(next) || !last.verify(next.publicKey)) break;
    path.push(next);
  }
  return path;
}

/** A root anchors the path when it is on it, or signed its top. */
function anchors(root: X509Certificate, path: X509Certificate[]): boolean {
  if (path.some(c => c.fingerprint256 === root.fingerprint256)) return true;
  const top = path[path.length - 1];
  return top.checkIssued(root) && top.verify(root.publicKey);
}

/** DNS subject alternative names; the CN only when there are none. */
function dnsNames(certificate: X509Certificate): string[] {
  const sans = (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter(entry => entry.startsWith('DNS:'))
    .map(entry => entry.slice(4));
  if (sans.length > 0) return sans;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  return cn ? [cn] : [];
}
