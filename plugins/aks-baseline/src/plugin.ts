import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { aksBaselineApiRef, AksBaselineClient } from './api';
import { fleetRouteRef } from './routes';

/**
 * The AKS baseline frontend plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const aksBaselinePlugin = createPlugin({
  id: 'aks-baseline',
  apis: [
    createApiFactory({
      api: aksBaselineApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AksBaselineClient(deps),
    }),
  ],
  routes: { fleet: fleetRouteRef },
});

/**
 * The fleet page, to mount at e.g. `/aks-baseline`.
 *
 * @public
 */
export const AksBaselineFleetPage = aksBaselinePlugin.provide(
  createRoutableExtension({
    name: 'AksBaselineFleetPage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: fleetRouteRef,
  }),
);
