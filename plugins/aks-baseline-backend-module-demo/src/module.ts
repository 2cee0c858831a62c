import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { aksBaselineClusterSourcesExtensionPoint } from '@aks-baseline/plugin-aks-baseline-node';
import { DemoConnection, demoClusterSource } from './demoConnection';

/**
 * Serves the demo estate to the `aks-baseline` backend plugin: adds the
 * `demo` cluster source and replaces the plugin's Azure connection with the
 * demo's recorded one. Never install it in a production backend.
 *
 * @public
 */
export const aksBaselineModuleDemo = createBackendModule({
  pluginId: 'aks-baseline',
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        clusterSources: aksBaselineClusterSourcesExtensionPoint,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ clusterSources, lifecycle, logger }) {
        const connection = new DemoConnection();
        clusterSources.addClusterSource(demoClusterSource);
        clusterSources.setAzureConnection(connection);
        lifecycle.addShutdownHook(() => connection.close());
        logger.warn(
          'AKS baseline: serving the demo estate (recorded Azure responses, a local fixture API server); remove @aks-baseline/plugin-aks-baseline-backend-module-demo from a real portal',
        );
      },
    });
  },
});
