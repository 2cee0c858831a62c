import {
  commandLineOf,
  labelsOf,
  namespaceOf,
  ObjectIndex,
  podTemplates,
  readField,
  readList,
  refOf,
} from '../inCluster/objects';
import type { KubernetesObject } from './types';

/** A pod or a workload's pod template, reduced to what the controls read. */
export interface PodShape {
  source: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccountName: string;
}

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
  const templates = podTemplates(objects).map(t => ({
    source: t.source,
    namespace: t.namespace,
    labels: t.labels,
    serviceAccountName: String(
      readField(t.podSpec, 'serviceAccountName') ?? 'default',
    ),
  }));
  return [...pods, ...templates];
}

/** Container args of a workload (`--entrypoints.websecure...=...`), as key (lower case) -> value. */
export function containerArgs(
  workload: KubernetesObject | undefined,
): Map<string, string> {
  return new Map(
    readList(workload, 'spec.template.spec.containers').flatMap(c => [
      ...commandLineOf(c),
    ]),
  );
}
