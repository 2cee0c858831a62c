import { createBackendModule } from '@backstage/backend-plugin-api';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createOnboardAppAction(),
          createCreateClusterAction(),
        );
      },
    });
  },
});
