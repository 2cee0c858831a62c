import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { aksBaselineDiscoveredClustersServiceRef } from '@aks-baseline/plugin-aks-baseline-node';
import { AksClusterEntityProvider } from './AksClusterEntityProvider';
import { readProviderConfig } from './config';

/**
 * Adds the AKS clusters the AKS baseline backend discovers to the catalog.
 * Install next to `@aks-baseline/plugin-aks-baseline-backend`.
 *
 * @public
 */
export const catalogModuleAksBaseline = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aks-baseline',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        discoveredClusters: aksBaselineDiscoveredClustersServiceRef,
      },
      async init(deps) {
        deps.catalogProcessing.addEntityProvider(
          new AksClusterEntityProvider({
            config: readProviderConfig(deps.config),
            logger: deps.logger,
            auth: deps.auth,
            catalog: deps.catalog,
            discoveredClusters: deps.discoveredClusters,
          }),
        );
      },
    });
  },
});
