import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
} from '@aks-baseline/plugin-aks-baseline-common';
import { onboardingNames, OnboardingSpec } from './spec';

// The Kubernetes plugin's annotations (@backstage/plugin-kubernetes-common):
// which workloads belong to the entity, in every cluster the plugin knows.
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** `key=value,...`, the label selector syntax of the Kubernetes API. */
function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/**
 * The app's catalog entity. The `aks-baseline.io/*` annotations (a public
 * interface, see the README) let the app's page find its cluster, namespace
 * and host, so it shows its ingress chain as soon as it is registered. The
 * `backstage.io/kubernetes-*` ones let the Kubernetes plugin show its pods:
 * those in its namespace with the pod labels its NetworkPolicies select.
 */
export function catalogInfoEntity(spec: OnboardingSpec) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.appName,
      description: `${spec.appName}, served at https://${spec.host} from namespace ${spec.namespace}`,
      annotations: {
        [ANNOTATION_CLUSTER]: spec.clusterRef,
        [ANNOTATION_NAMESPACE]: spec.namespace,
        [ANNOTATION_HOST]: spec.host,
        [ANNOTATION_KUBERNETES_ID]: spec.appName,
        [ANNOTATION_KUBERNETES_NAMESPACE]: spec.namespace,
        [ANNOTATION_KUBERNETES_LABEL_SELECTOR]: labelSelector(
          onboardingNames(spec).podLabels,
        ),
      },
      links: [
        { url: `https://${spec.host}`, title: 'Public URL', icon: 'web' },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: spec.ownerRef,
      dependsOn: [spec.clusterRef],
    },
  };
}
