import {
  ANNOTATION_RESOURCE_ID,
  formatManagedClusterId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ClusterSpec } from './spec';

/** The cluster's ARM id: what `aks-baseline.io/resource-id` carries. */
export function clusterResourceId(spec: ClusterSpec): string {
  return formatManagedClusterId({
    subscriptionId: spec.subscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.clusterName,
  });
}

export function azurePortalUrl(spec: ClusterSpec, resourceId: string): string {
  return `https://portal.azure.com/#@${spec.entra.tenantId}/resource${resourceId}`;
}

/**
 * The cluster as a catalog `Resource` of type `kubernetes-cluster`. The
 * resource-id annotation (a public interface) is how the dashboard finds the
 * cluster in Azure; onboarded apps point at this entity.
 */
export function clusterCatalogEntity(spec: ClusterSpec) {
  const id = clusterResourceId(spec);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: spec.clusterName,
      title: `AKS ${spec.clusterName} (${spec.location})`,
      description: `AKS secure-baseline cluster in ${spec.resourceGroup}: App Gateway WAF_v2 -> Traefik (internal) -> pods, egress through the hub firewall, Key Vault over Private Link.`,
      annotations: { [ANNOTATION_RESOURCE_ID]: id },
      tags: ['aks', 'kubernetes', 'secure-baseline'],
      links: [
        { url: azurePortalUrl(spec, id), title: 'Azure portal' },
        {
          url: azurePortalUrl(spec, spec.firewall.resourceId),
          title: 'Hub firewall (egress)',
        },
      ],
    },
    spec: { type: 'kubernetes-cluster', owner: spec.ownerRef },
  };
}

/** The ref of the entity `clusterCatalogEntity` writes (`resource:default/<name>`). */
export function clusterEntityRef(spec: ClusterSpec): string {
  return stringifyEntityRef(clusterCatalogEntity(spec));
}
