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

/** Stable lower-case alphanumerics, like the suffixes controllers generate. */
function suffix(seed: string, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = createHash('sha256').update(seed).digest();
  return [...bytes.subarray(0, length)]
    .map(b => alphabet[b % alphabet.length])
    .join('');
}
