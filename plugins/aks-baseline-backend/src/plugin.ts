import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { aksBaselinePermissions } from '@aks-baseline/plugin-aks-baseline-common';
import {
  aksBaselineClusterSourcesExtensionPoint,
  aksBaselineDiscoveredClustersServiceRef,
} from '@aks-baseline/plugin-aks-baseline-node';
import { readPluginConfig } from './config/pluginConfig';
import {
  azureAccess,
  cachedEntityLinks,
  createInventoryCollector,
  createKubernetesFleetReader,
  kubernetesTraefik,
  selectClusters,
} from './sources/clusterSources';
import {
  checkClusterSources,
  ClusterSourcesExtensions,
} from './sources/extensionPoint';
import { catalogAppsServing, OwnerNotifier } from './notifications';
import { FleetReader } from './service/FleetReader';
import { FleetRefresher } from './service/FleetRefresher';
import { readDiscoveredClusters } from './service/discoveredClusters';
import { noticeRetryTask, refreshTask } from './service/refreshTask';
import { createRouter } from './service/router';
import { SnapshotStore } from './store/SnapshotStore';
import { probeServedCertificate } from './tls/probeServedCertificate';
import { attachServedCertificates } from './tls/servedCertificates';
import { probeBackendTargets } from './service/probeBackends';

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
    // Filled by modules before init runs (e.g. the demo module).
    const extensions = new ClusterSourcesExtensions();
    env.registerExtensionPoint(
      aksBaselineClusterSourcesExtensionPoint,
      extensions,
    );
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
        catalog: catalogServiceRef,
        cache: coreServices.cache,
        notifications: notificationService,
        discoveredClusters: aksBaselineDiscoveredClustersServiceRef,
      },
      async init(deps) {
        const { httpRouter, logger, scheduler, catalog, auth } = deps;
        const config = readPluginConfig(deps.config, { logger });
        const sources = checkClusterSources(config, extensions);
        deps.permissionsRegistry.addPermissions(aksBaselinePermissions);

        const store = await SnapshotStore.create({ database: deps.database });
        deps.discoveredClusters.setReader(() => readDiscoveredClusters(store));
        const azure = azureAccess(config, extensions.connection);
        const catalogClusters = async () => {
          const { items } = await catalog.getEntities(
            {
              filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
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
        };
        const entityLinks = cachedEntityLinks(deps.cache, catalogClusters);
        const notifier = config.notifications.enabled
          ? new OwnerNotifier({
              ledger: store.noticeLedger(),
              notifications: deps.notifications,
              appsServing: catalogAppsServing(catalog, auth),
              entityLinks,
              config: config.notifications,
              logger,
            })
          : undefined;
        const refresher = new FleetRefresher({
          store,
          logger,
          select: () =>
            selectClusters(config, catalogClusters, extensions.sources),
          collect: createInventoryCollector(config, azure),
          thresholds: config.certificates,
          kubernetesUnavailableReason: KUBERNETES_NOT_READ,
          readKubernetes: createKubernetesFleetReader(config, azure),
          traefik: kubernetesTraefik(config),
          probeBackends: config.tlsProbe.enabled
            ? targets =>
                probeBackendTargets(targets, target =>
                  probeServedCertificate(target.backendHost, {
                    timeoutMs: config.tlsProbe.timeoutSeconds * 1000,
                    port: target.port,
                    addressFor: () => target.address,
                  }),
                )
            : undefined,
          probeServedCertificates: config.tlsProbe.enabled
            ? snapshots =>
                attachServedCertificates(snapshots, host =>
                  probeServedCertificate(host, {
                    timeoutMs: config.tlsProbe.timeoutSeconds * 1000,
                    port: config.tlsProbe.port,
                  }),
                )
            : undefined,
          notifyOwners:
            notifier &&
            ((clusters, batch) =>
              notifier.notify(clusters, { continuing: !batch.first })),
          publishStored: () => deps.discoveredClusters.refreshed(),
        });

        await scheduler.scheduleTask(refreshTask(refresher, config.refresh));
        if (notifier) {
          await scheduler.scheduleTask(noticeRetryTask(notifier));
        }

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            scheduler,
            catalog,
            reader: new FleetReader(store, entityLinks),
            config,
            sources,
            pluginVersion,
          }),
        );
        logger.info(
          `AKS baseline plugin serving clusters from: ${sources.join(', ')}`,
        );
      },
    });
  },
});
