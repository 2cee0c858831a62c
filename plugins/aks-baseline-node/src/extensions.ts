import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AksBaselineClusterSourcesExtensionPoint } from './clusterSources';

/**
 * Lets a backend module of the `aks-baseline` plugin add cluster sources
 * and replace how the plugin reaches Azure, the way
 * `@backstage/plugin-kubernetes-node` lets modules supply clusters.
 *
 * @public
 */
export const aksBaselineClusterSourcesExtensionPoint =
  createExtensionPoint<AksBaselineClusterSourcesExtensionPoint>({
    id: 'aks-baseline.cluster-sources',
  });
