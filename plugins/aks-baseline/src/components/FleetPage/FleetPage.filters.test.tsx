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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AksBaselineApi, aksBaselineApiRef } from '../../api';
import { pageOf, summary } from '../../__testUtils__/fixtures';
import { FleetPage } from './FleetPage';

// material-table renders slowly in jsdom on a shared 2-core machine; the
// first render of a file alone can pass the 5 s default.
jest.setTimeout(30_000);

const PROD_SUB = '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const DEV_SUB = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

const fleet: ListClustersResponse = {
  clusters: [
    summary('aks-legacy-neu', {
      worstStatus: 'error',
      failingControls: 7,
      errorCount: 4,
      reasons: ['ingress certificate expired 3 days ago'],
      accessDenied:
        "No access: its API server refused the portal (HTTP 403): the portal's identity has no role on the cluster",
      subscriptionId: DEV_SUB,
    }),
    summary('aks-prod-weu', {
      location: 'westeurope',
      owner: 'platform-team',
      subscriptionId: PROD_SUB,
      subscriptionName: 'Contoso Production',
    }),
    summary('aks-dev-neu', { subscriptionId: DEV_SUB, owner: 'app-team' }),
  ],
};

async function renderFleet(api: Partial<AksBaselineApi>) {
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          aksBaselineApiRef,
          { getAbout: () => new Promise<never>(() => {}), ...api },
        ],
        [
          permissionApiRef,
          {
            authorize: async () => ({ result: 'DENY' }),
          } as unknown as PermissionApi,
        ],
        [alertApiRef, alertApi],
      ]}
    >
      <FleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByText('Clusters (3)');
  return { alertApi };
}

const serve = () =>
  jest.fn(async (query?: ClusterListQuery) => pageOf(fleet, query));

/** Opens a select by its label and picks an option. */
async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByText(option));
}

const row = (name: string) =>
  within(
    screen
      .getAllByRole('row')
      .find(r => r.hasAttribute('index') && r.textContent?.includes(name))!,
  );

describe('FleetPage filters', () => {
  it.each([
    ['Status', 'error', { status: ['error'] }],
    ['Subscription', 'Contoso Production', { subscriptionId: [PROD_SUB] }],
    ['Subscription', '9a8b7c6d…', { subscriptionId: [DEV_SUB] }],
    ['Region', 'westeurope', { region: ['westeurope'] }],
    ['Owner', 'platform-team', { owner: ['platform-team'] }],
  ])(
    'asks the backend for the fleet filtered by %s = %s, from the first page',
    async (label, option, filter) => {
      const listClusters = serve();
      await renderFleet({ listClusters });

      await choose(label, option);

      await waitFor(() =>
        expect(listClusters).toHaveBeenLastCalledWith(
          expect.objectContaining({ ...filter, offset: 0 }),
        ),
      );
    },
  );

  it('asks for clusters expiring within the days typed, and clears every filter', async () => {
    const listClusters = serve();
    await renderFleet({ listClusters });

    await userEvent.type(screen.getByLabelText('Expiring within (days)'), '14');
    await waitFor(() =>
      expect(listClusters).toHaveBeenLastCalledWith(
        expect.objectContaining({ expiringWithinDays: 14 }),
      ),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() =>
      expect(listClusters.mock.lastCall?.[0]).not.toHaveProperty(
        'expiringWithinDays',
      ),
    );
    expect(screen.getByLabelText('Expiring within (days)')).toHaveValue(null);
  });

  it('offers the subscriptions by display name, the regions and the owners of the whole fleet', async () => {
    await renderFleet({ listClusters: serve() });

    fireEvent.mouseDown(screen.getByLabelText('Subscription'));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Any', 'Contoso Production', '9a8b7c6d…']);
  });

  it('shows the owner, and the subscription by name with its id on hover', async () => {
    await renderFleet({ listClusters: serve() });

    expect(row('aks-prod-weu').getByText('platform-team')).toBeInTheDocument();
    expect(row('aks-prod-weu').getByText('Contoso Production')).toHaveAttribute(
      'title',
      PROD_SUB,
    );
    expect(row('aks-dev-neu').getByText('9a8b7c6d…')).toHaveAttribute(
      'title',
      DEV_SUB,
    );
    expect(row('aks-legacy-neu').getByText('no owner tag')).toBeInTheDocument();
  });

  it('shows a cluster the portal may not read as one compact row with the reason', async () => {
    await renderFleet({ listClusters: serve() });

    const legacy = row('aks-legacy-neu');
    expect(legacy.getByText('no access')).toBeInTheDocument();
    expect(legacy.getByTestId('fleet-no-access')).toHaveTextContent(
      "No access: its API server refused the portal (HTTP 403): the portal's identity has no role on the cluster",
    );
    // Not the reasons, failures and error counts that follow from it.
    expect(legacy.queryByText(/certificate expired/)).toBeNull();
    expect(legacy.queryByText('7')).toBeNull();
    expect(legacy.queryByText(/read errors/)).toBeNull();
  });

  it('downloads the current view as CSV with the same filters', async () => {
    const exportClustersCsv = jest.fn(
      async () => new Blob(['name\r\n'], { type: 'text/csv' }),
    );
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        expect(this.download).toBe('aks-baseline-clusters.csv');
        expect(this.href).toBe('blob:csv');
      });
    await renderFleet({ listClusters: serve(), exportClustersCsv });

    await choose('Region', 'westeurope');
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(exportClustersCsv).toHaveBeenCalledWith({ region: ['westeurope'] });
    click.mockRestore();
  });
});
