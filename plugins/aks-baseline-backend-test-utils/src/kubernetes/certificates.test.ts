import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import { connect } from 'node:tls';
import { createFixtureTls } from './certificates';

/**
 * Random serials once made about one fixture in 128 unreadable: a serial
 * whose first byte came out zero was written with a redundant leading zero,
 * which DER forbids and OpenSSL refuses ("illegal padding"), so a TLS
 * handshake with the fixture API server failed now and then.
 */
describe('createFixtureTls', () => {
  // Leading zeros before a small byte; a zero before a high bit (stays one
  // zero); a high bit (needs one zero in front); zero itself; the largest.
  const serials = ['00000102', '009f0102', '80010203', '00000000', '7fffffff'];

  it.each(serials)(
    'writes serial 0x%s so that OpenSSL reads both certificates',
    hex => {
      const bytes = Buffer.from(hex, 'hex');
      const tls = createFixtureTls({
        hosts: ['127.0.0.1'],
        serialBytes: () => bytes,
      });
      const ca = new X509Certificate(tls.caPem);
      const server = new X509Certificate(tls.certPem);

      expect(server.checkIssued(ca)).toBe(true);
      expect(server.verify(ca.publicKey)).toBe(true);
      expect(BigInt(`0x${ca.serialNumber}`)).toBe(BigInt(`0x${hex}`));
    },
  );

  it('serves a handshake a verifying client accepts, with a zero-led serial', async () => {
    const tls = createFixtureTls({
      hosts: ['127.0.0.1'],
      serialBytes: () => Buffer.from([0x00, 0x01, 0x02, 0x03]),
    });
    const server = createServer({ key: tls.keyPem, cert: tls.certPem });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const authorized = await new Promise<boolean>((resolve, reject) => {
        const socket = connect(
          { host: '127.0.0.1', port, ca: tls.caPem },
          () => {
            resolve(socket.authorized);
            socket.destroy();
          },
        );
        socket.once('error', reject);
      });
      expect(authorized).toBe(true);
    } finally {
      server.close();
    }
  });
});
