import {
  buildInClusterModel,
  InClusterModel,
  KubernetesObject,
  KubernetesObservation,
  namespaceOf,
  readTraefikFileConfiguration,
  SourceError,
  TraefikLocator,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parse as parseYaml } from 'yaml';
import type { TraefikSettings } from '../types';

/** What the resolver knows about a cluster's inside: read, or why not. */
export type InClusterView =
  | (InClusterModel & {
      observed: true;
      /** What the control evaluator gets (K8S-01..08, ING-01 context). */
      observation: KubernetesObservation;
      notes: string[];
    })
  | {
      observed: false;
      reason: string;
      observation: KubernetesObservation;
      notes: string[];
    };

/** What the reader (or a test) hands the resolver for one cluster. */
export interface KubernetesInput {
  objects?: KubernetesObject[];
  unavailableReason?: string;
  notes?: string[];
  /** The ConfigMap list failed: Traefik's file configuration is unknown. */
  traefikConfigurationError?: SourceError;
}

/**
 * Everything the chain and the controls need from the objects, worked out
 * once per cluster (pure): the common package's in-cluster model, which the
 * control evaluator is handed too, so both judge the same reading.
 */
export function analyzeInCluster(
  input: KubernetesInput,
  settings: TraefikSettings,
): InClusterView {
  const notes = input.notes ?? [];
  if (!input.objects) {
    const reason =
      input.unavailableReason ?? 'Kubernetes objects were not read';
    return {
      observed: false,
      reason,
      observation: { unavailableReason: reason },
      notes,
    };
  }
  const locator = traefikLocator(settings);
  const model = buildInClusterModel({
    objects: input.objects,
    traefik: locator,
  });
  const files = input.traefikConfigurationError
    ? { notes: [] }
    : readTraefikFileConfiguration(
        model.traefik.deployment,
        model.objects
          .of('ConfigMap')
          .filter(m => namespaceOf(m) === model.traefik.namespace),
        parseYaml,
      );
  return {
    observed: true,
    ...model,
    observation: {
      // The ConfigMaps are judged as the configuration they hold, below.
      objects: input.objects.filter(o => o.kind !== 'ConfigMap'),
      traefik: locator,
      traefikStaticConfig: files.staticConfig,
      traefikDynamicConfig: files.dynamicConfig,
    },
    notes: [
      ...notes,
      ...(model.policies.error ? [model.policies.error] : []),
      ...files.notes,
    ],
  };
}

/** The configured Traefik, as the common package's locator takes it. */
function traefikLocator(settings: TraefikSettings): TraefikLocator {
  return {
    namespace: settings.namespace,
    serviceName: settings.serviceName,
    podLabels: settings.labels,
  };
}
