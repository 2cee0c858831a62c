import type { KubernetesObject } from '../controls/types';
import type {
  NetpolContainerPort,
  NetpolNamespace,
  NetpolPod,
  NetworkPolicyObject,
} from '../netpol';
import { BackendView, containerPortsOf } from './backends';
import {
  hasLabels,
  labelsOf,
  nameOf,
  namespaceOf,
  ObjectIndex,
  podTemplates,
  readField,
  readList,
} from './objects';
import type { TraefikView } from './traefik';

/** A pod of the NetworkPolicy snapshot, by reference. */
export type PodRef = { namespace: string; name: string };
export type SnapshotPod = NetpolPod & {
  labels: Record<string, string>;
  ports: NetpolContainerPort[];
};

/** Pods the cluster may not show, each standing for a question. */
export interface Probes {
  /** A label-less pod of a namespace of its own: "any other pod". */
  outsider: PodRef;
  /** Traefik's pod, or one with its labels; unknown without either. */
  traefik?: PodRef;
  /** A label-less pod in Traefik's namespace: "every pod of Traefik's namespace". */
  traefikNeighbour?: PodRef;
  /** A pod with Traefik's labels in another namespace. */
  traefikLookalike?: PodRef;
  /** Per app namespace, a label-less pod: what a new pod there may do. */
  newPod: Map<string, PodRef>;
  /** A kube-dns pod (a real one when read). */
  kubeDns: PodRef;
}

/** What the NetworkPolicy evaluator is asked about. */
export interface ProbedSnapshot {
  namespaces: NetpolNamespace[];
  /** The pods that run the workloads (see {@link workloadPods}). */
  pods: SnapshotPod[];
  /** The probes' own pods, which only the snapshot holds. */
  probePods: SnapshotPod[];
  policies: NetworkPolicyObject[];
  probes: Probes;
}

const DNS_PORT = 53;
/** AKS labels CoreDNS `k8s-app: kube-dns`; the baseline's DNS egress selects it. */
const KUBE_DNS = {
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
};

/**
 * The cluster as the NetworkPolicy evaluator sees it: its namespaces and
 * policies, the pods running its workloads, and the probes.
 */
export function probedSnapshot(
  index: ObjectIndex,
  traefik: TraefikView,
  appNamespaces: string[],
  services: BackendView[],
): ProbedSnapshot {
  const policies = index.of(
    'NetworkPolicy',
  ) as unknown as NetworkPolicyObject[];
  const namespaces = index.of('Namespace').map(n => ({
    name: nameOf(n),
    labels: labelsOf(n),
  }));
  const taken = new Set(namespaces.map(n => n.name));
  let outsiderNamespace = 'aks-baseline-portal-probe';
  while (taken.has(outsiderNamespace))
    outsiderNamespace = `${outsiderNamespace}-x`;

  const pods = workloadPods(index, services, policies);
  const probePods: SnapshotPod[] = [];
  const probe = (
    namespace: string,
    name: string,
    labels: Record<string, string> = {},
    ports: NetpolContainerPort[] = [],
  ): PodRef => {
    probePods.push({ namespace, name, labels, ports });
    return { namespace, name };
  };

  const traefikPod = traefikPodIn(pods, traefik);
  const traefikLabels = traefikPod?.labels ?? traefik.podLabels;
  const kubeDns = pods.find(
    p =>
      p.namespace === KUBE_DNS.namespace &&
      hasLabels(p.labels, KUBE_DNS.labels),
  );
  const probes: Probes = {
    outsider: probe(outsiderNamespace, 'any-other-pod'),
    traefik: traefikPod ? refOf(traefikPod) : traefikStandIn(traefik, probe),
    traefikNeighbour: traefik.namespace
      ? probe(traefik.namespace, '[another pod]')
      : undefined,
    traefikLookalike: traefikLabels
      ? probe(outsiderNamespace, 'traefik-lookalike', traefikLabels)
      : undefined,
    newPod: new Map(
      appNamespaces.map(namespace => [
        namespace,
        probe(namespace, '[new pod]'),
      ]),
    ),
    kubeDns: kubeDns
      ? refOf(kubeDns)
      : probe(KUBE_DNS.namespace, '[kube-dns]', KUBE_DNS.labels, [
          { name: 'dns', containerPort: DNS_PORT, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: DNS_PORT, protocol: 'TCP' },
        ]),
  };
  return {
    namespaces: [...namespaces, { name: outsiderNamespace }],
    pods,
    probePods,
    policies,
    probes,
  };
}

/** Without a Traefik pod: one with its labels, when they and its namespace are known. */
function traefikStandIn(
  traefik: TraefikView,
  probe: (
    namespace: string,
    name: string,
    labels: Record<string, string>,
  ) => PodRef,
): PodRef | undefined {
  const { namespace, podLabels } = traefik;
  return namespace && podLabels
    ? probe(namespace, 'traefik (labels of its Service)', podLabels)
    : undefined;
}

function refOf(pod: PodRef): PodRef {
  return { namespace: pod.namespace, name: pod.name };
}

/** Traefik's pod among the workloads' pods: a ready one read, else any with its labels. */
function traefikPodIn(
  pods: SnapshotPod[],
  traefik: TraefikView,
): SnapshotPod | undefined {
  const read = traefik.readyPods[0] ?? traefik.pods[0];
  if (read)
    return pods.find(
      p => p.namespace === namespaceOf(read) && p.name === nameOf(read),
    );
  const { namespace, podLabels } = traefik;
  return namespace && podLabels
    ? pods.find(
        p => p.namespace === namespace && hasLabels(p.labels, podLabels),
      )
    : undefined;
}

/**
 * The pods that run the cluster's workloads: those read; in a namespace
 * where none was read, its workloads' pod templates (generators emit
 * workloads, not pods); and for a routed Service that still selects none, a
 * pod with its selector's labels.
 */
function workloadPods(
  index: ObjectIndex,
  services: BackendView[],
  policies: NetworkPolicyObject[],
): SnapshotPod[] {
  const read = index.of('Pod').map(podOf);
  const withPods = new Set(read.map(p => p.namespace));
  const templates = podTemplates(index)
    .filter(t => !withPods.has(t.namespace))
    .map(t => ({
      namespace: t.namespace,
      name: t.name,
      labels: t.labels,
      ports: containerPortsOf(t.podSpec),
    }));
  const pods = [...read, ...templates];
  for (const view of services) {
    const standIn = standInFor(view, policies);
    if (
      standIn &&
      !pods.some(
        p =>
          p.namespace === standIn.namespace &&
          hasLabels(p.labels, standIn.labels),
      )
    )
      pods.push(standIn);
  }
  return pods;
}

function podOf(pod: KubernetesObject): SnapshotPod {
  return {
    namespace: namespaceOf(pod),
    name: nameOf(pod),
    labels: labelsOf(pod),
    ports: containerPortsOf(readField(pod, 'spec')),
  };
}

/** A pod with a routed Service's selector labels, listening on its target port. */
function standInFor(
  view: BackendView,
  policies: NetworkPolicyObject[],
): SnapshotPod | undefined {
  const selector = (readField(view.service, 'spec.selector') ?? {}) as Record<
    string,
    string
  >;
  if (!view.servicePort || Object.keys(selector).length === 0) return undefined;
  const target = view.servicePort.targetPort;
  const numeric = typeof target === 'number' || /^\d+$/.test(target);
  return {
    namespace: view.backend.namespace,
    name: `[pods of Service ${view.backend.service}]`,
    labels: selector,
    ports: [
      numeric
        ? { containerPort: Number(target), protocol: 'TCP' }
        : {
            name: String(target),
            containerPort: portNoPolicyNames(policies),
            protocol: 'TCP',
          },
    ],
  };
}

/**
 * A port number no NetworkPolicy names, for a pod that only stands in for a
 * Service's named target port: the app picks the number, so only a policy
 * that names the port (or admits every port) may admit it.
 */
function portNoPolicyNames(policies: NetworkPolicyObject[]): number {
  const named = policies.flatMap(policy =>
    [
      ...readList(policy, 'spec.ingress'),
      ...readList(policy, 'spec.egress'),
    ].flatMap(rule =>
      readList(rule, 'ports').map(p => ({
        from: Number(readField(p, 'port')),
        to: Number(readField(p, 'endPort') ?? readField(p, 'port')),
      })),
    ),
  );
  const isNamed = (port: number) =>
    named.some(r => r.from <= port && port <= r.to);
  let port = 1024;
  while (isNamed(port)) port += 1;
  return port;
}
