import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { devCluster, responseError } from '../../__testUtils__/fixtures';
import { IngressChainCard } from './IngressChainCard';

describe('IngressChainCard', () => {
  it('shows progress while loading', async () => {
    await renderInTestApp(<IngressChainCard loading />);

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error, not a blank card', async () => {
    await renderInTestApp(
      <IngressChainCard
        error={responseError(404, 'Cluster x is not in the fleet snapshot')}
      />,
    );

    expect(
      screen.getByText('Cluster x is not in the fleet snapshot'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Warning: This cluster is not in the fleet snapshot'),
    ).toBeInTheDocument();
  });

  it('says when no listener serves the app host', async () => {
    await renderInTestApp(
      <IngressChainCard
        cluster={{ ...devCluster, ingress: [] }}
        host="missing.contoso-demo.com"
      />,
    );

    expect(
      screen.getByText(
        /No Application Gateway listener .* serves missing\.contoso-demo\.com/,
      ),
    ).toBeInTheDocument();
    // The egress and Key Vault paths still show.
    expect(
      screen.getByRole('list', { name: 'Egress path' }),
    ).toBeInTheDocument();
  });

  it('draws every hop as a named button, left to right, with the TLS boundaries', async () => {
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    const chain = screen.getByRole('list', {
      name: 'Ingress chain for dev.contoso-demo.com',
    });
    expect(
      within(chain)
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      'Internet: ok',
      'Public IP pip-apw-aks-dev-neu: ok',
      'App Gateway apw-aks-dev-neu · listener-https: ok',
      'WAF policy waf-aks-dev-neu: error',
      'Backend settings traefik-https: ok',
      'Traefik (internal load balancer): not observed',
      'Pods: not observed',
    ]);
    expect(
      within(chain)
        .getAllByText(/^TLS /)
        .map(e => e.textContent),
    ).toEqual([
      'TLS terminated at App Gateway',
      'TLS re-encrypted by App Gateway',
      'TLS terminated at Traefik',
    ]);
  });

  it('lists what fails and what was not observed, with the reason', async () => {
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    expect(
      screen.getByText(/WAF-02 WAF in Prevention mode: the policy only logs/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Traefik (internal load balancer), Pods'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/API server not reachable from the portal/),
    ).toBeInTheDocument();
  });

  it('shows the egress and Key Vault paths', async () => {
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    expect(
      within(screen.getByRole('list', { name: 'Egress path' }))
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      'Pods and nodes: ok',
      'Route table rt-aks-dev-neu: ok',
      'Azure Firewall fw-northeurope: ok',
    ]);
    expect(
      screen.getByRole('button', { name: 'Key Vault kv-aks-dev-neu: ok' }),
    ).toBeInTheDocument();
  });

  it('opens a hop with the keyboard and shows its failing control, found vs expected', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    // The first Tab stop of the card is the first hop.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Internet: ok' })).toHaveFocus();
    screen
      .getByRole('button', { name: 'WAF policy waf-aks-dev-neu: error' })
      .focus();
    await user.keyboard('{Enter}');

    const dialog = await screen.findByRole('dialog', {
      name: 'WAF policy waf-aks-dev-neu',
    });
    expect(within(dialog).getByText('WAF-02')).toBeInTheDocument();
    expect(within(dialog).getByText('Found').nextSibling).toHaveTextContent(
      'Detection',
    );
    expect(within(dialog).getByText('Expected').nextSibling).toHaveTextContent(
      'Prevention',
    );
    expect(
      within(dialog).getByText('the policy only logs attacks'),
    ).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows a hop resource id, details and TLS note on click', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    await user.click(
      screen.getByRole('button', {
        name: 'App Gateway apw-aks-dev-neu · listener-https: ok',
      }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/applicationGateways\/apw-aks-dev-neu$/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Https')).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'TLS terminated at App Gateway: the client TLS session ends at App Gateway',
      ),
    ).toBeInTheDocument();
    // A passing control is named, without found vs expected.
    expect(within(dialog).getByText('TLS-01')).toBeInTheDocument();
    expect(within(dialog).queryByText('Expected')).not.toBeInTheDocument();
  });
});

describe('the TLS boundary of a plaintext backend', () => {
  it('says App Gateway does not re-encrypt', async () => {
    const hops = devCluster.ingress[0].hops.map(h =>
      h.kind === 'backend-settings'
        ? {
            ...h,
            tls: { boundary: 'plaintext' as const, note: 'not encrypted' },
          }
        : h,
    );
    await renderInTestApp(
      <IngressChainCard
        cluster={{
          ...devCluster,
          ingress: [{ ...devCluster.ingress[0], hops }],
        }}
      />,
    );

    expect(
      screen.getByText('not re-encrypted: HTTP to Traefik'),
    ).toBeInTheDocument();
  });

  it("lists the firewall's answer for each required egress flow, blocked first, with the deciding rule", async () => {
    const flow = (destination: string, allowed: boolean, rule?: string) => ({
      requirement: `https:${destination}:443`,
      components: ['aks' as const],
      destination,
      protocol: 'Https' as const,
      port: 443,
      why: 'needed',
      allowed,
      ...(rule ? { rule } : {}),
      verdict: rule
        ? `${allowed ? 'allowed' : 'denied'} by ${rule}`
        : 'default deny',
    });
    const egress = devCluster.egress.map(h =>
      h.kind === 'firewall'
        ? {
            ...h,
            egressFlows: [
              flow('mcr.microsoft.com', true, 'rcg/aks/aks-core'),
              flow('github.com', false),
              flow('example.org', false, 'rcg/deny/no-example'),
            ],
          }
        : h,
    );
    await renderInTestApp(
      <IngressChainCard cluster={{ ...devCluster, egress }} />,
    );

    expect(
      screen.getByText('Required egress flows: 1 of 3 allowed, 2 blocked'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Required egress flows' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      ['Blocked', 'github.com:443 (Https)', 'aks', 'default deny'],
      ['Blocked', 'example.org:443 (Https)', 'aks', 'rcg/deny/no-example'],
      ['Allowed', 'mcr.microsoft.com:443 (Https)', 'aks', 'rcg/aks/aks-core'],
    ]);
  });

  it('shows no flow table when the firewall rules were not judged', async () => {
    await renderInTestApp(<IngressChainCard cluster={devCluster} />);

    expect(
      screen.queryByRole('table', { name: 'Required egress flows' }),
    ).not.toBeInTheDocument();
  });
});
