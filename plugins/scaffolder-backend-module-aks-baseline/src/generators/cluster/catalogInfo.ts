import {
  ANNOTATION_RESOURCE_ID,
  PUBLIC_CLOUD_KEY_VAULT_DNS_SUFFIX,
  STAMP_TRAEFIK_ENTRY_POINT,
  StampContract,
  formatManagedClusterId,
  stampContractAnnotations,
} from '@aks-baseline/plugin-aks-baseline-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ClusterNames, TRAEFIK_POD_LABELS, clusterNames } from './names';
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
 * cluster in Azure; onboarded apps point at this entity, and
 * `aks-baseline:onboard-app` reads the stamp contract from its
 * `aks-baseline.io/stamp-*` annotations.
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
      annotations: {
        [ANNOTATION_RESOURCE_ID]: id,
        ...stampContractAnnotations(clusterStampContract(spec)),
      },
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
  return stringifyEntityRef({ kind: 'Resource', name: spec.clusterName });
}

/**
 * What this cluster exposes to onboarding, from the same spec and names the
 * ARM template and manifests are generated from. The certificate reader is
 * left out: no such identity exists until the platform team creates it.
 */
export function clusterStampContract(
  spec: ClusterSpec,
  names: ClusterNames = clusterNames(spec),
): StampContract {
  return {
    clusterEntityRef: clusterEntityRef(spec),
    gatewayName: names.appGateway,
    gatewayFrontendIpConfiguration: names.gateway.frontendIp,
    gatewayFrontendPort: names.gateway.frontendPort,
    gatewayBackendPool: names.gateway.backendPool,
    gatewayTrustedRootCertificate: names.gateway.backendRoot,
    appGatewaySubnetCidr: spec.network.appGatewaySubnet,
    traefikNamespace: spec.traefik.namespace,
    traefikPodLabels: { ...TRAEFIK_POD_LABELS },
    traefikEntryPoint: STAMP_TRAEFIK_ENTRY_POINT,
    traefikIlbSubnetCidr: spec.network.ingressSubnet,
    traefikIlbIp: spec.network.traefikIp,
    ingressDomain: spec.ingressDomain,
    keyVaultName: spec.keyVault.name,
    // create-cluster refuses sovereign regions: the vault is in public cloud.
    keyVaultDnsSuffix: PUBLIC_CLOUD_KEY_VAULT_DNS_SUFFIX,
    tenantId: spec.entra.tenantId,
  };
}
