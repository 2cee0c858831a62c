import { nestedYaml } from '../../serialize';
import { KubernetesObject } from '../../types';
import { ClusterNames, clusterLabels } from '../names';
import { ClusterSpec } from '../spec';

export const WORKLOAD_IDENTITY_CLIENT_ID = 'azure.workload.identity/client-id';
export const WORKLOAD_IDENTITY_USE = 'azure.workload.identity/use';

/**
 * Traefik's identity's client id is known only after the ARM deployment.
 * The manifests carry this placeholder; kustomize replaces it with the value
 * in `workload-identity.env` (one place to fill in, see the README).
 */
export const CLIENT_ID_PLACEHOLDER = 'set-from-workload-identity-env';

/** The env file kustomize reads the client id from. */
export const WORKLOAD_IDENTITY_ENV_FILE = 'workload-identity.env';

export function traefikNamespace(spec: ClusterSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.traefik.namespace,
      labels: {
        ...clusterLabels(spec),
        // Traefik meets the restricted Pod Security Standard; enforce it.
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  };
}

/** Traefik's service account, federated with its managed identity (K8S-08). */
export function traefikServiceAccount(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: names.traefik.serviceAccount,
      namespace: spec.traefik.namespace,
      labels: clusterLabels(spec),
      annotations: {
        [WORKLOAD_IDENTITY_CLIENT_ID]: CLIENT_ID_PLACEHOLDER,
        'azure.workload.identity/tenant-id': spec.entra.tenantId,
      },
    },
  };
}

/**
 * Pulls Traefik's certificate from Key Vault through the CSI driver with
 * workload identity (K8S-04), and syncs it into a kubernetes.io/tls secret
 * (the driver splits the PEM into key and certificate). Traefik serves that
 * secret through its TLS store: unlike a certificate file, a secret is
 * reloaded when rotation updates it.
 */
export function traefikSecretProviderClass(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  const objectAlias = 'ingress-tls.pem';
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: {
      name: names.traefik.secretProviderClass,
      namespace: spec.traefik.namespace,
      labels: clusterLabels(spec),
    },
    spec: {
      provider: 'azure',
      parameters: {
        // The provider reads every parameter as a string.
        usePodIdentity: 'false',
        clientID: CLIENT_ID_PLACEHOLDER,
        keyvaultName: spec.keyVault.name,
        // `tenantID`: the provider deprecated `tenantId`.
        tenantID: spec.entra.tenantId,
        // YAML inside a string, built as data: one entry per object.
        // objectType `secret` returns the certificate's key and chain as PEM.
        objects: nestedYaml({
          array: [
            nestedYaml({
              objectName: spec.keyVault.ingressCertificateName,
              objectType: 'secret',
              objectAlias,
            }),
          ],
        }),
      },
      secretObjects: [
        {
          secretName: names.traefik.tlsSecret,
          type: 'kubernetes.io/tls',
          data: [
            { objectName: objectAlias, key: 'tls.key' },
            { objectName: objectAlias, key: 'tls.crt' },
          ],
        },
      ],
    },
  };
}

/** Traefik's default certificate, from the secret the CSI driver syncs. */
export function traefikTlsStore(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'TLSStore',
    metadata: {
      // Traefik uses the store named `default` for connections without a
      // matching certificate.
      name: 'default',
      namespace: spec.traefik.namespace,
      labels: clusterLabels(spec),
    },
    spec: { defaultCertificate: { secretName: names.traefik.tlsSecret } },
  };
}
