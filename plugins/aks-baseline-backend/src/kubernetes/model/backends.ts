import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import {
  field,
  isReadyPod,
  list,
  nameOf,
  namespaceOf,
  ObjectIndex,
} from './objects';
import type { RoutedBackend } from './routes';

/** A routed Service as the cluster has it: ports, endpoints, pods. */
export interface BackendView {
  backend: RoutedBackend;
  service?: KubernetesObject;
  /** The Service port the route uses. */
  servicePort?: { port: number; name?: string; targetPort: number | string };
  endpoints: { ready: string[]; notReady: string[] };
  /** Pods the Service selects (or its endpoints name, for selector-less Services). */
  pods: KubernetesObject[];
  readyPods: KubernetesObject[];
  /** The container port the traffic lands on, once named ports are resolved. */
  targetPort?: number;
}

export function resolveBackend(
  index: ObjectIndex,
  backend: RoutedBackend,
): BackendView {
  const service = index.find('Service', backend.namespace, backend.service);
  const ports = list(service, 'spec.ports');
  const chosen =
    ports.find(
      p =>
        backend.port === undefined ||
        String(field(p, 'port')) === backend.port ||
        field(p, 'name') === backend.port,
    ) ?? (backend.port === undefined ? ports[0] : undefined);
  const servicePort = chosen
    ? {
        port: Number(field(chosen, 'port')),
        name: field(chosen, 'name') as string | undefined,
        targetPort: (field(chosen, 'targetPort') ?? field(chosen, 'port')) as
          | number
          | string,
      }
    : undefined;

  const slices = index
    .of('EndpointSlice')
    .filter(
      s =>
        namespaceOf(s) === backend.namespace &&
        s.metadata?.labels?.['kubernetes.io/service-name'] === backend.service,
    );
  const ready: string[] = [];
  const notReady: string[] = [];
  const endpointPods = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of list(slice, 'endpoints')) {
      const addresses = list(endpoint, 'addresses').map(String);
      (field(endpoint, 'conditions.ready') === false ? notReady : ready).push(
        ...addresses,
      );
      if (field(endpoint, 'targetRef.kind') === 'Pod') {
        endpointPods.add(String(field(endpoint, 'targetRef.name')));
      }
    }
  }

  const selector = (field(service, 'spec.selector') ?? {}) as Record<
    string,
    string
  >;
  const pods = Object.keys(selector).length
    ? index.podsSelectedBy(backend.namespace, selector)
    : index
        .of('Pod')
        .filter(
          p =>
            namespaceOf(p) === backend.namespace && endpointPods.has(nameOf(p)),
        );
  const readyPods = pods.filter(isReadyPod);

  return {
    backend,
    service,
    servicePort,
    endpoints: { ready, notReady },
    pods,
    readyPods,
    targetPort: servicePort
      ? containerPort(readyPods[0] ?? pods[0], servicePort.targetPort)
      : undefined,
  };
}

/** A numeric target port as is; a named one through the pod's container ports. */
export function containerPort(
  pod: KubernetesObject | undefined,
  targetPort: number | string,
): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  for (const container of list(pod, 'spec.containers')) {
    for (const port of list(container, 'ports')) {
      if (field(port, 'name') === targetPort) {
        return Number(field(port, 'containerPort'));
      }
    }
  }
  return undefined;
}
