import { TlsBoundaryInfo } from '@aks-baseline/plugin-aks-baseline-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TlsBoundaryMarker } from './TlsBoundaryMarker';

const expiredAtTraefik: TlsBoundaryInfo = {
  boundary: 'terminates',
  note: 'the re-encrypted session ends at Traefik',
  certificateNames: ['traefik-ingress-internal-aks-ingress-tls'],
  status: 'error',
  certificate: {
    name: 'traefik-ingress-internal-aks-ingress-tls',
    purpose: 'ingress',
    vaultName: 'kv-aks-dev-neu',
    notAfter: '2026-12-04T00:00:00.000Z',
    daysLeft: -3,
    status: 'expired',
    statusText: 'expired 3 days ago',
  },
  fix: "App Gateway refuses Traefik's certificate: users get 502; renew traefik-ingress-internal-aks-ingress-tls in Key Vault kv-aks-dev-neu",
};

describe('TlsBoundaryMarker', () => {
  it('turns red with the days when the certificate that makes it has expired, and says the fix on hover', async () => {
    const { container } = await renderInTestApp(
      <TlsBoundaryMarker
        tls={expiredAtTraefik}
        text="TLS terminated at Traefik"
      />,
    );

    expect(
      screen.getByText('certificate expired 3 days ago'),
    ).toBeInTheDocument();
    const marker = container.querySelector('[data-tls-status]')!;
    expect(marker.getAttribute('data-tls-status')).toBe('error');
    expect(marker.getAttribute('title')).toMatch(
      /Fix: App Gateway refuses Traefik's certificate: users get 502; renew traefik-ingress-internal-aks-ingress-tls in Key Vault kv-aks-dev-neu/,
    );
  });

  it('stays a plain green lock when the certificate has months left', async () => {
    await renderInTestApp(
      <TlsBoundaryMarker
        tls={{
          ...expiredAtTraefik,
          status: 'ok',
          fix: undefined,
          certificate: {
            ...expiredAtTraefik.certificate!,
            daysLeft: 200,
            status: 'ok',
            statusText: 'expires in 200 days',
          },
        }}
        text="TLS terminated at Traefik"
      />,
    );

    expect(screen.queryByText(/^certificate /)).not.toBeInTheDocument();
    expect(screen.getByText('TLS terminated at Traefik')).toBeInTheDocument();
  });
});
