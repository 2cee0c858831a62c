import {
  BackendView,
  buildInClusterModel,
  InClusterModel,
  KubernetesObject,
  KubernetesObservation,
  NetworkPolicyVerdict,
  NetworkPolicyView,
  TraefikLocator,
  TraefikRoute,
  TraefikView,
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
 * once per cluster (pure): where Traefik is, every route, the
 * NetworkPolicy evaluation, and the verdicts K8S-06/07 take from it.
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
  const { routes, traefik, policies, backend } = model;

  return {
    observed: true,
    ...model,
    observation: {
      objects: input.objects,
      traefik: locator,
      networkPolicyVerdicts: verdicts(routes, traefik, policies, backend),
    },
    notes: policies.error ? [...notes, policies.error] : notes,
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

/**
 * K8S-06 per app namespace and K8S-07 per routed Service, from the
 * evaluator instead of the controls' structural reading. App namespaces are
 * those with routes, except Traefik's (the controls' own default).
 */
function verdicts(
  routes: TraefikRoute[],
  traefik: TraefikView,
  policies: NetworkPolicyView,
  backend: (route: TraefikRoute) => BackendView | undefined,
): NetworkPolicyVerdict[] {
  const appNamespaces = new Set(
    routes
      .map(r => r.object.metadata?.namespace ?? 'default')
      .filter(ns => ns !== traefik.namespace),
  );
  const result: NetworkPolicyVerdict[] = [];
  for (const namespace of [...appNamespaces].sort()) {
    const isolation = policies.isolationOf(namespace);
    if (isolation) {
      result.push({ control: 'K8S-06', namespace, ...isolation });
    }
  }
  const seen = new Set<string>();
  for (const route of routes) {
    const target = route.backend;
    if (!target || !appNamespaces.has(target.namespace)) continue;
    const key = `${target.namespace}/${target.service}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const view = backend(route);
    const reach = view && policies.traefikTo(view);
    if (!reach) continue;
    result.push({
      control: 'K8S-07',
      namespace: target.namespace,
      service: target.service,
      satisfied: reach.allowed && !reach.othersAllowed,
      explanation: reach.explanation,
    });
  }
  return result;
}
