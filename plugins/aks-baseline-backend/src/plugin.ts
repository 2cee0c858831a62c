import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { aksBaselinePermissions } from '@aks-baseline/plugin-aks-baseline-common';
import { readPluginConfig } from './config/pluginConfig';
import { createRouter } from './service/router';

// Read at build time by the bundler and at run time by Node alike.
const { version: pluginVersion } = require('../package.json');

/**
 * The AKS secure-baseline backend plugin.
 *
 * @public
 */
export const aksBaselinePlugin = createBackendPlugin({
  pluginId: 'aks-baseline',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        httpRouter,
        httpAuth,
        logger,
        config,
        permissionsRegistry,
      }) {
        const pluginConfig = readPluginConfig(config);
        permissionsRegistry.addPermissions(aksBaselinePermissions);
        httpRouter.use(
          await createRouter({ httpAuth, config: pluginConfig, pluginVersion }),
        );
        logger.info(
          `AKS baseline plugin serving clusters from: ${pluginConfig.sources.join(
            ', ',
          )}`,
        );
      },
    });
  },
});
