import { posix } from 'node:path';
import {
  PlannedFile,
  kustomization,
  manifestFileName,
  toJson,
  toYaml,
} from '../serialize';
import { KubernetesObject } from '../types';
import { AppGatewayFragment, appGatewayFragment } from './appGatewayFragment';
import { catalogInfoEntity } from './catalogInfo';
import { namespaceManifest } from './namespace';
import {
  defaultDenyNetworkPolicy,
  dnsEgressNetworkPolicy,
  egressAllowanceNetworkPolicy,
  traefikIngressNetworkPolicy,
} from './networkPolicies';
import { onboardingReadme } from './readme';
import { secretProviderClassManifest } from './secretProviderClass';
import { serviceAccountManifest } from './serviceAccount';
import { checkOnboarding } from './checks';
import { OnboardingOutputDirs, OnboardingSpec } from './spec';
import { onboardingSummary } from './summary';
import {
  appGatewayOnlyMiddlewareManifest,
  ingressRouteManifest,
} from './traefik';

export { checkOnboarding };
export type {
  OnboardingSpec,
  OnboardingOutputDirs,
  EgressAllowance,
} from './spec';

export interface GeneratedOnboarding {
  /** Kubernetes objects in the order they are applied. */
  manifests: KubernetesObject[];
  catalogInfo: ReturnType<typeof catalogInfoEntity>;
  appGateway: AppGatewayFragment;
}

/** Spec -> objects. Pure: no I/O, same spec, same objects. */
export function generateOnboarding(spec: OnboardingSpec): GeneratedOnboarding {
  const manifests = [
    namespaceManifest(spec),
    defaultDenyNetworkPolicy(spec),
    dnsEgressNetworkPolicy(spec),
    traefikIngressNetworkPolicy(spec),
    egressAllowanceNetworkPolicy(spec),
    serviceAccountManifest(spec),
    secretProviderClassManifest(spec),
    appGatewayOnlyMiddlewareManifest(spec),
    ingressRouteManifest(spec),
  ].filter((m): m is KubernetesObject => m !== undefined);
  return {
    manifests,
    catalogInfo: catalogInfoEntity(spec),
    appGateway: appGatewayFragment(spec),
  };
}

const FILE_COMMENTS: Record<string, string> = {
  SecretProviderClass:
    "The CSI driver syncs the TLS secret below only while a pod mounts this\nSecretProviderClass as a CSI volume: the app's pods must mount it (see README.md).",
};

/** Objects -> files (path relative to the workspace, and content). */
export function planOnboardingFiles(
  spec: OnboardingSpec,
  generated: GeneratedOnboarding,
  dirs: OnboardingOutputDirs,
): PlannedFile[] {
  const inCluster = (name: string) => posix.join(dirs.cluster, name);
  const appGatewayPath = posix.join(
    dirs.platform,
    `appgateway-${spec.appName}.json`,
  );

  const manifestFiles = generated.manifests.map(object => ({
    path: inCluster(manifestFileName(object)),
    content: toYaml(object, FILE_COMMENTS[object.kind]),
  }));
  const resources = generated.manifests.map(manifestFileName);
  return [
    ...manifestFiles,
    {
      path: inCluster('kustomization.yaml'),
      content: toYaml(kustomization(resources)),
    },
    {
      path: inCluster('catalog-info.yaml'),
      content: toYaml(generated.catalogInfo),
    },
    {
      path: inCluster('README.md'),
      content: onboardingReadme(spec, {
        appGatewayFragment: posix.basename(appGatewayPath),
      }),
    },
    { path: appGatewayPath, content: toJson(generated.appGateway) },
  ];
}

/**
 * The whole pure path the action runs between validation and writing:
 * generate, check, serialize. `fromCluster` names the inputs the cluster's
 * stamp contract gave, for the summary. Throws (a generator bug, not bad input) when
 * the checks find the objects inconsistent, so nothing is written.
 */
export function renderOnboarding(
  spec: OnboardingSpec,
  dirs: OnboardingOutputDirs,
  fromCluster: readonly string[] = [],
): { files: PlannedFile[]; summary: string } {
  const generated = generateOnboarding(spec);
  const problems = checkOnboarding(
    spec,
    generated.manifests,
    generated.appGateway,
  );
  if (problems.length > 0) {
    throw new Error(
      `Generated onboarding for ${
        spec.appName
      } failed its checks: ${problems.join('; ')}`,
    );
  }
  const files = planOnboardingFiles(spec, generated, dirs);
  return { files, summary: onboardingSummary(spec, dirs, files, fromCluster) };
}
