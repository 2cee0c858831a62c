import {
  baselineCertificates,
  baselineResources,
} from '../__testUtils__/controlFixtures';
import { evaluateBaselineControls } from './evaluate';
import type { BaselineResources } from './types';

const result = (input: BaselineResources, id: string) =>
  evaluateBaselineControls(input).find(r => r.id === id)!;

/** The baseline with its edge certificate's Key Vault secret carrying no `exp`. */
function edgeWithoutExpiry(): BaselineResources {
  const input = baselineResources();
  const edge = input.certificates!.certificates.find(
    c => c.purpose === 'edge',
  )!;
  delete edge.notAfter;
  delete edge.daysLeft;
  edge.status = 'unknown';
  edge.statusText = 'no expiry set on the Key Vault secret';
  return input;
}

describe('the certificate controls', () => {
  it('names the certificate, its vault and its host in what they found', () => {
    expect(result(baselineResources(), 'CERT-01').found).toBe(
      'gateway-external-pfx-cert in vault kv-aks for bicycle.contoso.com: not after 2027-05-25T12:00:00.000Z (expires in 180 days)',
    );
  });

  it('says "not observed", never "ok", for a certificate whose expiry cannot be read, and how to fix it', () => {
    const input = edgeWithoutExpiry();

    expect(result(input, 'CERT-01')).toMatchObject({
      status: 'not-observed',
      reason:
        'no expiry the portal can read for gateway-external-pfx-cert in vault kv-aks for bicycle.contoso.com: no expiry set on the Key Vault secret',
    });
    expect(result(input, 'CERT-05')).toMatchObject({
      status: 'not-observed',
      reason: expect.stringContaining(
        "gateway-external-pfx-cert in vault kv-aks for bicycle.contoso.com: no expiry set on the Key Vault secret (import the certificate as a Key Vault certificate, or set the secret's expiry",
      ),
    });
  });

  it('leaves CERT-03 and CERT-05 not observed for a Traefik certificate not known to come from Key Vault', () => {
    const input = baselineResources();
    input.certificates = {
      ...baselineCertificates(),
      certificates: baselineCertificates().certificates.map(c =>
        c.purpose === 'ingress'
          ? {
              purpose: 'ingress',
              name: 'Traefik certificate',
              status: 'unknown',
              statusText: 'not observed: API server not reachable',
            }
          : c,
      ),
    };

    expect(result(input, 'CERT-03').status).toBe('not-observed');
    expect(result(input, 'CERT-05')).toMatchObject({
      status: 'not-observed',
      reason: expect.stringContaining(
        "Traefik's certificate is not known to come from Key Vault",
      ),
    });
  });

  it('says the effect and the fix of an expired Traefik certificate', () => {
    const input = baselineResources();
    input.certificates!.certificates.find(
      c => c.purpose === 'ingress',
    )!.notAfter = '2026-11-23T12:00:00.000Z';

    expect(result(input, 'CERT-03')).toMatchObject({
      status: 'fail',
      reason:
        "traefik-ingress-internal-aks-ingress-tls expired 3 days ago: App Gateway refuses Traefik's certificate: users get 502; renew traefik-ingress-internal-aks-ingress-tls in Key Vault kv-aks; the CSI driver mounts the new version when secret rotation is on (SEC-02), else restart Traefik",
    });
  });
});
