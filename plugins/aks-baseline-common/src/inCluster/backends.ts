import type { KubernetesObject } from '../controls/types';
import type { NetpolContainerPort } from '../netpol';
import {
  readField,
  isReadyPod,
  readList,
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
  const ports = readList(service, 'spec.ports');
  const chosen =
    ports.find(
      p =>
        backend.port === undefined ||
        String(readField(p, 'port')) === backend.port ||
        readField(p, 'name') === backend.port,
    ) ?? (backend.port === undefined ? ports[0] : undefined);
  const servicePort = chosen
    ? {
        port: Number(readField(chosen, 'port')),
        name: readField(chosen, 'name') as string | undefined,
        targetPort: (readField(chosen, 'targetPort') ??
          readField(chosen, 'port')) as number | string,
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
    for (const endpoint of readList(slice, 'endpoints')) {
      const addresses = readList(endpoint, 'addresses').map(String);
      (readField(endpoint, 'conditions.ready') === false
        ? notReady
        : ready
      ).push(...addresses);
      if (readField(endpoint, 'targetRef.kind') === 'Pod') {
        endpointPods.add(String(readField(endpoint, 'targetRef.name')));
      }
    }
  }

  const selector = (readField(service, 'spec.selector') ?? {}) as Record<
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
      ? containerPort(
          containerPortsOf(readField(readyPods[0] ?? pods[0], 'spec')),
          servicePort.targetPort,
        )
      : undefined,
  };
}

/** The ports a pod (or pod template) `spec` declares on its containers. */
export function containerPortsOf(podSpec: unknown): NetpolContainerPort[] {
  return readList(podSpec, 'containers').flatMap(c =>
    readList(c, 'ports').map(p => ({
      ...(readField(p, 'name') ? { name: String(readField(p, 'name')) } : {}),
      containerPort: Number(readField(p, 'containerPort')),
      protocol: (readField(p, 'protocol') ??
        'TCP') as NetpolContainerPort['protocol'],
    })),
  );
}

/** A numeric target port as is; a named one through the pod's container ports. */
export function containerPort(
  ports: NetpolContainerPort[],
  targetPort: number | string,
): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  return ports.find(p => p.name === targetPort)?.containerPort;
}
