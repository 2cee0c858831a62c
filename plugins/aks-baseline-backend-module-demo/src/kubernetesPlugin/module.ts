import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ clusterSuppliers, lifecycle, logger, auth, catalog }) {
        // Its own fixture server (same objects, same token as the AKS
        // baseline demo's): the two plugins share no state.
        const kubernetes = new DemoKubernetes();
        // The cluster entities, to name each fixture cluster after its own.
        const clusterEntities = async () =>
          (
            await catalog.getEntities(
              {
                filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
                fields: ['metadata.name', 'metadata.annotations'],
              },
              { credentials: await auth.getOwnServiceCredentials() },
            )
          ).items;
        clusterSuppliers.addClusterSupplier(async ({ getDefault }) =>
          withDemoClusters(await getDefault(), kubernetes, clusterEntities),
        );
        lifecycle.addShutdownHook(() => kubernetes.close());
        logger.warn(
          'Kubernetes: serving the AKS baseline demo clusters from a local fixture API server; remove this module from a real portal',
        );
      },
    });
  },
});
