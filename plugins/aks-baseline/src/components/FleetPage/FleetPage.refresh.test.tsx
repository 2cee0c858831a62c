import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RefreshResponse } from '@aks-baseline/plugin-aks-baseline-common';
import { AksBaselineApi, aksBaselineApiRef } from '../../api';
import { pageOf, summary } from '../../__testUtils__/fixtures';
import { FleetPage } from './FleetPage';

// In its own file: usePermission caches its answer per permission for the
// whole test file, and FleetPage.test.tsx denies.
const allowAll = {
  authorize: async () => ({ result: 'ALLOW' }),
} as unknown as PermissionApi;

async function clickRefresh(response: RefreshResponse) {
  const refresh = jest.fn(async () => response);
  const alertApi = { post: jest.fn() };
  const api: Partial<AksBaselineApi> = {
    getAbout: () => new Promise(() => {}),
    listClusters: async query =>
      pageOf({ clusters: [summary('aks-dev-neu')] }, query),
    refresh,
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aksBaselineApiRef, api],
        [permissionApiRef, allowAll],
        [alertApiRef, alertApi],
      ]}
    >
      <FleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await userEvent.click(
    await screen.findByRole('button', { name: /Refresh from Azure/ }),
  );
  return { refresh, alertApi };
}

describe('FleetPage for a user allowed to refresh', () => {
  it('says what the backend says when a refresh is already running', async () => {
    const message =
      'A refresh is already running, on this or another replica. It ends, or is abandoned, within 3 minutes of its start (aksBaseline.refresh.timeoutMinutes); if the replica running it died, refreshes can start again at most a minute after that.';
    const { alertApi } = await clickRefresh({
      status: 'already-running',
      message,
    });

    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message }),
    );
  });

  it('starts a refresh and waits for it', async () => {
    const { refresh, alertApi } = await clickRefresh({ status: 'triggered' });

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.stringMatching(/Refresh started/),
      }),
    );
    expect(screen.getByRole('button', { name: /Refreshing/ })).toBeDisabled();
  });
});
