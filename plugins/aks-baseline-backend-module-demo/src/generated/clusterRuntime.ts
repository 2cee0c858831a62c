import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { createHash } from 'node:crypto';
import { deploymentChain } from '../kubernetes/workload';

/**
 * What a cluster's controllers add to the objects GitOps applies: a
 * Deployment's ReplicaSet and running pods (one per replica, with the pod template's
 * labels, service account and containers, an IP from the node subnet:
 * Azure CNI gives pods node-subnet addresses), each selecting Service's
 * EndpointSlice, and a LoadBalancer Service's assigned address.
 */

const controllerSuffix = (seed: string, length: number) =>
  [...createHash('sha256').update(seed).digest().subarray(0, length)]
    .map(b => 'bcdfghjklmnpqrstvwxz2456789'[b % 27])
    .join('');

interface Spec {
  replicas?: number;
  selector?: Record<string, string>;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: any };
  type?: string;
  ports?: Array<{ name?: string; port: number; targetPort?: number | string }>;
}

const specOf = (object: KubernetesObject) => (object.spec ?? {}) as Spec;

/** Addresses from a CIDR, skipping the first `skip` (Azure reserves the first four). */
export function addressesIn(cidr: string, skip: number) {
  const [base] = cidr.split('/');
  const start = base
    .split('.')
    .reduce((n, octet) => n * 256 + Number(octet), 0);
  let next = start + skip;
  return () => {
    const n = next++;
    return [24, 16, 8, 0].map(shift => (n >>> shift) & 255).join('.');
  };
}

function podsOf(
  deployment: KubernetesObject,
  nextIp: () => string,
): KubernetesObject[] {
  const { replicas = 1, template = {} } = specOf(deployment);
  const name = deployment.metadata!.name!;
  const namespace = deployment.metadata!.namespace!;
  const hash = controllerSuffix(`${namespace}/${name}`, 10);
  return Array.from({ length: replicas }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${hash}-${controllerSuffix(`${hash}${i}`, 5)}`,
      namespace,
      labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
    },
    spec: template.spec,
    status: {
      phase: 'Running',
      podIP: nextIp(),
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
      ],
    },
  }));
}

const selects = (selector: Record<string, string>, pod: KubernetesObject) =>
  Object.entries(selector).every(
    ([key, value]) => pod.metadata?.labels?.[key] === value,
  );

/** The container port a Service port's `targetPort` names (by number or name). */
function containerPort(pod: KubernetesObject, target: number | string) {
  if (typeof target === 'number') return target;
  const containers = ((pod.spec as any)?.containers ?? []) as Array<{
    ports?: Array<{ name?: string; containerPort: number }>;
  }>;
  const port = containers
    .flatMap(c => c.ports ?? [])
    .find(p => p.name === target);
  if (!port) throw new Error(`no container port named ${target}`);
  return port.containerPort;
}

function endpointSliceOf(
  service: KubernetesObject,
  pods: KubernetesObject[],
): KubernetesObject {
  const name = service.metadata!.name!;
  const namespace = service.metadata!.namespace!;
  const { selector = {}, ports = [] } = specOf(service);
  const selected = pods.filter(
    pod => pod.metadata?.namespace === namespace && selects(selector, pod),
  );
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${name}-${controllerSuffix(name, 5)}`,
      namespace,
      labels: {
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by':
          'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: selected.map(pod => ({
      addresses: [(pod.status as { podIP: string }).podIP],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', name: pod.metadata!.name, namespace },
    })),
    ports: ports.map(port => ({
      name: port.name,
      port: selected.length
        ? containerPort(selected[0], port.targetPort ?? port.port)
        : port.port,
      protocol: 'TCP',
    })),
  };
}

/** A LoadBalancer Service with the address its annotation asked for. */
function withLoadBalancerStatus(service: KubernetesObject): KubernetesObject {
  if (specOf(service).type !== 'LoadBalancer') return service;
  const ip = Object.entries(service.metadata?.annotations ?? {}).find(([k]) =>
    k.endsWith('azure-load-balancer-ipv4'),
  )?.[1];
  return ip
    ? { ...service, status: { loadBalancer: { ingress: [{ ip }] } } }
    : service;
}

/** The applied objects plus what the cluster's controllers make of them. */
export function runningCluster(
  applied: KubernetesObject[],
  nodeSubnet: string,
): KubernetesObject[] {
  // Nodes take the subnet's first addresses; pods follow.
  const nextIp = addressesIn(nodeSubnet, 20);
  // Each Deployment with its ReplicaSet and pods, linked by owner references.
  const workloads = applied
    .filter(o => o.kind === 'Deployment')
    .flatMap(deployment =>
      deploymentChain(deployment, podsOf(deployment, nextIp)),
    );
  const pods = workloads.filter(o => o.kind === 'Pod');
  const services = applied.filter(
    o => o.kind === 'Service' && Object.keys(specOf(o).selector ?? {}).length,
  );
  return [
    ...applied
      .filter(o => o.kind !== 'Deployment')
      .map(o => (o.kind === 'Service' ? withLoadBalancerStatus(o) : o)),
    ...workloads,
    ...services.map(service => endpointSliceOf(service, pods)),
  ];
}
