import { TraceResponse } from '@aks-baseline/plugin-aks-baseline-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { aksBaselineApiRef } from '../../api';
import { TracePanel } from './TracePanel';

const cluster = {
  subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  resourceGroup: 'rg-aks-staging-weu',
  name: 'aks-staging-weu',
};
const gateway = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.Network/applicationGateways/apw-aks-staging-weu`;

const stopped: TraceResponse = {
  direction: 'inbound',
  verdict: 'stopped',
  decidingStep: 1,
  summary:
    '203.0.113.10 -> https://shop.staging.contoso-demo.com:443/ is stopped at Backend settings',
  steps: [
    {
      kind: 'listener',
      title: 'Listener',
      outcome: 'passed',
      text: 'listener listener-https takes it',
      decidedBy: { name: 'listener-https', resourceId: gateway },
    },
    {
      kind: 'backend-settings',
      title: 'Backend settings',
      outcome: 'stopped',
      text: 'sends HTTP to port 80, but Traefik listens on 443',
      decidedBy: {
        name: 'aks-ingress-backendpool-httpsettings',
        resourceId: gateway,
      },
      fix: 'set aks-ingress-backendpool-httpsettings to HTTPS on port 443',
    },
    {
      kind: 'network-policy',
      title: 'NetworkPolicy (Traefik to pod)',
      outcome: 'stopped',
      text: 'denied',
      afterStop: true,
      decidedBy: {
        name: 'storefront/allow-ingress-from-traefik',
        kubernetesObject: 'NetworkPolicy storefront/allow-ingress-from-traefik',
      },
    },
  ],
  refreshedAt: '2026-11-26T12:00:00Z',
  stale: false,
};

describe('TracePanel', () => {
  it("is prefilled for an app, sends the form as the route's body, and names the stopping hop and its rule", async () => {
    const traceCluster = jest.fn().mockResolvedValue(stopped);
    await renderInTestApp(
      <TestApiProvider apis={[[aksBaselineApiRef, { traceCluster }]]}>
        <TracePanel
          cluster={cluster}
          defaults={{
            host: 'shop.staging.contoso-demo.com',
            namespace: 'storefront',
          }}
        />
      </TestApiProvider>,
    );

    expect(screen.getByLabelText(/^Host/)).toHaveValue(
      'shop.staging.contoso-demo.com',
    );
    expect(screen.getByLabelText(/^Port/)).toHaveValue(443);
    expect(screen.getByLabelText(/^Path/)).toHaveValue('/');
    fireEvent.click(screen.getByRole('button', { name: 'Trace' }));

    const result = screen.getByTestId('trace-result');
    expect(result).toHaveAttribute('aria-live', 'polite');
    expect(
      await within(result).findByRole('heading', {
        name: 'Stopped at Backend settings: aks-ingress-backendpool-httpsettings',
      }),
    ).toBeInTheDocument();
    expect(traceCluster).toHaveBeenCalledWith(cluster, {
      direction: 'inbound',
      clientAddress: '203.0.113.10',
      scheme: 'https',
      host: 'shop.staging.contoso-demo.com',
      port: 443,
      path: '/',
    });
    const hops = within(
      within(result).getByRole('list', { name: 'Trace, hop by hop' }),
    ).getAllByRole('button');
    expect(hops.map(h => h.getAttribute('aria-label'))).toEqual([
      'Listener · listener-https: ok',
      'Backend settings · aks-ingress-backendpool-httpsettings: error',
      'NetworkPolicy (Traefik to pod) · storefront/allow-ingress-from-traefik: error',
    ]);
    expect(
      within(result).getByRole('link', {
        name: /Open apw-aks-staging-weu in the Azure portal/,
      }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@/resource${gateway}/overview`,
    );
    expect(
      within(result).getByText(
        /Smallest change: set aks-ingress-backendpool-httpsettings to HTTPS/,
      ),
    ).toBeInTheDocument();
  });

  it('sends an outbound trace from labels to an FQDN', async () => {
    const traceCluster = jest
      .fn()
      .mockResolvedValue({ ...stopped, direction: 'outbound' });
    await renderInTestApp(
      <TestApiProvider apis={[[aksBaselineApiRef, { traceCluster }]]}>
        <TracePanel cluster={cluster} defaults={{ namespace: 'storefront' }} />
      </TestApiProvider>,
    );

    fireEvent.click(screen.getByLabelText(/Outbound/));
    fireEvent.change(screen.getByLabelText(/^Labels/), {
      target: { value: 'app=storefront-web' },
    });
    fireEvent.change(screen.getByLabelText(/^Destination/), {
      target: { value: 'api.partner.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Trace' }));

    await screen.findByTestId('trace-summary');
    expect(traceCluster).toHaveBeenCalledWith(cluster, {
      direction: 'outbound',
      source: { namespace: 'storefront', labels: { app: 'storefront-web' } },
      destination: { fqdn: 'api.partner.com' },
      port: 443,
      protocol: 'TCP',
    });
  });
});
