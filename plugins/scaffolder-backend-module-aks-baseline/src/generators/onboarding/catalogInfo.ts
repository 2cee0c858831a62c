import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
} from '@aks-baseline/plugin-aks-baseline-common';
import { OnboardingSpec } from './spec';

/**
 * The app's catalog entity. The `aks-baseline.io/*` annotations (a public
 * interface, see the README) let the app's page find its cluster, namespace
 * and host, so it shows its ingress chain as soon as it is registered.
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
