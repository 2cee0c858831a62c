import { DEFAULT_NAMESPACE } from '../../../netpol/compilePolicy';
import {
  NetpolContainerPort,
  NetpolNamespace,
  NetpolPod,
  NetpolSnapshot,
  NetworkPolicyObject,
} from '../../../netpol/types';
import { isPlainObject } from '../../../netpol/validation';

/**
 * Turns parsed Kubernetes manifests into a snapshot, following the
 * conventions of the np-guard netpol-analyzer whose outputs serve as our
 * oracle (see shared/netpol-cases/README.md):
 *
 * - a workload controller stands for its pods through its pod template;
 * - a Pod belongs to the workload named by its controller ownerReference
 *   (kind `Pod` when the reference has no kind), except that a Pod owned by a
 *   Node (a static/mirror pod) or by nothing stands for itself;
 * - Services, `status` and every other kind are ignored.
 *
 * Pure: the caller reads and parses files.
 */

/** A snapshot plus the workload each of its pods belongs to. */
export interface ManifestCluster {
  snapshot: NetpolSnapshot;
  /** `ns/pod` -> the workload's label in the analyzer's grammar, `ns/name[Kind]`. */
  workloadOfPod: ReadonlyMap<string, string>;
}

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

type Manifest = Record<string, unknown>;

export function clusterFromManifests(
  documents: readonly unknown[],
): ManifestCluster {
  const namespaces: NetpolNamespace[] = [];
  const pods: NetpolPod[] = [];
  const policies: NetworkPolicyObject[] = [];
  const workloadOfPod = new Map<string, string>();

  for (const object of withoutExactDuplicates(unwrapLists(documents))) {
    const metadata = isPlainObject(object.metadata) ? object.metadata : {};
    const name = String(metadata.name ?? '');
    const namespace =
      typeof metadata.namespace === 'string' && metadata.namespace !== ''
        ? metadata.namespace
        : DEFAULT_NAMESPACE;
    const kind = object.kind as string;

    if (kind === 'Namespace') {
      namespaces.push({ name, labels: stringMap(metadata.labels) });
    } else if (kind === 'NetworkPolicy') {
      // Passed on as written: validation is the evaluator's job.
      policies.push(object as unknown as NetworkPolicyObject);
    } else if (kind === 'Pod') {
      pods.push({
        namespace,
        name,
        labels: stringMap(metadata.labels),
        ports: containerPorts(object.spec),
      });
      workloadOfPod.set(
        `${namespace}/${name}`,
        podWorkload(namespace, name, metadata),
      );
    } else if (WORKLOAD_KINDS.has(kind)) {
      const template = podTemplate(kind, object.spec);
      // Brackets never occur in Kubernetes names, so this cannot clash with a real pod.
      const podName = `${name}[${kind}]`;
      pods.push({
        namespace,
        name: podName,
        labels: stringMap(
          isPlainObject(template?.metadata)
            ? template?.metadata.labels
            : undefined,
        ),
        ports: containerPorts(template?.spec),
      });
      workloadOfPod.set(
        `${namespace}/${podName}`,
        `${namespace}/${name}[${kind}]`,
      );
    }
  }
  return { snapshot: { namespaces, pods, policies }, workloadOfPod };
}

/**
 * Flattens `kind: List` and typed lists (`PodList`, `NamespaceList`...), whose
 * items often omit `kind`: it is then the list kind without `List`.
 */
function unwrapLists(documents: readonly unknown[]): Manifest[] {
  const objects: Manifest[] = [];
  const visit = (value: unknown, impliedKind: string | undefined) => {
    if (!isPlainObject(value)) return; // empty or comment-only YAML documents
    const kind = typeof value.kind === 'string' ? value.kind : impliedKind;
    if (kind === undefined) return;
    if (kind.endsWith('List') && Array.isArray(value.items)) {
      const itemKind =
        kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      for (const item of value.items) visit(item, itemKind);
      return;
    }
    objects.push(kind === value.kind ? value : { ...value, kind });
  };
  for (const document of documents) visit(document, undefined);
  return objects;
}

/**
 * Drops repeats of an object that is byte-for-byte the same (a snapshot
 * assembled from several files may carry one object twice). Conflicting
 * objects with the same kind and name are kept, so that the evaluator
 * reports them instead of one silently winning.
 */
function withoutExactDuplicates(objects: Manifest[]): Manifest[] {
  const seen = new Map<string, string[]>();
  return objects.filter(object => {
    const metadata = isPlainObject(object.metadata) ? object.metadata : {};
    const key = `${object.kind}/${metadata.namespace ?? ''}/${
      metadata.name ?? ''
    }`;
    const text = JSON.stringify(object);
    const versions = seen.get(key) ?? [];
    if (versions.includes(text)) return false;
    seen.set(key, [...versions, text]);
    return true;
  });
}

function podWorkload(
  namespace: string,
  podName: string,
  metadata: Manifest,
): string {
  const references = Array.isArray(metadata.ownerReferences)
    ? metadata.ownerReferences
    : [];
  const controller = references.find(
    (reference): reference is Manifest =>
      isPlainObject(reference) && reference.controller === true,
  );
  if (!controller || controller.kind === 'Node')
    return `${namespace}/${podName}[Pod]`;
  const kind =
    typeof controller.kind === 'string' && controller.kind !== ''
      ? controller.kind
      : 'Pod';
  return `${namespace}/${String(controller.name)}[${kind}]`;
}

function podTemplate(kind: string, spec: unknown): Manifest | undefined {
  if (!isPlainObject(spec)) return undefined;
  if (kind === 'CronJob') {
    const jobTemplate = isPlainObject(spec.jobTemplate)
      ? spec.jobTemplate
      : undefined;
    const jobSpec = isPlainObject(jobTemplate?.spec)
      ? jobTemplate?.spec
      : undefined;
    return isPlainObject(jobSpec?.template) ? jobSpec?.template : undefined;
  }
  return isPlainObject(spec.template) ? spec.template : undefined;
}

/**
 * The `containers[].ports` of a pod spec. An entry without a numeric
 * `containerPort` (one input misspells it `containerport`) cannot be the
 * target of a named port, so it is dropped rather than rejected.
 */
function containerPorts(spec: unknown): NetpolContainerPort[] {
  if (!isPlainObject(spec) || !Array.isArray(spec.containers)) return [];
  const ports: NetpolContainerPort[] = [];
  for (const container of spec.containers) {
    if (!isPlainObject(container) || !Array.isArray(container.ports)) continue;
    for (const port of container.ports) {
      if (!isPlainObject(port) || typeof port.containerPort !== 'number')
        continue;
      ports.push({
        containerPort: port.containerPort,
        ...(port.name !== undefined ? { name: port.name as string } : {}),
        ...(port.protocol !== undefined
          ? { protocol: port.protocol as NetpolContainerPort['protocol'] }
          : {}),
      });
    }
  }
  return ports;
}

function stringMap(value: unknown): Record<string, string> {
  return isPlainObject(value) ? (value as Record<string, string>) : {};
}
