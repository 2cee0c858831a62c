import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kubernetesClusterSupplierExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { DemoKubernetes } from '../demoKubernetes';
import { withDemoClusters } from './demoClusters';

/**
 * Points Backstage's Kubernetes backend at the demo's fixture API server:
 * the fixture's clusters next to the catalog locator's. Never install it in
 * a production backend.
 *
 * @public
 */
export const kubernetesModuleAksBaselineDemo = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'aks-baseline-demo',
  register(reg) {
    reg.registerInit({
      deps: {
        clusterSuppliers: kubernetesClusterSupplierExtensionPoint,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ clusterSuppliers, lifecycle, logger }) {
        // Its own fixture server (same objects, same token as the AKS
        // baseline demo's): the two plugins share no state.
        const kubernetes = new DemoKubernetes();
        clusterSuppliers.addClusterSupplier(async ({ getDefault }) =>
          withDemoClusters(await getDefault(), kubernetes),
        );
        lifecycle.addShutdownHook(() => kubernetes.close());
        logger.warn(
          'Kubernetes: serving the AKS baseline demo clusters from a local fixture API server; remove this module from a real portal',
        );
      },
    });
  },
});
