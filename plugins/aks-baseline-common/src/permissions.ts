import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the fleet's clusters, their chains, certificates and control results.
 *
 * @public
 */
export const aksBaselineClusterReadPermission = createPermission({
  name: 'aks-baseline.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Trigger a refresh of the fleet snapshot from Azure.
 *
 * @public
 */
export const aksBaselineClusterRefreshPermission = createPermission({
  name: 'aks-baseline.cluster.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const aksBaselinePermissions = [
  aksBaselineClusterReadPermission,
  aksBaselineClusterRefreshPermission,
];
