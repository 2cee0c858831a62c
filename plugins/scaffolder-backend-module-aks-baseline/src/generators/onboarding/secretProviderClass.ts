import { nestedYaml } from '../serialize';
import { KubernetesObject } from '../types';
import { OnboardingSpec, commonLabels, onboardingNames } from './spec';

/**
 * Pulls the ingress certificate from Key Vault through the Secrets Store CSI
 * driver with workload identity (control K8S-04) and syncs it into a
 * `kubernetes.io/tls` secret for Traefik.
 *
 * The driver creates (and keeps) the synced secret only while at least one
 * pod mounts a CSI volume using this class: the app's pods must mount it.
 */
export function secretProviderClassManifest(
  spec: OnboardingSpec,
): KubernetesObject {
  const names = onboardingNames(spec);
  const certificate = spec.keyVault.certificateName;
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: {
      name: names.secretProviderClass,
      namespace: spec.namespace,
      labels: commonLabels(spec),
    },
    spec: {
      provider: 'azure',
      parameters: {
        // The provider reads every parameter as a string.
        usePodIdentity: 'false',
        clientID: spec.keyVault.certificateReaderClientId,
        keyvaultName: spec.keyVault.name,
        // `tenantID`: the provider deprecated `tenantId`.
        tenantID: spec.keyVault.tenantId,
        // The provider expects YAML inside this string: an `array` of
        // YAML documents, one per Key Vault object. Built as data and
        // serialized, so a name can never add an object or a key.
        // objectType `secret` returns the certificate with its private key.
        objects: nestedYaml({
          array: [
            nestedYaml({ objectName: certificate, objectType: 'secret' }),
          ],
        }),
      },
      secretObjects: [
        {
          secretName: names.tlsSecret,
          type: 'kubernetes.io/tls',
          data: [
            { objectName: certificate, key: 'tls.key' },
            { objectName: certificate, key: 'tls.crt' },
          ],
        },
      ],
    },
  };
}
