import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { devCluster, responseError } from '../../__testUtils__/fixtures';
import { CertificatesCard } from './CertificatesCard';

const certificates = devCluster.certificates;

describe('CertificatesCard', () => {
  it('shows progress while loading', async () => {
    await renderInTestApp(<CertificatesCard loading />);

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderInTestApp(
      <CertificatesCard
        error={responseError(
          403,
          'Missing permission aks-baseline.cluster.read',
        )}
      />,
    );

    expect(
      screen.getByText('Missing permission aks-baseline.cluster.read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/You may not read the AKS fleet/),
    ).toBeInTheDocument();
  });

  it('says when the chain has no certificates', async () => {
    await renderInTestApp(<CertificatesCard certificates={[]} />);

    expect(
      screen.getByText(/No certificates on this chain/),
    ).toBeInTheDocument();
  });

  it('lists each certificate with purpose, Key Vault secret, expiry and days left', async () => {
    await renderInTestApp(<CertificatesCard certificates={certificates} />);

    const rows = within(screen.getByRole('table', { name: 'Certificates' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(3);
    const [edge, trustRoot, ingress] = rows.map(r => within(r));
    expect(edge.getByText('Edge (App Gateway listener)')).toBeInTheDocument();
    expect(edge.getByText('gateway-external-pfx-cert')).toBeInTheDocument();
    expect(
      edge.getByText('kv-aks-dev-neu / gateway-external-pfx-cert'),
    ).toBeInTheDocument();
    expect(edge.getByText('2026-12-17')).toBeInTheDocument();
    expect(edge.getByText('expires in 21 days')).toBeInTheDocument();
    expect(edge.getByText('warning')).toBeInTheDocument();
    expect(trustRoot.getByText('expires in 5 days')).toBeInTheDocument();
    expect(trustRoot.getByText('critical')).toBeInTheDocument();
    // "expired 3 days ago" says its status already.
    expect(ingress.getByText('expired 3 days ago')).toBeInTheDocument();
    expect(ingress.getByText('Ingress (Traefik)')).toBeInTheDocument();
  });

  it('says why an expiry is unknown', async () => {
    await renderInTestApp(
      <CertificatesCard
        certificates={[
          {
            purpose: 'edge',
            name: 'uploaded-cert',
            status: 'unknown',
            statusText: 'unknown',
            error: '403 Forbidden: no Reader on the vault',
          },
        ]}
      />,
    );

    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(
      screen.getByText('403 Forbidden: no Reader on the vault'),
    ).toBeInTheDocument();
    expect(screen.getByText('not in Key Vault')).toBeInTheDocument();
  });

  it('flags a served certificate that differs from Key Vault', async () => {
    await renderInTestApp(
      <CertificatesCard
        certificates={[
          {
            ...certificates[0],
            served: {
              subject: 'CN=dev.contoso-demo.com',
              issuer: 'CN=Contoso CA',
              notAfter: '2026-12-01T00:00:00.000Z',
              fingerprint256: 'AB:CD',
              hostMatches: true,
              matchesKeyVault: false,
            },
          },
          {
            ...certificates[1],
            served: {
              subject: 'CN=x',
              issuer: 'CN=Contoso CA',
              notAfter: '2027-01-01T00:00:00.000Z',
              fingerprint256: 'EF:01',
              hostMatches: true,
              matchesKeyVault: true,
            },
          },
        ]}
      />,
    );

    expect(screen.getByText('differs from Key Vault')).toBeInTheDocument();
    expect(
      screen.getByText(/served: CN=dev.contoso-demo.com, until 2026-12-01/),
    ).toBeInTheDocument();
    expect(screen.getByText('matches Key Vault')).toBeInTheDocument();
  });
});
