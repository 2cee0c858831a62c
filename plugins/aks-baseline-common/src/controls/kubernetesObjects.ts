import { isRecord } from '../arm/read';
import {
  labelsOf,
  namespaceOf,
  readField,
  ObjectIndex,
  readList,
  refOf,
} from '../inCluster/objects';
import type { KubernetesObject } from './types';

/**
 * Whether a selector matches labels. Accepts both forms: a NetworkPolicy /
 * Deployment `LabelSelector` (matchLabels + matchExpressions) and a Service's
 * plain map. An empty selector matches everything.
 */
export function selectorMatches(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  if (!isRecord(selector)) return selector === undefined;
  const structured =
    'matchLabels' in selector || 'matchExpressions' in selector;
  const matchLabels = (structured ? selector.matchLabels : selector) ?? {};
  if (!isRecord(matchLabels)) return false;
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v))
    return false;
  const expressions =
    structured && Array.isArray(selector.matchExpressions)
      ? selector.matchExpressions
      : [];
  return expressions.every(expression => {
    const key = String(readField(expression, 'key'));
    const values = readList(expression, 'values').map(String);
    switch (readField(expression, 'operator')) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}

/** Whether a selector selects every pod (`{}`). */
export function isEmptySelector(selector: unknown): boolean {
  if (selector === undefined) return true;
  if (!isRecord(selector)) return false;
  return (
    Object.keys(readField(selector, 'matchLabels') ?? {}).length === 0 &&
    readList(selector, 'matchExpressions').length === 0 &&
    Object.keys(selector).every(
      k => k === 'matchLabels' || k === 'matchExpressions',
    )
  );
}

/** A pod or a workload's pod template, reduced to what the controls read. */
export interface PodShape {
  source: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccountName: string;
}

const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
];

/** Pods, and the pod templates of workloads (generators emit Deployments, not pods). */
export function podShapes(objects: ObjectIndex): PodShape[] {
  const pods = objects.of('Pod').map(p => ({
    source: `Pod ${refOf(p)}`,
    namespace: namespaceOf(p),
    labels: labelsOf(p),
    serviceAccountName: String(
      readField(p, 'spec.serviceAccountName') ?? 'default',
    ),
  }));
  const templates = WORKLOAD_KINDS.flatMap(kind => objects.of(kind)).map(w => ({
    source: `${w.kind} ${refOf(w)}`,
    namespace: namespaceOf(w),
    labels: (readField(w, 'spec.template.metadata.labels') ?? {}) as Record<
      string,
      string
    >,
    serviceAccountName: String(
      readField(w, 'spec.template.spec.serviceAccountName') ?? 'default',
    ),
  }));
  return [...pods, ...templates];
}

/** Container args of a workload (`--entrypoints.websecure...=...`), as key (lower case) -> value. */
export function containerArgs(
  workload: KubernetesObject | undefined,
): Map<string, string> {
  const args = new Map<string, string>();
  for (const container of readList(workload, 'spec.template.spec.containers')) {
    for (const arg of [
      ...readList(container, 'args'),
      ...readList(container, 'command'),
    ]) {
      const match = /^--?([^=]+)=(.*)$/.exec(String(arg));
      if (match) args.set(match[1].toLowerCase(), match[2]);
    }
  }
  return args;
}
