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
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const provider = new AksClusterEntityProvider({
          config: readProviderConfig(deps.config),
          logger: deps.logger,
          auth: deps.auth,
          catalog: deps.catalog,
          discoveredClusters: deps.discoveredClusters,
        });
        deps.catalogProcessing.addEntityProvider(provider);
        // One catalog query a minute per replica; see recheckClaims.
        await deps.scheduler.scheduleTask({
          id: 'aks-baseline-catalog-claims',
          scope: 'local',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            await provider.recheckClaims();
          },
        });
      },
    });
  },
});
