import {
  buildInClusterModel,
  InClusterModel,
  KubernetesObject,
  KubernetesObservation,
  TraefikLocator,
} from '@aks-baseline/plugin-aks-baseline-common';
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
  return {
    observed: true,
    ...model,
    observation: { objects: input.objects, traefik: locator },
    notes: model.policies.error ? [...notes, model.policies.error] : notes,
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
