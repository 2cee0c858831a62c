import {
  CertificateInfo,
  ClusterSnapshot,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createServer as createTcpServer, Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { AddressInfo } from 'node:net';
import { probeServedCertificate } from './probeServedCertificate';
import {
  attachServedCertificates,
  withServedCertificate,
} from './servedCertificates';
import { makeCertificate } from '../__testUtils__/makeCertificate';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
const servers: Server[] = [];

afterAll(() => servers.forEach(s => s.close()));

async function serve(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A local TLS listener serving a certificate made for `host`, valid until `daysLeft` from now. */
async function listener(host: string, daysLeft: number) {
  const notAfter = new Date(Math.floor((now + daysLeft * DAY) / 1000) * 1000);
  const { key, cert } = makeCertificate({
    host,
    notBefore: new Date(now - 400 * DAY),
    notAfter,
  });
  const port = await serve(
    createTlsServer({ key, cert }, socket => socket.end()),
  );
  return { port, notAfter };
}

const probe = (host: string, port: number, timeoutMs = 3000) =>
  probeServedCertificate(host, {
    port,
    timeoutMs,
    addressFor: () => '127.0.0.1',
  });

function edge(host: string, notAfter: Date): CertificateInfo {
  return {
    purpose: 'edge',
    name: 'gateway-external-pfx-cert',
    host,
    notAfter: notAfter.toISOString(),
    daysLeft: 1,
    status: 'ok',
    statusText: 'expires soon',
  };
}

describe('live TLS probe', () => {
  it('reads what a listener serves, for the host asked with SNI', async () => {
    const { port, notAfter } = await listener('shop.contoso.test', 90);

    const result = await probe('shop.contoso.test', port);

    expect(result).toEqual({
      ok: true,
      // The self-signed certificate, once, as PEM.
      chainPem: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/)],
      served: {
        subject: 'CN=shop.contoso.test',
        issuer: 'CN=shop.contoso.test',
        notAfter: notAfter.toISOString(),
        fingerprint256: expect.stringMatching(
          /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
        ),
        hostMatches: true,
      },
    });
  });

  it('agrees with Key Vault when the served certificate is the one in the vault', async () => {
    const { port, notAfter } = await listener('shop.contoso.test', 90);
    const result = await probe('shop.contoso.test', port);

    const merged = withServedCertificate(
      edge('shop.contoso.test', notAfter),
      result as any,
    );

    expect(merged.served?.matchesKeyVault).toBe(true);
    expect(merged.statusText).toBe('expires soon');
  });

  it('flags an expiring certificate still served after Key Vault was rotated', async () => {
    const { port } = await listener('shop.contoso.test', 5);
    const rotated = new Date(now + 365 * DAY);

    const merged = withServedCertificate(
      edge('shop.contoso.test', rotated),
      (await probe('shop.contoso.test', port)) as any,
    );

    expect(merged.served?.matchesKeyVault).toBe(false);
    expect(merged.statusText).toContain(
      'App Gateway has not picked up the rotation',
    );
  });

  it('sees an expired certificate being served', async () => {
    const { port, notAfter } = await listener('old.contoso.test', -3);

    const result = await probe('old.contoso.test', port);

    expect(result.ok && Date.parse(result.served.notAfter)).toBe(
      notAfter.getTime(),
    );
    expect(notAfter.getTime()).toBeLessThan(Date.now());
  });

  it('notices a certificate that does not cover the host', async () => {
    const { port } = await listener('other.contoso.test', 90);

    const result = await probe('shop.contoso.test', port);

    expect(result).toMatchObject({ ok: true, served: { hostMatches: false } });
    const merged = withServedCertificate(
      edge('shop.contoso.test', new Date(now + 90 * DAY)),
      result as any,
    );
    expect(merged.statusText).toContain('does not cover shop.contoso.test');
  });

  it('gives up on a listener that never completes the handshake', async () => {
    const port = await serve(createTcpServer(() => {}));

    const result = await probe('slow.contoso.test', port, 300);

    expect(result).toEqual({
      ok: false,
      error: `no TLS handshake with slow.contoso.test:${port} within 300 ms`,
    });
  });

  it('attaches a failed probe as an error of that cluster only', async () => {
    const { port, notAfter } = await listener('a.contoso.test', 90);
    const snapshot = (name: string, host: string): ClusterSnapshot => ({
      resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      subscriptionId: 's',
      resourceGroup: 'rg',
      location: 'westeurope',
      ingress: [],
      egress: [],
      keyVault: [],
      controls: [],
      errors: [],
      refreshedAt: new Date(now).toISOString(),
      certificates: [edge(host, notAfter)],
    });

    const [a, b] = await attachServedCertificates(
      [snapshot('a', 'a.contoso.test'), snapshot('b', 'b.contoso.test')],
      host =>
        host === 'a.contoso.test'
          ? probe(host, port)
          : Promise.resolve({
              ok: false,
              error: 'getaddrinfo ENOTFOUND b.contoso.test',
            }),
    );

    expect(a.certificates[0].served?.matchesKeyVault).toBe(true);
    expect(a.errors).toEqual([]);
    expect(b.certificates[0].served).toBeUndefined();
    expect(b.errors).toEqual([
      {
        scope: 'b.contoso.test',
        kind: 'tls-probe',
        message: 'getaddrinfo ENOTFOUND b.contoso.test',
      },
    ]);
  });
});
