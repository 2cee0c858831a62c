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
  ExtensionDefinition,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { aksBaselineApiRef, AksBaselineClient } from './api';
import {
  isAksBaselineAvailable,
  isAksBaselineCluster,
  isAksBaselineTabRelevant,
} from './conditions';

const fleetPageRouteRef = createRouteRef();

const loadEntityComponents = () =>
  import('./components/EntityAksBaselineContent');

// The entity extensions are typed as plain `ExtensionDefinition`: their
// inferred types name the filter-predicates copy nested under
// @backstage/frontend-plugin-api, which a declaration file cannot reference.

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

/**
 * The "AKS Baseline" tab on every app Component and cluster Resource: the
 * chain, certificates and controls, or which annotations to add. Narrow it
 * with `filter` in app-config (e.g. to annotated entities only).
 *
 * @alpha
 */
export const aksBaselineEntityContent: ExtensionDefinition =
  EntityContentBlueprint.make({
    params: {
      path: 'aks-baseline',
      title: 'AKS Baseline',
      filter: isAksBaselineTabRelevant,
      loader: () =>
        loadEntityComponents().then(m => <m.EntityAksBaselineContent />),
    },
  });

/**
 * A cluster's state on its Overview tab (worst status and why, soonest
 * expiry, failing controls) with the way to the "AKS Baseline" tab. On by
 * default for cluster Resources with a resource id.
 *
 * @alpha
 */
export const aksBaselineClusterSummaryCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'cluster-summary',
    params: {
      type: 'info',
      filter: isAksBaselineCluster,
      loader: () =>
        import('./components/ClusterSummaryCard').then(m => (
          <m.ClusterSummaryCard />
        )),
    },
  });

// The cards repeat what the tab shows, so they are off by default; enable
// them in app-config (`app.extensions: [entity-card:aks-baseline/certificates]`)
// to put them on an overview page.

/** @alpha */
export const aksBaselineIngressChainCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'ingress-chain',
    disabled: true,
    params: {
      type: 'content',
      filter: isAksBaselineAvailable,
      loader: () =>
        loadEntityComponents().then(m => <m.EntityIngressChainCard />),
    },
  });

/** @alpha */
export const aksBaselineCertificatesCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'certificates',
    disabled: true,
    params: {
      type: 'content',
      filter: isAksBaselineAvailable,
      loader: () =>
        loadEntityComponents().then(m => <m.EntityCertificatesCard />),
    },
  });

/** @alpha */
export const aksBaselineControlsCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'controls',
    disabled: true,
    params: {
      type: 'content',
      filter: isAksBaselineAvailable,
      loader: () => loadEntityComponents().then(m => <m.EntityControlsCard />),
    },
  });

const loadFormFields = () => import('./scaffolder/formFields');

/**
 * The onboarding form's "What the cluster says" field (`ui:field:
 * AksClusterContract`): fills the Key Vault, tenant, certificate reader,
 * Traefik namespace and App Gateway subnet from the chosen cluster's stamp
 * contract, and warns when the host is already served there.
 *
 * @alpha
 */
export const aksBaselineClusterContractFormField: ExtensionDefinition =
  FormFieldBlueprint.make({
    name: 'cluster-contract',
    params: {
      field: () => loadFormFields().then(m => m.clusterContractFormField),
    },
  });

/**
 * The cluster form's hub firewall private IP (`ui:field:
 * AksFirewallPrivateIp`), refused on its page when inside the spoke VNet.
 *
 * @alpha
 */
export const aksBaselineFirewallPrivateIpFormField: ExtensionDefinition =
  FormFieldBlueprint.make({
    name: 'firewall-private-ip',
    params: {
      field: () => loadFormFields().then(m => m.firewallPrivateIpFormField),
    },
  });

/**
 * The onboarding form's egress list (`ui:field: AksEgressRules`): buttons
 * that say what they add and remove ("Add destination", "Remove destination
 * 2"), and a destination the action would refuse caught on its page.
 *
 * @alpha
 */
export const aksBaselineEgressRulesFormField: ExtensionDefinition =
  FormFieldBlueprint.make({
    name: 'egress-rules',
    params: {
      field: () => loadFormFields().then(m => m.egressFormField),
    },
  });

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'aks-baseline',
  extensions: [
    aksBaselineApi,
    aksBaselineFleetPage,
    aksBaselineEntityContent,
    aksBaselineIngressChainCard,
    aksBaselineCertificatesCard,
    aksBaselineControlsCard,
    aksBaselineClusterSummaryCard,
    aksBaselineClusterContractFormField,
    aksBaselineFirewallPrivateIpFormField,
    aksBaselineEgressRulesFormField,
  ],
  routes: { fleet: fleetPageRouteRef },
});
