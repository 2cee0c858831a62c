import { fitName } from './names';
import { ClusterSpec } from './spec';

/**
 * The ARM deployment's name (at most 64 characters). Stable per cluster, so
 * a redeployment replaces the previous record instead of piling up.
 */
export function deploymentName(spec: ClusterSpec): string {
  return fitName(`aks-baseline-${spec.clusterName}`, 64);
}
