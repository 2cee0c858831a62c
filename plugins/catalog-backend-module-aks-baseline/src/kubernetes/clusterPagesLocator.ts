import type { Entity } from '@backstage/catalog-model';
import type {
  KubernetesClustersSupplier,
  KubernetesServiceLocator,
} from '@backstage/plugin-kubernetes-node';

/** A cluster's own catalog entity: a `Resource` of type `kubernetes-cluster`. */
export function isClusterEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === 'kubernetes-cluster'
  );
}

/**
 * The Kubernetes backend's service locator with one change: a cluster
 * entity's Kubernetes tab reads that cluster only, the one the catalog
 * locator (or any supplier) names after the entity; every other entity is
 * left to `configured` (`kubernetes.serviceLocatorMethod`). Without it, a
 * cluster page under `multiTenant` lists what its selector matches on every
 * cluster of the fleet, and under `catalogRelation` nothing at all.
 */
export function clusterPagesLocator(
  configured: KubernetesServiceLocator,
  clusterSupplier: KubernetesClustersSupplier,
): KubernetesServiceLocator {
  return {
    async getClustersByEntity(entity, requestContext) {
      if (!isClusterEntity(entity)) {
        return configured.getClustersByEntity(entity, requestContext);
      }
      const clusters = await clusterSupplier.getClusters({
        credentials: requestContext.credentials,
      });
      return {
        clusters: clusters.filter(c => c.name === entity.metadata.name),
      };
    },
  };
}
