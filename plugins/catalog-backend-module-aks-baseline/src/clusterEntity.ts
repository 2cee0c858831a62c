import { createHash } from 'node:crypto';
// The annotations the Kubernetes plugin's catalog cluster locator reads.
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  parseEntityRef,
  ResourceEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_RESOURCE_ID } from '@aks-baseline/plugin-aks-baseline-common';
import {
  DISCOVERED_CLUSTERS_LOCATION,
  type DiscoveredAksCluster,
} from '@aks-baseline/plugin-aks-baseline-node';
import type { ProviderConfig } from './config';
import { toLabelValue } from './labels';

/** Labels of a discovered cluster entity. */
export const LABEL_REGION = 'aks-baseline.io/region';
export const LABEL_SUBSCRIPTION = 'aks-baseline.io/subscription';
export const LABEL_RESOURCE_GROUP = 'aks-baseline.io/resource-group';

/** The location every discovered entity is managed by. */
export const PROVIDER_LOCATION = DISCOVERED_CLUSTERS_LOCATION;

/**
 * A stable entity name per cluster: the cluster's name and 8 hex digits of
 * its resource id, because two subscriptions (or resource groups) may each
 * hold an `aks-prod`.
 */
export function clusterEntityName(cluster: DiscoveredAksCluster): string {
  const hash = createHash('sha256')
    .update(cluster.resourceId.toLowerCase())
    .digest('hex')
    .slice(0, 8);
  const base = toLabelValue(cluster.name)?.slice(0, 54) ?? 'aks';
  return `${base.replace(/[^A-Za-z0-9]+$/, '')}-${hash}`;
}

/** A tag's value, matching its name ignoring case (Azure tag names are case-insensitive). */
function tagValue(
  tags: Record<string, string>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  const found = Object.entries(tags).find(([k]) => k.toLowerCase() === wanted);
  const value = found?.[1]?.trim();
  return value || undefined;
}

const ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

/** `value` as a full entity ref of `defaultKind`, or undefined when it is none. */
function entityRefOf(
  value: string,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  try {
    const ref = parseEntityRef(value, { defaultKind, defaultNamespace });
    if (!ENTITY_NAME.test(ref.name) || ref.name.length > 63) return undefined;
    return stringifyEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** The API server the Kubernetes plugin calls: the public name when ARM gives one. */
export function apiServerUrl(
  cluster: DiscoveredAksCluster,
): string | undefined {
  const host = cluster.apiServerFqdn ?? cluster.privateApiServerFqdn;
  return host ? `https://${host}` : undefined;
}

/** The Kubernetes plugin's annotations for what an entity's Kubernetes tab lists. */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * The catalog entity of one discovered cluster (pure).
 *
 * `kubernetes.io/api-server-certificate-authority` is the CA the backend
 * took from `listClusterUserCredential`'s kubeconfig at its refresh (ARM's
 * cluster resource has none); nothing else of that kubeconfig is published.
 */
export function clusterEntity(
  cluster: DiscoveredAksCluster,
  config: ProviderConfig,
): ResourceEntity {
  const namespace = config.namespace;
  const ownerTag = tagValue(cluster.tags, config.tags.owner);
  const systemTag = tagValue(cluster.tags, config.tags.system);
  const owner =
    (ownerTag && entityRefOf(ownerTag, 'group', namespace)) ??
    entityRefOf(config.defaultOwner, 'group', namespace) ??
    config.defaultOwner;
  const system = systemTag && entityRefOf(systemTag, 'system', namespace);
  const server = apiServerUrl(cluster);

  const labels: Record<string, string> = {};
  const addLabel = (key: string, value: string) => {
    const label = toLabelValue(value);
    if (label) labels[key] = label;
  };
  addLabel(LABEL_REGION, cluster.location);
  addLabel(LABEL_SUBSCRIPTION, cluster.subscriptionId);
  addLabel(LABEL_RESOURCE_GROUP, cluster.resourceGroup);

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: clusterEntityName(cluster),
      namespace,
      title: cluster.name,
      description: `AKS cluster ${cluster.name} in resource group ${cluster.resourceGroup} (${cluster.location}), discovered in Azure by the AKS baseline plugin`,
      annotations: {
        [ANNOTATION_LOCATION]: PROVIDER_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: PROVIDER_LOCATION,
        [ANNOTATION_RESOURCE_ID]: cluster.resourceId,
        ...(server && {
          [ANNOTATION_KUBERNETES_API_SERVER]: server,
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: config.authProvider,
        }),
        ...(server &&
          cluster.certificateAuthorityData && {
            [ANNOTATION_KUBERNETES_API_SERVER_CA]:
              cluster.certificateAuthorityData,
          }),
        ...(config.kubernetes && {
          [ANNOTATION_KUBERNETES_LABEL_SELECTOR]:
            config.kubernetes.labelSelector,
          ...(config.kubernetes.namespace && {
            [ANNOTATION_KUBERNETES_NAMESPACE]: config.kubernetes.namespace,
          }),
        }),
      },
      labels,
      links: [
        {
          url: `https://portal.azure.com/#resource${cluster.resourceId}`,
          title: 'Azure portal',
        },
      ],
    },
    spec: {
      type: 'kubernetes-cluster',
      owner,
      ...(system && { system }),
    },
  };
}
