/**
 * The AKS baseline plugin for apps on the new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { aksBaselineApiRef, AksBaselineClient } from './api';

const fleetPageRouteRef = createRouteRef();

/** @alpha */
export const aksBaselineApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aksBaselineApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AksBaselineClient(deps),
    }),
});

/** The fleet page at `/aks-baseline`, listed in the sidebar. @alpha */
export const aksBaselineFleetPage = PageBlueprint.make({
  params: {
    path: '/aks-baseline',
    title: 'AKS Baseline',
    icon: <CloudQueueIcon />,
    routeRef: fleetPageRouteRef,
    noHeader: true,
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'aks-baseline',
  extensions: [aksBaselineApi, aksBaselineFleetPage],
  routes: { fleet: fleetPageRouteRef },
});
