import { manifestFileName } from '../../serialize';
import { KubernetesObject } from '../../types';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  CLIENT_ID_PLACEHOLDER,
  WORKLOAD_IDENTITY_CLIENT_ID,
  WORKLOAD_IDENTITY_ENV_FILE,
} from './traefikIdentity';

/**
 * Applies the manifests, and copies Traefik's client id from
 * `workload-identity.env` into the ServiceAccount annotation and the
 * SecretProviderClass, so the value known only after the ARM deployment is
 * filled in once.
 */
export function clusterKustomization(
  spec: ClusterSpec,
  names: ClusterNames,
  manifests: KubernetesObject[],
) {
  const namespace = spec.traefik.namespace;
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: manifests.map(manifestFileName),
    configMapGenerator: [
      {
        name: names.traefik.identityConfigMap,
        namespace,
        envs: [WORKLOAD_IDENTITY_ENV_FILE],
        options: { disableNameSuffixHash: true },
      },
    ],
    replacements: [
      {
        source: {
          kind: 'ConfigMap',
          name: names.traefik.identityConfigMap,
          namespace,
          fieldPath: 'data.clientId',
        },
        targets: [
          {
            select: {
              kind: 'ServiceAccount',
              name: names.traefik.serviceAccount,
              namespace,
            },
            // Brackets: the annotation key contains dots.
            fieldPaths: [
              `metadata.annotations.[${WORKLOAD_IDENTITY_CLIENT_ID}]`,
            ],
          },
          {
            select: {
              kind: 'SecretProviderClass',
              name: names.traefik.secretProviderClass,
              namespace,
            },
            fieldPaths: ['spec.parameters.clientID'],
          },
        ],
      },
    ],
  };
}

/** The env file kustomize reads; the client id once a deployment has produced it. */
export function workloadIdentityEnv(traefikClientId?: string): string {
  return [
    "# Client id of Traefik's managed identity, from the ARM deployment's output",
    '# traefikIdentityClientId (see README.md, step 3).',
    `clientId=${traefikClientId ?? CLIENT_ID_PLACEHOLDER}`,
    '',
  ].join('\n');
}
