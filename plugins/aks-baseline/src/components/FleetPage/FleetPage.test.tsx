import {
  ClusterListQuery,
  ListClustersResponse,
} from '@aks-baseline/plugin-aks-baseline-common';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AksBaselineApi, aksBaselineApiRef } from '../../api';
import { pageOf, summary } from '../../__testUtils__/fixtures';
import { FleetPage } from './FleetPage';

// material-table renders slowly in jsdom on a shared 2-core machine; the
// first render of a file alone can pass the 5 s default.
jest.setTimeout(30_000);

// AuthorizeResult is a string enum whose values are these wire strings.
const permissionApi = (result: 'ALLOW' | 'DENY') =>
  ({ authorize: async () => ({ result }) } as unknown as PermissionApi);

const demoFleet: ListClustersResponse = {
  clusters: [
    summary('aks-dev-neu', {
      worstStatus: 'error',
      reasons: [
        'ingress (Traefik) certificate traefik-ingress-internal-aks-ingress-tls expired 3 days ago',
        'backend trust root appgw-ingress-internal-aks-ingress-tls expires in 5 days',
      ],
      soonestExpiry: {
        name: 'traefik-ingress-internal-aks-ingress-tls',
        purpose: 'ingress',
        notAfter: '2026-11-23T12:00:00Z',
        daysLeft: -3,
        status: 'expired',
      },
    }),
    summary('aks-legacy-neu', {
      worstStatus: 'error',
      failingControls: 7,
      stale: true,
      staleReason: 'subscription 9a8b... answered 403',
      errorCount: 2,
    }),
    summary('aks-staging-weu', {
      worstStatus: 'warning',
      failingControls: 3,
      location: 'westeurope',
    }),
    summary('aks-prod-weu', { location: 'westeurope', entityRef: undefined }),
  ],
  lastRefresh: {
    finishedAt: new Date().toISOString(),
    status: 'partial',
    clusterCount: 4,
    requestCount: 38,
    errors: [
      {
        scope: 'kv-aks-legacy-neu',
        kind: 'vault',
        message: 'no Reader on the vault',
        status: 403,
      },
    ],
  },
};

/** A backend that answers every query with its page of this fleet. */
const serve = (response: ListClustersResponse) =>
  jest.fn(async (query?: ClusterListQuery) => pageOf(response, query));

function renderFleet(
  api: Partial<AksBaselineApi>,
  options: { canRefresh?: boolean; alertApi?: { post: jest.Mock } } = {},
) {
  const fullApi: Partial<AksBaselineApi> = {
    getAbout: async () => ({
      plugin: 'aks-baseline',
      version: '0.1.0',
      sources: ['demo', 'catalog'],
      cloud: 'AzureUSGovernment',
    }),
    ...api,
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aksBaselineApiRef, fullApi],
        [
          permissionApiRef,
          permissionApi(options.canRefresh ? 'ALLOW' : 'DENY'),
        ],
        [alertApiRef, options.alertApi ?? { post: jest.fn() }],
      ]}
    >
      <FleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** material-table marks data rows with an `index`; the others are header and pager. */
const dataRows = () =>
  screen.getAllByRole('row').filter(row => row.hasAttribute('index'));

const clusterNames = () =>
  dataRows().map(row => within(row).getAllByRole('cell')[0].textContent);

describe('FleetPage', () => {
  it('shows progress while the fleet loads', async () => {
    await renderFleet({ listClusters: () => new Promise(() => {}) });

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('lists the clusters worst first, as the backend sorted them', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    await screen.findByText('Clusters (4)');
    expect(clusterNames()).toEqual([
      'aks-dev-neurg-aks-dev-neu',
      'aks-legacy-neurg-aks-legacy-neu',
      'aks-staging-weurg-aks-staging-weu',
      'aks-prod-weurg-aks-prod-weu',
    ]);
  });

  it('links each cluster with a catalog entity to its entity page', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    expect(
      await screen.findByRole('link', { name: 'aks-dev-neu' }),
    ).toHaveAttribute('href', '/catalog/default/resource/aks-dev-neu');
    // aks-prod-weu has no entity in this fleet: a name, not a link.
    expect(screen.getByText('aks-prod-weu')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'aks-prod-weu' }),
    ).not.toBeInTheDocument();
  });

  it('shows status, soonest expiry, failing controls and stale data on each row', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    await screen.findByText('Clusters (4)');
    const [dev, legacy] = dataRows().map(r => within(r));
    expect(dev.getByText('error')).toBeInTheDocument();
    expect(dev.getByText('expired 3 days ago')).toBeInTheDocument();
    expect(legacy.getByText('7')).toBeInTheDocument();
    expect(legacy.getByText('stale')).toBeInTheDocument();
    expect(
      legacy.getByText('subscription 9a8b... answered 403'),
    ).toBeInTheDocument();
    expect(legacy.getByText('2 read errors')).toBeInTheDocument();
  });

  it('asks the backend for the order when a column header is clicked', async () => {
    const listClusters = serve(demoFleet);
    await renderFleet({ listClusters });
    await screen.findByText('Clusters (4)');

    await userEvent.click(
      screen.getByRole('button', { name: 'Failing controls' }),
    );

    await waitFor(() =>
      expect(listClusters).toHaveBeenLastCalledWith(
        expect.objectContaining({
          sort: 'failingControls',
          order: 'asc',
          offset: 0,
        }),
      ),
    );
    // The rows stay in the backend's order: this page is not re-sorted.
    expect(clusterNames()[0]).toBe('aks-dev-neurg-aks-dev-neu');
  });

  it('sends the search to the backend once typing pauses', async () => {
    const listClusters = serve(demoFleet);
    await renderFleet({ listClusters });
    await screen.findByText('Clusters (4)');

    await userEvent.type(screen.getByLabelText('Search'), 'legacy');

    await waitFor(() =>
      expect(listClusters).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'legacy', offset: 0 }),
      ),
    );
    // One request for the word, not one per key.
    expect(
      listClusters.mock.calls.filter(([q]) => q?.search !== undefined),
    ).toHaveLength(1);
  });

  it('shows the last refresh and its errors', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    expect(await screen.findByText('Last refresh partial')).toBeInTheDocument();
    expect(
      screen.getByText(/4 clusters, 38 Azure requests/),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 error in the last refresh/)).toBeInTheDocument();
    expect(screen.getByText(/no Reader on the vault/)).toBeInTheDocument();
  });

  it('counts API servers that rejected the portal, and leaves them to their rows', async () => {
    const rejected = (name: string) => ({
      scope: `/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      kind: 'kubernetes' as const,
      message: `API server answered 401: the portal's Entra token for the AKS server application was rejected`,
      status: 401,
    });
    await renderFleet({
      listClusters: serve({
        ...demoFleet,
        lastRefresh: {
          ...demoFleet.lastRefresh!,
          errors: [
            ...demoFleet.lastRefresh!.errors,
            rejected('aks-prod-weu'),
            rejected('aks-staging-weu'),
          ],
        },
      }),
    });

    expect(
      await screen.findByText(
        /3 errors in the last refresh \(Azure 1, Kubernetes API servers 2\)/,
      ),
    ).toBeInTheDocument();
    // One line for both, not a card each: each cluster's row says why.
    expect(screen.queryByText(/API server answered 401/)).toBeNull();
    expect(
      screen.getByText(
        '2 clusters refused the portal (HTTP 401/403): their rows say "no access" and why.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/no Reader on the vault/)).toBeInTheDocument();
  });

  it('names the data source in small print', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    expect(
      await screen.findByText(
        /Demo estate .*, Catalog cluster entities · Azure cloud: AzureUSGovernment/,
      ),
    ).toBeInTheDocument();
  });

  it('says that the first refresh runs at start-up when there are no clusters yet', async () => {
    await renderFleet({ listClusters: serve({ clusters: [] }) });

    expect(
      await screen.findByText(
        'No clusters yet: the first refresh runs at start-up',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error instead of a blank page', async () => {
    await renderFleet({
      listClusters: async () => {
        throw new Error('backend unreachable');
      },
    });

    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  // The allowed case is in FleetPage.refresh.test.tsx: usePermission caches
  // its answer per permission for the whole test file (SWR).
  it('hides the refresh button from users who may not refresh', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });
    await screen.findByText('Clusters (4)');

    expect(
      screen.queryByRole('button', { name: /Refresh from Azure/ }),
    ).not.toBeInTheDocument();
  });

  it('pages a fleet of 1,000 clusters on the server, 20 rows at a time', async () => {
    const clusters = Array.from({ length: 1000 }, (_, i) =>
      summary(`aks-${String(i).padStart(4, '0')}`),
    );
    const listClusters = serve({ clusters });
    await renderFleet({ listClusters });

    await screen.findByText('Clusters (1000)');
    expect(dataRows()).toHaveLength(20);
    expect(screen.getByText('1-20 of 1000')).toBeInTheDocument();
    expect(listClusters).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 0, limit: 20 }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('21-40 of 1000')).toBeInTheDocument();
    expect(listClusters).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: 20, limit: 20 }),
    );
    expect(clusterNames()[0]).toBe('aks-0020rg-aks-0020');
  });

  it('says why each row has its status: the first reason, all of them on hover', async () => {
    await renderFleet({ listClusters: serve(demoFleet) });

    const reason = await screen.findByText(
      /ingress \(Traefik\) certificate traefik-ingress-internal-aks-ingress-tls expired 3 days ago/,
    );
    expect(reason).toHaveTextContent('(+1 more)');
    expect(reason.closest('[title]')?.getAttribute('title')).toBe(
      demoFleet.clusters[0].reasons.join('\n'),
    );
  });
});
