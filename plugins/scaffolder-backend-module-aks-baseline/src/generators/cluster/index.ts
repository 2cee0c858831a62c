import { posix } from 'node:path';
import { PlannedFile, manifestFileName, toJson, toYaml } from '../serialize';
import { KubernetesObject } from '../types';
import {
  ArmDeploymentTemplate,
  clusterTemplate,
  clusterTemplateParameters,
} from './arm/template';
import { HubEgressTemplate, hubEgressTemplate } from './arm/hubEgress';
import { clusterCatalogEntity } from './catalogInfo';
import {
  BaselineControlsFailedError,
  ControlGateResult,
  checkClusterControls,
} from './controlGate';
import {
  clusterKustomization,
  workloadIdentityEnv,
} from './manifests/kustomization';
import { WORKLOAD_IDENTITY_ENV_FILE } from './manifests/traefikIdentity';
import {
  CLUSTER_MANIFESTS_DIR,
  CRDS_DIR,
  crdsKustomization,
} from './manifests/crds';
import { traefikManifests } from './manifests';
import { ClusterNames, clusterNames } from './names';
import { clusterReadme } from './readme';
import { ClusterSpec } from './spec';
import { clusterSummary } from './summary';

export type { ClusterSpec } from './spec';
export { checkClusterControls, BaselineControlsFailedError };

export interface GeneratedCluster {
  names: ClusterNames;
  template: ArmDeploymentTemplate;
  parameters: ReturnType<typeof clusterTemplateParameters>;
  /** Traefik's manifests, in apply order. */
  manifests: KubernetesObject[];
  catalogInfo: ReturnType<typeof clusterCatalogEntity>;
  /** The network team's rule collection group for the hub firewall policy. */
  hubEgress: HubEgressTemplate;
}

/** Spec -> objects. Pure: the same spec gives the same objects. */
export function generateCluster(spec: ClusterSpec): GeneratedCluster {
  const names = clusterNames(spec);
  return {
    names,
    template: clusterTemplate(spec, names),
    parameters: clusterTemplateParameters(spec),
    manifests: traefikManifests(spec, names),
    catalogInfo: clusterCatalogEntity(spec),
    hubEgress: hubEgressTemplate(spec, names),
  };
}

/** Options for turning objects into files. */
export interface PlanOptions {
  /** Workspace folder for the repository ('' = the workspace root). */
  outputDir: string;
  /** Traefik's client id, when a deployment already produced it. */
  traefikClientId?: string;
  /**
   * Traefik's CRD file is in the workspace (the template's fetch step put
   * it there); without it the README says how to add it.
   */
  crdsFetched?: boolean;
}

/** Objects -> files (paths relative to the workspace, stable order). */
export function planClusterFiles(
  spec: ClusterSpec,
  generated: GeneratedCluster,
  gate: ControlGateResult,
  options: PlanOptions,
): PlannedFile[] {
  const at = (...segments: string[]) =>
    posix.join(options.outputDir || '.', ...segments);
  const manifestFiles = generated.manifests.map(object => ({
    path: at(CLUSTER_MANIFESTS_DIR, manifestFileName(object)),
    content: toYaml(object),
  }));
  return [
    { path: at('infra', 'cluster.json'), content: toJson(generated.template) },
    {
      path: at('infra', 'cluster.parameters.json'),
      content: toJson(generated.parameters),
    },
    {
      path: at('hub', 'egress-rules.json'),
      content: toJson(generated.hubEgress),
    },
    ...manifestFiles,
    {
      path: at(CRDS_DIR, 'kustomization.yaml'),
      content: toYaml(crdsKustomization()),
    },
    {
      path: at(CLUSTER_MANIFESTS_DIR, WORKLOAD_IDENTITY_ENV_FILE),
      content: workloadIdentityEnv(options.traefikClientId),
    },
    {
      path: at(CLUSTER_MANIFESTS_DIR, 'kustomization.yaml'),
      content: toYaml(
        clusterKustomization(spec, generated.names, generated.manifests),
      ),
    },
    { path: at('catalog-info.yaml'), content: toYaml(generated.catalogInfo) },
    {
      path: at('README.md'),
      content: clusterReadme(spec, generated.names, gate.accepted, {
        crdsFetched: options.crdsFetched ?? false,
      }),
    },
  ];
}

export interface RenderedCluster {
  generated: GeneratedCluster;
  gate: ControlGateResult;
  files: PlannedFile[];
  summary: string;
}

/**
 * The pure path between validation and writing: generate, judge with the
 * baseline controls, serialize. Throws `BaselineControlsFailedError` when a
 * control fails that nothing explains, so nothing is written.
 */
export function renderCluster(
  spec: ClusterSpec,
  options: PlanOptions & { notes?: string[] },
  generate: (spec: ClusterSpec) => GeneratedCluster = generateCluster,
): RenderedCluster {
  const generated = generate(spec);
  const gate = checkClusterControls(spec, generated.names, generated);
  if (gate.failures.length > 0) {
    throw new BaselineControlsFailedError(gate.failures);
  }
  const files = planClusterFiles(spec, generated, gate, options);
  return {
    generated,
    gate,
    files,
    summary: clusterSummary(spec, generated, gate, files, options.notes ?? []),
  };
}
