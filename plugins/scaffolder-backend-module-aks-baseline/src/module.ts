import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCreateClusterAction } from './actions/createCluster';
import { createOnboardAppAction } from './actions/onboardApp';

/**
 * Registers the AKS baseline scaffolder actions with the scaffolder backend.
 *
 * @public
 */
export const scaffolderModuleAksBaseline = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aks-baseline',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, catalog }) {
        scaffolder.addActions(
          createOnboardAppAction({ catalog }),
          createCreateClusterAction(),
        );
      },
    });
  },
});
