import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { CLUSTER_MANIFESTS_DIR, CRDS_DIR } from '../manifests/crds';
import { acrPullAssignmentId } from './containerRegistry';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  extensionResourceId,
  extensionScope,
  resourceId,
} from './expressions';

/*
 * The GitOps bootstrap, as the reference's `workload-team/cluster-stamp.bicep`
 * does it: the Flux cluster extension, then a Flux configuration that clones
 * the cluster's repository and applies cluster-manifests/. The API server is
 * private and run command is off, so this is the only way the manifests
 * reach the cluster without a runner inside the network.
 */

export const FLUX_EXTENSION_NAME = 'flux';
export const FLUX_CONFIGURATION_NAME = 'bootstrap';
export const FLUX_NAMESPACE = 'flux-system';

/** Flux's kustomizations, in the order they apply (`dependsOn`). */
export const FLUX_KUSTOMIZATIONS = {
  crds: 'crds',
  traefik: 'traefik',
} as const;

const clusterTarget = (spec: ClusterSpec) => ({
  type: RESOURCE_TYPES.managedCluster,
  name: spec.clusterName,
});

/**
 * The Flux extension, cluster-wide in flux-system. The controllers are the
 * reference's: source and kustomize (what a GitRepository + Kustomization
 * bootstrap needs), notification on (the reference found the extension
 * failing without it), helm and the image automation controllers off (no
 * HelmRelease, no image updates from Git: images are pinned).
 */
export function fluxExtension(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.clusterExtension,
    apiVersion: API_VERSIONS.kubernetesExtensions,
    name: FLUX_EXTENSION_NAME,
    scope: extensionScope(clusterTarget(spec)),
    dependsOn: [
      resourceId(RESOURCE_TYPES.managedCluster, spec.clusterName),
      // The extension's agents start pulling images once installed.
      acrPullAssignmentId(spec, names),
    ],
    properties: {
      extensionType: 'microsoft.flux',
      autoUpgradeMinorVersion: true,
      releaseTrain: 'Stable',
      scope: { cluster: { releaseNamespace: FLUX_NAMESPACE } },
      configurationSettings: {
        'helm-controller.enabled': 'false',
        'source-controller.enabled': 'true',
        'kustomize-controller.enabled': 'true',
        'notification-controller.enabled': 'true',
        'image-automation-controller.enabled': 'false',
        'image-reflector-controller.enabled': 'false',
      },
    },
  };
}

/**
 * Clones the cluster's repository and applies, in order: Traefik's CRDs
 * (never pruned: deleting a CRD deletes every object of its kind, in every
 * namespace; waited for, so the CRs after them are accepted), then
 * cluster-manifests/ itself. The repository's credential, when it is
 * private, is not here: see the README (protected settings or
 * `az k8s-configuration flux update`), never the repository.
 */
export function fluxConfiguration(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  const timing = {
    timeoutInSeconds: 300,
    syncIntervalInSeconds: 300,
    retryIntervalInSeconds: 300,
  };
  return {
    type: RESOURCE_TYPES.fluxConfiguration,
    apiVersion: API_VERSIONS.fluxConfigurations,
    name: FLUX_CONFIGURATION_NAME,
    scope: extensionScope(clusterTarget(spec)),
    dependsOn: [
      fluxExtensionId(spec),
      resourceId(RESOURCE_TYPES.managedCluster, spec.clusterName),
      acrPullAssignmentId(spec, names),
    ],
    properties: {
      scope: 'cluster',
      namespace: FLUX_NAMESPACE,
      sourceKind: 'GitRepository',
      gitRepository: {
        url: spec.gitops.repositoryUrl,
        repositoryRef: { branch: spec.gitops.branch },
        timeoutInSeconds: 180,
        syncIntervalInSeconds: 300,
      },
      kustomizations: {
        [FLUX_KUSTOMIZATIONS.crds]: {
          path: `./${CRDS_DIR}`,
          ...timing,
          prune: false,
          wait: true,
        },
        [FLUX_KUSTOMIZATIONS.traefik]: {
          path: `./${CLUSTER_MANIFESTS_DIR}`,
          dependsOn: [FLUX_KUSTOMIZATIONS.crds],
          ...timing,
          prune: true,
          wait: true,
        },
      },
    },
  };
}

/** The Flux extension's id, for `dependsOn`. */
export function fluxExtensionId(spec: ClusterSpec): string {
  return extensionResourceId(
    clusterTarget(spec),
    RESOURCE_TYPES.clusterExtension,
    { literal: FLUX_EXTENSION_NAME },
  );
}
