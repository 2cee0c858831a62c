import { IpAddress, parseIpAddress } from './cidr';
import { describeValue, inputError, ObjectContext } from './errors';
import { Labels } from './labelSelector';
import { isProtocol } from './portRanges';
import { Protocol } from './types';
import {
  isPlainObject,
  isValidPortNumber,
  readList,
  readNonEmptyString,
  readStringRecord,
} from './validation';

/** The label the API server puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ModelPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** A validated pod, with its namespace's labels resolved. */
export interface ModelPod {
  /** Position in {@link ClusterModel.pods}; the evaluator indexes arrays by it. */
  index: number;
  namespace: string;
  name: string;
  /** `ns/name`. */
  ref: string;
  labels: Labels;
  namespaceLabels: Labels;
  ports: ModelPort[];
  address?: IpAddress;
}

export interface ClusterModel {
  pods: ModelPod[];
  podIndexByRef: ReadonlyMap<string, number>;
  /** Labels of every namespace that is declared or used by a pod. */
  namespaceLabels(namespace: string): Labels;
}

/**
 * Validates the namespaces and pods of a snapshot. A namespace used by a pod
 * but never declared is assumed to exist with only its automatic name label,
 * which is what a cluster would show for a namespace created without labels.
 */
export function buildClusterModel(
  rawNamespaces: unknown,
  rawPods: unknown,
): ClusterModel {
  const snapshotContext: ObjectContext = {
    kind: 'NetpolSnapshot',
    ref: 'snapshot',
  };
  const declared = new Map<string, Labels>();
  readList(rawNamespaces, snapshotContext, 'namespaces').forEach(
    (raw, position) => {
      const { name, labels } = readNamespace(raw, position);
      if (declared.has(name)) {
        throw inputError(
          { kind: 'Namespace', ref: name },
          'metadata.name',
          'is declared twice',
        );
      }
      declared.set(name, labels);
    },
  );

  const namespaceLabels = (namespace: string): Labels => {
    let labels = declared.get(namespace);
    if (!labels) {
      labels = Object.freeze({ [NAMESPACE_NAME_LABEL]: namespace });
      declared.set(namespace, labels);
    }
    return labels;
  };

  const podIndexByRef = new Map<string, number>();
  const pods = readList(rawPods, snapshotContext, 'pods').map((raw, index) => {
    const pod = readPod(raw, index, namespaceLabels);
    if (podIndexByRef.has(pod.ref)) {
      throw inputError(
        { kind: 'Pod', ref: pod.ref },
        'name',
        'is declared twice',
      );
    }
    podIndexByRef.set(pod.ref, index);
    return pod;
  });

  return { pods, podIndexByRef, namespaceLabels };
}

function readNamespace(
  raw: unknown,
  position: number,
): { name: string; labels: Labels } {
  const anonymous: ObjectContext = {
    kind: 'Namespace',
    ref: `namespaces[${position}]`,
  };
  if (!isPlainObject(raw)) {
    throw inputError(
      anonymous,
      '',
      `must be an object, got ${describeValue(raw)}`,
    );
  }
  const name = readNonEmptyString(raw.name, anonymous, 'name');
  const labels = readStringRecord(
    raw.labels,
    { kind: 'Namespace', ref: name },
    'labels',
  );
  // The automatic label always carries the real name, whatever was declared.
  return {
    name,
    labels: Object.freeze({ ...labels, [NAMESPACE_NAME_LABEL]: name }),
  };
}

function readPod(
  raw: unknown,
  index: number,
  namespaceLabels: (namespace: string) => Labels,
): ModelPod {
  const anonymous: ObjectContext = { kind: 'Pod', ref: `pods[${index}]` };
  if (!isPlainObject(raw)) {
    throw inputError(
      anonymous,
      '',
      `must be an object, got ${describeValue(raw)}`,
    );
  }
  const namespace = readNonEmptyString(raw.namespace, anonymous, 'namespace');
  const name = readNonEmptyString(raw.name, anonymous, 'name');
  const ref = `${namespace}/${name}`;
  const context: ObjectContext = { kind: 'Pod', ref };
  const labels = Object.freeze({
    ...readStringRecord(raw.labels, context, 'labels'),
  });
  const ports = readList(raw.ports, context, 'ports').map((port, i) =>
    readContainerPort(port, context, `ports[${i}]`),
  );

  let address: IpAddress | undefined;
  if (raw.ip !== undefined && raw.ip !== null) {
    address = typeof raw.ip === 'string' ? parseIpAddress(raw.ip) : undefined;
    if (!address) {
      throw inputError(
        context,
        'ip',
        `malformed IP address ${describeValue(raw.ip)}`,
      );
    }
  }

  return {
    index,
    namespace,
    name,
    ref,
    labels,
    namespaceLabels: namespaceLabels(namespace),
    ports,
    address,
  };
}

function readContainerPort(
  raw: unknown,
  context: ObjectContext,
  field: string,
): ModelPort {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be an object, got ${describeValue(raw)}`,
    );
  }
  if (!isValidPortNumber(raw.containerPort)) {
    throw inputError(
      context,
      `${field}.containerPort`,
      `port ${describeValue(
        raw.containerPort,
      )} is out of range (expected an integer 1-65535)`,
    );
  }
  let protocol: Protocol = 'TCP';
  if (raw.protocol !== undefined && raw.protocol !== null) {
    if (!isProtocol(raw.protocol)) {
      throw inputError(
        context,
        `${field}.protocol`,
        `unknown protocol ${describeValue(
          raw.protocol,
        )} (expected TCP, UDP or SCTP)`,
      );
    }
    protocol = raw.protocol;
  }
  let name: string | undefined;
  if (raw.name !== undefined && raw.name !== null && raw.name !== '') {
    name = readNonEmptyString(raw.name, context, `${field}.name`);
  }
  return { name, port: raw.containerPort, protocol };
}
