import { KubernetesObject } from '../types';
import { OnboardingSpec, commonLabels, onboardingNames } from './spec';

/**
 * The app's ServiceAccount. Its pods mount the certificate volume, so the
 * certificate reader identity needs a federated credential for
 * `system:serviceaccount:<namespace>:<name>`; with an app identity the
 * account also carries the workload identity client id (control K8S-08).
 * Pods opt in with the label `azure.workload.identity/use: "true"`.
 */
export function serviceAccountManifest(spec: OnboardingSpec): KubernetesObject {
  const names = onboardingNames(spec);
  const metadata: KubernetesObject['metadata'] = {
    name: names.serviceAccount,
    namespace: spec.namespace,
    labels: commonLabels(spec),
  };
  if (spec.appIdentityClientId) {
    metadata.annotations = {
      'azure.workload.identity/client-id': spec.appIdentityClientId,
    };
  }
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata };
}

/** The subject a federated identity credential must name for this account. */
export function workloadIdentitySubject(spec: OnboardingSpec): string {
  const names = onboardingNames(spec);
  return `system:serviceaccount:${spec.namespace}:${names.serviceAccount}`;
}
