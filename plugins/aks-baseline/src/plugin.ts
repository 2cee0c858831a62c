import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { aksBaselineApiRef, AksBaselineClient } from './api';
import {
  CLUSTER_CONTRACT_FIELD_NAME,
  ClusterContractField,
  EGRESS_FIELD_NAME,
  EgressField,
  FIREWALL_PRIVATE_IP_FIELD_NAME,
  FirewallPrivateIpField,
  validateEgress,
  validateFirewallPrivateIp,
} from './scaffolder';
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

const loadEntityComponents = () =>
  import('./components/EntityAksBaselineContent');

/**
 * The "AKS Baseline" tab of a cluster Resource or an app Component: chain,
 * certificates and controls, or the help panel when the annotations are
 * missing.
 *
 * @public
 */
export const EntityAksBaselineContent = aksBaselinePlugin.provide(
  createComponentExtension({
    name: 'EntityAksBaselineContent',
    component: {
      lazy: () => loadEntityComponents().then(m => m.EntityAksBaselineContent),
    },
  }),
);

/** The entity's ingress chain with egress and Key Vault paths. @public */
export const EntityAksBaselineIngressChainCard = aksBaselinePlugin.provide(
  createComponentExtension({
    name: 'EntityAksBaselineIngressChainCard',
    component: {
      lazy: () => loadEntityComponents().then(m => m.EntityIngressChainCard),
    },
  }),
);

/** The certificates on the entity's chain. @public */
export const EntityAksBaselineCertificatesCard = aksBaselinePlugin.provide(
  createComponentExtension({
    name: 'EntityAksBaselineCertificatesCard',
    component: {
      lazy: () => loadEntityComponents().then(m => m.EntityCertificatesCard),
    },
  }),
);

/** The baseline controls of the entity's cluster. @public */
export const EntityAksBaselineControlsCard = aksBaselinePlugin.provide(
  createComponentExtension({
    name: 'EntityAksBaselineControlsCard',
    component: {
      lazy: () => loadEntityComponents().then(m => m.EntityControlsCard),
    },
  }),
);

/**
 * The onboarding form's "What the cluster says" field (`ui:field:
 * AksClusterContract`), for the legacy scaffolder: put it inside
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const AksClusterContractFieldExtension = aksBaselinePlugin.provide(
  createScaffolderFieldExtension({
    name: CLUSTER_CONTRACT_FIELD_NAME,
    component: ClusterContractField,
  }),
);

/**
 * The cluster form's hub firewall private IP (`ui:field:
 * AksFirewallPrivateIp`), for the legacy scaffolder.
 *
 * @public
 */
export const AksFirewallPrivateIpFieldExtension = aksBaselinePlugin.provide(
  createScaffolderFieldExtension({
    name: FIREWALL_PRIVATE_IP_FIELD_NAME,
    component: FirewallPrivateIpField,
    validation: validateFirewallPrivateIp,
  }),
);

/**
 * The onboarding form's egress list (`ui:field: AksEgressRules`), for the
 * legacy scaffolder: "Add destination", "Remove destination 2" and the like
 * instead of bare icon buttons, and a destination the action would refuse
 * caught on its page.
 *
 * @public
 */
export const AksEgressRulesFieldExtension = aksBaselinePlugin.provide(
  createScaffolderFieldExtension({
    name: EGRESS_FIELD_NAME,
    component: EgressField,
    validation: validateEgress,
  }),
);
