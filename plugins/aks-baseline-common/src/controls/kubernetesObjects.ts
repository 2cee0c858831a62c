import { isRecord } from '../arm/read';
import type { BaselineResources, KubernetesObject } from './types';

/** Plain access to nested fields of a Kubernetes object (keys are case-sensitive here). */
export function field(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function list(source: unknown, path: string): unknown[] {
  const value = field(source, path);
  return Array.isArray(value) ? value : [];
}

export const nameOf = (o: KubernetesObject) => o.metadata?.name ?? '(unnamed)';
export const namespaceOf = (o: KubernetesObject) =>
  o.metadata?.namespace ?? 'default';
export const labelsOf = (o: KubernetesObject) => o.metadata?.labels ?? {};
export const annotationsOf = (o: KubernetesObject) =>
  o.metadata?.annotations ?? {};
export const refOf = (o: KubernetesObject) => `${namespaceOf(o)}/${nameOf(o)}`;

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
    const key = String(field(expression, 'key'));
    const values = list(expression, 'values').map(String);
    switch (field(expression, 'operator')) {
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
    Object.keys(field(selector, 'matchLabels') ?? {}).length === 0 &&
    list(selector, 'matchExpressions').length === 0 &&
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
    candidates.find(s => field(s, 'spec.type') === 'LoadBalancer') ??
    candidates[0];
  const namespace =
    locator.namespace ?? (service ? namespaceOf(service) : undefined);
  const selector = field(service, 'spec.selector');
  const podLabels =
    locator.podLabels ??
    (isRecord(selector) ? (selector as Record<string, string>) : undefined);
  const deployment = objectsOf(input, 'Deployment').find(
    d =>
      (namespace ? namespaceOf(d) === namespace : true) &&
      (podLabels
        ? selectorMatches(
            podLabels,
            (field(d, 'spec.template.metadata.labels') ?? {}) as Record<
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
    ...list(service, 'status.loadBalancer.ingress').map(i => field(i, 'ip')),
    field(service, 'spec.loadBalancerIP'),
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
      field(p, 'spec.serviceAccountName') ?? 'default',
    ),
  }));
  const templates = WORKLOAD_KINDS.flatMap(kind => objectsOf(input, kind)).map(
    w => ({
      source: `${w.kind} ${refOf(w)}`,
      namespace: namespaceOf(w),
      labels: (field(w, 'spec.template.metadata.labels') ?? {}) as Record<
        string,
        string
      >,
      serviceAccountName: String(
        field(w, 'spec.template.spec.serviceAccountName') ?? 'default',
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
  for (const container of list(workload, 'spec.template.spec.containers')) {
    for (const arg of [
      ...list(container, 'args'),
      ...list(container, 'command'),
    ]) {
      const match = /^--?([^=]+)=(.*)$/.exec(String(arg));
      if (match) args.set(match[1].toLowerCase(), match[2]);
    }
  }
  return args;
}
