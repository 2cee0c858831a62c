import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { createHash } from 'node:crypto';

/** Running pods of a Deployment, as the API lists them (spec trimmed to what matters). */
export function runningPods(options: {
  namespace: string;
  owner: string;
  labels: Record<string, string>;
  serviceAccountName: string;
  image: string;
  ports: Array<{ name: string; containerPort: number; protocol: string }>;
  ips: string[];
  /** How many pass their readiness probe; default all. */
  ready?: number;
  args?: string[];
}): KubernetesObject[] {
  const hash = suffix(`${options.namespace}/${options.owner}`, 10);
  const ready = options.ready ?? options.ips.length;
  return options.ips.map((ip, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${options.owner}-${hash}-${suffix(`${hash}${i}`, 5)}`,
      namespace: options.namespace,
      labels: { ...options.labels, 'pod-template-hash': hash },
    },
    spec: {
      serviceAccountName: options.serviceAccountName,
      containers: [
        {
          name: options.owner,
          image: options.image,
          ...(options.args ? { args: options.args } : {}),
          ports: options.ports,
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: ip,
      conditions: [
        { type: 'Ready', status: i < ready ? 'True' : 'False' },
        { type: 'ContainersReady', status: i < ready ? 'True' : 'False' },
      ],
    },
  }));
}

/** The EndpointSlice the control plane keeps for a Service's pods. */
export function endpointSliceFor(options: {
  service: string;
  namespace: string;
  pods: KubernetesObject[];
  port: { name: string; port: number };
}): KubernetesObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${options.service}-${suffix(options.service, 5)}`,
      namespace: options.namespace,
      labels: {
        'kubernetes.io/service-name': options.service,
        'endpointslice.kubernetes.io/managed-by':
          'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: options.pods.map(pod => {
      const status = pod.status as {
        podIP: string;
        conditions: Array<{ type: string; status: string }>;
      };
      const ready = status.conditions.some(
        c => c.type === 'Ready' && c.status === 'True',
      );
      return {
        addresses: [status.podIP],
        conditions: { ready, serving: ready, terminating: false },
        targetRef: {
          kind: 'Pod',
          name: pod.metadata!.name,
          namespace: options.namespace,
        },
      };
    }),
    ports: [{ ...options.port, protocol: 'TCP' }],
  };
}

/** A stable uid, as the API server assigned it when the object was made. */
function stableUid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return [8, 4, 4, 4, 12]
    .reduce<{ parts: string[]; at: number }>(
      ({ parts, at }, n) => ({
        parts: [...parts, hex.slice(at, at + n)],
        at: at + n,
      }),
      { parts: [], at: 0 },
    )
    .parts.join('-');
}

/**
 * A Deployment, the ReplicaSet its controller keeps for the current
 * template and that ReplicaSet's pods, linked by owner references the way
 * the control plane links them (Backstage's Kubernetes plugin finds a
 * Deployment's pods through them).
 */
export function deploymentChain(
  deployment: KubernetesObject,
  pods: KubernetesObject[],
): KubernetesObject[] {
  const { name, namespace } = deployment.metadata as {
    name: string;
    namespace: string;
  };
  const hash = pods[0]?.metadata?.labels?.['pod-template-hash'] ?? 'none';
  const deploymentUid = stableUid(`${namespace}/deployment/${name}`);
  const replicaSetName = `${name}-${hash}`;
  const replicaSetUid = stableUid(`${namespace}/replicaset/${replicaSetName}`);
  const ownerOf = (kind: string, ownerName: string, uid: string) => [
    { apiVersion: 'apps/v1', kind, name: ownerName, uid, controller: true },
  ];
  const ready = pods.filter(pod =>
    (
      pod.status as { conditions?: Array<{ type: string; status: string }> }
    )?.conditions?.some(c => c.type === 'Ready' && c.status === 'True'),
  ).length;
  const spec = deployment.spec as { selector?: object; template?: object };
  return [
    {
      ...deployment,
      metadata: {
        ...deployment.metadata,
        uid: deploymentUid,
      } as KubernetesObject['metadata'],
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: replicaSetName,
        namespace,
        uid: replicaSetUid,
        labels: { ...pods[0]?.metadata?.labels },
        ownerReferences: ownerOf('Deployment', name, deploymentUid),
      } as KubernetesObject['metadata'],
      spec: {
        replicas: pods.length,
        selector: spec.selector,
        template: spec.template,
      },
      status: { replicas: pods.length, readyReplicas: ready },
    },
    ...pods.map(pod => ({
      ...pod,
      metadata: {
        ...pod.metadata,
        ownerReferences: ownerOf('ReplicaSet', replicaSetName, replicaSetUid),
      } as KubernetesObject['metadata'],
    })),
  ];
}

/** Stable lower-case alphanumerics, like the suffixes controllers generate. */
function suffix(seed: string, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = createHash('sha256').update(seed).digest();
  return [...bytes.subarray(0, length)]
    .map(b => alphabet[b % alphabet.length])
    .join('');
}
