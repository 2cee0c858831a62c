import { createServer, type Server } from 'node:https';
import { createFixtureTls } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { backendTargetKey, type BackendTarget } from '../resolver';
import { backendTrustObservations } from '../resolver/backendTargets';
import { probeServedCertificate } from '../tls/probeServedCertificate';
import { probeBackendTargets } from './probeBackends';

const HOST = 'bu0001a0008-00.aks-ingress.contoso.com';

/** A Traefik stand-in on 127.0.0.1 serving a certificate its CA issued. */
async function traefik(tls: ReturnType<typeof createFixtureTls>) {
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('probeBackendTargets: CERT-04 over a real TLS handshake', () => {
  const issued = createFixtureTls({ hosts: [HOST] });
  const otherCa = createFixtureTls({ hosts: [HOST] });
  let server: Server;
  let port: number;

  beforeAll(async () => ({ server, port } = await traefik(issued)));
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const probe = (target: BackendTarget) =>
    probeServedCertificate(target.backendHost, {
      timeoutMs: 5_000,
      port: target.port,
      addressFor: () => target.address,
    });

  it('reads the chain Traefik serves for the backend host and finds the trust root that anchors it', async () => {
    const targets: BackendTarget[] = [
      {
        backendHost: HOST,
        address: '127.0.0.1',
        port,
        trustRoots: [
          { name: 'old-ca', data: otherCa.caPem },
          { name: 'ingress-ca', data: issued.caPem },
        ],
      },
    ];

    const served = await probeBackendTargets(targets, probe);
    const [trust] = backendTrustObservations(
      targets,
      t => served.get(backendTargetKey(t))!,
    );

    expect(trust.notObservedReason).toBeUndefined();
    expect(trust.served).toMatchObject({
      names: [HOST],
      anchoredBy: ['ingress-ca'],
      source: `TLS probe of 127.0.0.1:${port} (SNI ${HOST})`,
    });
  });

  it('says why when nothing answers', async () => {
    const targets: BackendTarget[] = [
      { backendHost: HOST, address: '127.0.0.1', port: 1, trustRoots: [] },
    ];

    const served = await probeBackendTargets(targets, probe);

    expect(served.get(backendTargetKey(targets[0]))).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /TLS probe of .* failed: connect ECONNREFUSED/,
      ),
    });
  });
});
