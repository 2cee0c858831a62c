import { createBackendModule } from '@backstage/backend-plugin-api';
import { kubernetesServiceLocatorExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { clusterPagesLocator } from './clusterPagesLocator';

/**
 * For Backstage's Kubernetes backend: a cluster entity's Kubernetes tab
 * shows that cluster's objects only (what its
 * `backstage.io/kubernetes-label-selector` selects there); apps keep the
 * configured `kubernetes.serviceLocatorMethod`. Replaces the service
 * locator, so it cannot be combined with another module that does.
 *
 * @public
 */
export const kubernetesModuleAksBaselineClusterPages = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'aks-baseline-cluster-pages',
  register(reg) {
    reg.registerInit({
      deps: { serviceLocators: kubernetesServiceLocatorExtensionPoint },
      async init({ serviceLocators }) {
        serviceLocators.addServiceLocator(
          async ({ getDefault, clusterSupplier }) =>
            clusterPagesLocator(await getDefault(), clusterSupplier),
        );
      },
    });
  },
});
