import { evaluateBaselineControls } from '@aks-baseline/plugin-aks-baseline-common';
import { createFixtureTls } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { makeCertificate } from '../__testUtils__/makeCertificate';
import { backendTrustOf } from './backendTrust';

const HOST = 'bu0001a0008-00.aks-ingress.contoso.com';
const now = new Date();
const DAY = 24 * 60 * 60 * 1000;

/** CERT-04 on the facts `backendTrustOf` found, as the shared control judges them. */
function cert04(observation: ReturnType<typeof backendTrustOf>) {
  return evaluateBaselineControls({
    certificates: {
      at: now.toISOString(),
      thresholds: { warningDays: 30, criticalDays: 7 },
      certificates: [],
      backendTrust: [observation],
    },
  }).find(r => r.id === 'CERT-04')!;
}

describe('backendTrustOf (CERT-04 facts from real certificates)', () => {
  // The reference's shape: Traefik serves a self-signed wildcard, and App
  // Gateway trusts that same certificate (made with openssl).
  const wildcard = makeCertificate({
    host: '*.aks-ingress.contoso.com',
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 300 * DAY),
  });
  // A CA and a leaf it issued (made with Node's crypto).
  const issued = createFixtureTls({ hosts: [HOST] });
  const otherCa = createFixtureTls({ hosts: [HOST] });

  it('is anchored when App Gateway trusts the very certificate Traefik serves', () => {
    const trust = backendTrustOf({
      backendHost: HOST,
      trustRoots: [
        { name: 'root-cert-wildcard-aks-ingress', data: wildcard.cert },
      ],
      served: {
        chainPem: [wildcard.cert],
        source: 'TLS probe of 10.240.4.4:443',
      },
    });

    expect(trust.served).toEqual({
      subject: 'CN=*.aks-ingress.contoso.com',
      names: ['*.aks-ingress.contoso.com'],
      anchoredBy: ['root-cert-wildcard-aks-ingress'],
      source: 'TLS probe of 10.240.4.4:443',
    });
    expect(cert04(trust).status).toBe('pass');
  });

  it('is anchored by the CA that issued the served certificate, given as base64 DER', () => {
    const der = issued.caPem
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, '');
    const trust = backendTrustOf({
      backendHost: HOST,
      trustRoots: [{ name: 'ingress-ca', data: der }],
      served: { chainPem: [issued.certPem], source: 'probe' },
    });

    expect(trust.served?.anchoredBy).toEqual(['ingress-ca']);
    expect(cert04(trust).status).toBe('pass');
  });

  it('fails when the trust root does not anchor the served certificate (a rotation to another CA)', () => {
    const trust = backendTrustOf({
      backendHost: HOST,
      trustRoots: [{ name: 'old-ca', data: otherCa.caPem }],
      served: { chainPem: [issued.certPem], source: 'probe' },
    });

    expect(trust.served?.anchoredBy).toEqual([]);
    const result = cert04(trust);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /no trusted root of the backend settings \(old-ca\) anchors the certificate Traefik serves: App Gateway marks the backend unhealthy \(502\)/,
    );
  });

  it('fails when no name on the served certificate covers the backend host name', () => {
    const trust = backendTrustOf({
      backendHost: 'orders.internal.contoso.com',
      trustRoots: [{ name: 'root', data: wildcard.cert }],
      served: { chainPem: [wildcard.cert], source: 'probe' },
    });

    const result = cert04(trust);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /no name on Traefik's certificate covers the backend host name orders\.internal\.contoso\.com/,
    );
  });

  it('is not observed, saying why, when the trust root is only a Key Vault reference', () => {
    const trust = backendTrustOf({
      backendHost: HOST,
      trustRoots: [{ name: 'root-cert-wildcard-aks-ingress' }],
      served: { chainPem: [wildcard.cert], source: 'probe' },
    });

    expect(trust.served).toBeUndefined();
    const result = cert04(trust);
    expect(result.status).toBe('not-observed');
    expect(result.reason).toMatch(/has no public certificate in ARM/);
  });

  it('is not observed when nothing was served', () => {
    const trust = backendTrustOf({
      backendHost: HOST,
      trustRoots: [{ name: 'root', data: wildcard.cert }],
      notObservedReason: 'the TLS probe is off (aksBaseline.tlsProbe.enabled)',
    });

    expect(cert04(trust)).toMatchObject({
      status: 'not-observed',
      reason: expect.stringMatching(/the TLS probe is off/),
    });
  });
});
