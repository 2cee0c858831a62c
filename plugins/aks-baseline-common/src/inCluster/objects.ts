import { isRecord } from '../arm/read';
import type { KubernetesObject } from '../controls/types';

/** Pure accessors over Kubernetes objects (plain API JSON, read or generated). */

/** A nested field (`spec.selector`); keys are case-sensitive, as in the API. */
export function readField(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function readList(source: unknown, path: string): unknown[] {
  const value = readField(source, path);
  return Array.isArray(value) ? value : [];
}

/**
 * The object's name; `(unnamed)` when it has none, which only a generator or
 * a fixture can produce (the API server requires one), so messages show it.
 */
export const nameOf = (o: KubernetesObject) => o.metadata?.name ?? '(unnamed)';
/** The namespace; a namespaced object without one lives in `default`. */
export const namespaceOf = (o: KubernetesObject) =>
  o.metadata?.namespace ?? 'default';
export const refOf = (o: KubernetesObject) => `${namespaceOf(o)}/${nameOf(o)}`;
export const labelsOf = (o: KubernetesObject) => o.metadata?.labels ?? {};
export const annotationsOf = (o: KubernetesObject) =>
  o.metadata?.annotations ?? {};

/** Whether `labels` carry every pair of `required` (a Service selector, config labels). */
export function hasLabels(
  labels: Record<string, string>,
  required: Record<string, string>,
): boolean {
  return Object.entries(required).every(([k, v]) => labels[k] === v);
}

/**
 * A container's `--key=value` args and command words, keys lower-cased
 * (Traefik's flags are case-insensitive); a later one wins.
 */
export function commandLineOf(container: unknown): Map<string, string> {
  const args = new Map<string, string>();
  for (const arg of [
    ...readList(container, 'args'),
    ...readList(container, 'command'),
  ]) {
    const match = /^--?([^=]+)=(.*)$/.exec(String(arg));
    if (match) args.set(match[1].toLowerCase(), match[2]);
  }
  return args;
}

export function isReadyPod(pod: KubernetesObject): boolean {
  return readList(pod, 'status.conditions').some(
    c => readField(c, 'type') === 'Ready' && readField(c, 'status') === 'True',
  );
}

/** Objects of the cluster by kind, read once per cluster. */
export class ObjectIndex {
  private readonly byKind = new Map<string, KubernetesObject[]>();

  constructor(readonly objects: KubernetesObject[]) {
    for (const o of objects) {
      const kind = o.kind ?? '';
      const same = this.byKind.get(kind);
      if (same) same.push(o);
      else this.byKind.set(kind, [o]);
    }
  }

  of(kind: string): KubernetesObject[] {
    return this.byKind.get(kind) ?? [];
  }

  find(
    kind: string,
    namespace: string,
    name: string,
  ): KubernetesObject | undefined {
    return this.of(kind).find(
      o => namespaceOf(o) === namespace && nameOf(o) === name,
    );
  }

  /** Pods of a namespace whose labels match a Service-style selector. */
  podsSelectedBy(
    namespace: string,
    selector: Record<string, string>,
  ): KubernetesObject[] {
    if (Object.keys(selector).length === 0) return [];
    return this.of('Pod').filter(
      p => namespaceOf(p) === namespace && hasLabels(labelsOf(p), selector),
    );
  }
}

/** Workloads whose pod template stands for their pods where none was read. */
const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
];

/** A workload's pod template: what its pods will look like. */
export interface PodTemplate {
  workload: KubernetesObject;
  /** `Deployment namespace/name`, for messages. */
  source: string;
  namespace: string;
  /** `name[Kind]`: brackets never occur in Kubernetes names, so it clashes with no pod. */
  name: string;
  labels: Record<string, string>;
  /** The template's `spec` (containers, serviceAccountName, volumes). */
  podSpec: unknown;
}

/**
 * The pod templates of every workload. Generators emit workloads, not pods,
 * so for generated objects (and namespaces whose pods were not read) these
 * are the pods.
 */
export function podTemplates(index: ObjectIndex): PodTemplate[] {
  return WORKLOAD_KINDS.flatMap(kind => index.of(kind)).map(workload => ({
    workload,
    source: `${workload.kind} ${refOf(workload)}`,
    namespace: namespaceOf(workload),
    name: `${nameOf(workload)}[${workload.kind}]`,
    labels: (readField(workload, 'spec.template.metadata.labels') ??
      {}) as Record<string, string>,
    podSpec: readField(workload, 'spec.template.spec'),
  }));
}
