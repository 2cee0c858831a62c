import { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { formatAge } from '../../format';

/** Region, Kubernetes version and data age: "westeurope · Kubernetes 1.34 · refreshed 2 min ago". */
export function clusterWhere(cluster: ClusterSnapshot): string {
  return [
    cluster.location,
    cluster.kubernetesVersion && `Kubernetes ${cluster.kubernetesVersion}`,
    `refreshed ${formatAge(cluster.refreshedAt)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
