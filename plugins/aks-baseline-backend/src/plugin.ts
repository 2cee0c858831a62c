import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { aksBaselinePermissions } from '@aks-baseline/plugin-aks-baseline-common';
import { readPluginConfig } from './config/pluginConfig';
import { DemoKubernetes } from './demo/demoKubernetes';
import {
  azureCredential,
  createInventoryCollector,
  createKubernetesFleetReader,
  kubernetesTraefik,
  selectClusters,
} from './sources/clusterSources';
import { FleetReader } from './service/FleetReader';
import { FleetRefresher } from './service/FleetRefresher';
import { refreshTask } from './service/refreshTask';
import { createRouter } from './service/router';
import { SnapshotStore } from './store/SnapshotStore';
import { probeServedCertificate } from './tls/probeServedCertificate';
import { attachServedCertificates } from './tls/servedCertificates';

// Read at build time by the bundler and at run time by Node alike.
const { version: pluginVersion } = require('../package.json');

/** Said on in-cluster hops when `aksBaseline.kubernetes.enabled` is false. */
const KUBERNETES_NOT_READ =
  'the portal is configured not to read API servers (aksBaseline.kubernetes.enabled: false)';

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
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { httpRouter, logger, scheduler, catalog, auth } = deps;
        const config = readPluginConfig(deps.config);
        deps.permissionsRegistry.addPermissions(aksBaselinePermissions);

        const store = await SnapshotStore.create({ database: deps.database });
        const credential = azureCredential(config);
        // The demo's fixture API server starts with the first refresh.
        const demoKubernetes = config.sources.includes('demo')
          ? new DemoKubernetes()
          : undefined;
        if (demoKubernetes) {
          deps.lifecycle.addShutdownHook(() => demoKubernetes.close());
        }
        const refresher = new FleetRefresher({
          store,
          logger,
          select: () =>
            selectClusters(config, async () => {
              const { items } = await catalog.getEntities(
                {
                  filter: {
                    kind: 'Resource',
                    'spec.type': 'kubernetes-cluster',
                  },
                  fields: [
                    'kind',
                    'metadata.name',
                    'metadata.namespace',
                    'metadata.annotations',
                  ],
                },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return items;
            }),
          collect: createInventoryCollector(config, { credential }),
          thresholds: config.certificates,
          kubernetesUnavailableReason: KUBERNETES_NOT_READ,
          readKubernetes: createKubernetesFleetReader(config, {
            credential,
            demo: demoKubernetes,
          }),
          traefik: kubernetesTraefik(config),
          probeServedCertificates: config.tlsProbe.enabled
            ? snapshots =>
                attachServedCertificates(snapshots, host =>
                  probeServedCertificate(host, {
                    timeoutMs: config.tlsProbe.timeoutSeconds * 1000,
                    port: config.tlsProbe.port,
                  }),
                )
            : undefined,
        });

        await scheduler.scheduleTask(refreshTask(refresher, config.refresh));

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            scheduler,
            catalog,
            reader: new FleetReader(store),
            config,
            pluginVersion,
          }),
        );
        logger.info(
          `AKS baseline plugin serving clusters from: ${config.sources.join(
            ', ',
          )}`,
        );
      },
    });
  },
});
