import { KubernetesObject } from '../types';
import { OnboardingSpec, commonLabels } from './spec';

/**
 * The app's namespace, labelled with its owner and held to the `restricted`
 * Pod Security Standard in all three admission modes (enforce rejects,
 * audit and warn make violations visible before a policy tightens).
 */
export function namespaceManifest(spec: OnboardingSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.namespace,
      labels: {
        ...commonLabels(spec),
        'aks-baseline.io/owner': spec.ownerName,
        'aks-baseline.io/owner-kind': spec.ownerKind,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
      annotations: {
        'aks-baseline.io/owner-ref': spec.ownerRef,
        'aks-baseline.io/cluster': spec.clusterRef,
      },
    },
  };
}
