import { isRecord } from '../arm/read';
import {
  annotationsOf,
  labelsOf,
  nameOf,
  namespaceOf,
  readField,
  readList,
  refOf,
} from '../inCluster/objects';
import type { BaselineResources, KubernetesObject } from './types';

/** Objects of a kind (`Service`, `IngressRoute`...), or [] when Kubernetes was not read. */
export function objectsOf(
  input: BaselineResources,
  kind: string,
): KubernetesObject[] {
  return (input.kubernetes?.objects ?? []).filter(o => o.kind === kind);
}

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

/** Where Traefik runs: its Service, namespace, pod labels and Deployment (when found). */
export interface TraefikLocation {
  service?: KubernetesObject;
  namespace?: string;
  podLabels?: Record<string, string>;
  deployment?: KubernetesObject;
}

const mentionsTraefik = (o: KubernetesObject) =>
  nameOf(o).toLowerCase().includes('traefik') ||
  Object.values(labelsOf(o)).some(v => v.toLowerCase().includes('traefik'));

export function locateTraefik(input: BaselineResources): TraefikLocation {
  const locator = input.kubernetes?.traefik ?? {};
  const candidates = objectsOf(input, 'Service').filter(
    s =>
      (locator.namespace ? namespaceOf(s) === locator.namespace : true) &&
      (locator.serviceName
        ? nameOf(s) === locator.serviceName
        : mentionsTraefik(s)),
  );
  // Traefik's chart also creates ClusterIP services (dashboard, metrics): prefer the load balancer.
  const service =
    candidates.find(s => readField(s, 'spec.type') === 'LoadBalancer') ??
    candidates[0];
  const namespace =
    locator.namespace ?? (service ? namespaceOf(service) : undefined);
  const selector = readField(service, 'spec.selector');
  const podLabels =
    locator.podLabels ??
    (isRecord(selector) ? (selector as Record<string, string>) : undefined);
  const deployment = objectsOf(input, 'Deployment').find(
    d =>
      (namespace ? namespaceOf(d) === namespace : true) &&
      (podLabels
        ? selectorMatches(
            podLabels,
            (readField(d, 'spec.template.metadata.labels') ?? {}) as Record<
              string,
              string
            >,
          )
        : mentionsTraefik(d)),
  );
  return { service, namespace, podLabels, deployment };
}

/** Traefik's internal load balancer IP(s): assigned (status), requested (spec or Azure annotation). */
export function traefikInternalIps(input: BaselineResources): string[] {
  const { service } = locateTraefik(input);
  if (!service) return [];
  const ips = [
    ...readList(service, 'status.loadBalancer.ingress').map(i =>
      readField(i, 'ip'),
    ),
    readField(service, 'spec.loadBalancerIP'),
    annotationsOf(service)[
      'service.beta.kubernetes.io/azure-load-balancer-ipv4'
    ],
  ];
  return [
    ...new Set(
      ips.filter((ip): ip is string => typeof ip === 'string' && ip !== ''),
    ),
  ];
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
export function podShapes(input: BaselineResources): PodShape[] {
  const pods = objectsOf(input, 'Pod').map(p => ({
    source: `Pod ${refOf(p)}`,
    namespace: namespaceOf(p),
    labels: labelsOf(p),
    serviceAccountName: String(
      readField(p, 'spec.serviceAccountName') ?? 'default',
    ),
  }));
  const templates = WORKLOAD_KINDS.flatMap(kind => objectsOf(input, kind)).map(
    w => ({
      source: `${w.kind} ${refOf(w)}`,
      namespace: namespaceOf(w),
      labels: (readField(w, 'spec.template.metadata.labels') ?? {}) as Record<
        string,
        string
      >,
      serviceAccountName: String(
        readField(w, 'spec.template.spec.serviceAccountName') ?? 'default',
      ),
    }),
  );
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
