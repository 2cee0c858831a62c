import type { KubernetesObject, TraefikLocator } from '../controls/types';
import {
  annotationsOf,
  hasLabels,
  isReadyPod,
  labelsOf,
  nameOf,
  namespaceOf,
  ObjectIndex,
  readField,
  readList,
} from './objects';

const TRAEFIK_CONTROLLER = 'traefik.io/ingress-controller';

/** Traefik as found in one cluster. */
export interface TraefikView {
  /** The locator's namespace, else its Service's; unknown when neither is. */
  namespace?: string;
  /** The load balancer Service App Gateway's pool should target. */
  service?: KubernetesObject;
  /** Labels of Traefik's pods: its Service's selector, else the locator's labels. */
  podLabels?: Record<string, string>;
  /** The workload whose pod template carries `podLabels`. */
  deployment?: KubernetesObject;
  pods: KubernetesObject[];
  readyPods: KubernetesObject[];
  /** Addresses Azure assigned to the internal load balancer (`status.loadBalancer`). */
  internalIps: string[];
  /** Addresses the Service asks for (`spec.loadBalancerIP`, the Azure IPv4 annotation). */
  requestedIps: string[];
  /** Ports the Service listens on. */
  servicePorts: number[];
  /** IngressClasses whose controller is Traefik; the default one first. */
  ingressClasses: string[];
  defaultIngressClass?: string;
}

const AZURE_LB_IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';

/** Without a name or labels to go by: anything named or labelled `traefik`. */
const mentionsTraefik = (o: KubernetesObject) =>
  nameOf(o).toLowerCase().includes('traefik') ||
  Object.values(labelsOf(o)).some(v => v.toLowerCase().includes('traefik'));

/**
 * Finds Traefik, one rule for every reader (dashboard, controls, generators):
 * its Service in the locator's namespace, by the locator's service name, else
 * carrying the locator's labels (or selecting pods with them), else named or
 * labelled `traefik`; the load balancer first, since Traefik charts also
 * create ClusterIP services for dashboards and metrics. Its pods are what
 * that Service selects, and its Deployment the one whose pod template the
 * Service selects: what Kubernetes routes to, not whatever else shares a label.
 */
export function locateTraefik(
  index: ObjectIndex,
  locator: TraefikLocator = {},
): TraefikView {
  const inNamespace = (o: KubernetesObject, namespace = locator.namespace) =>
    namespace === undefined || namespaceOf(o) === namespace;
  const configured = locator.podLabels;
  const isTraefikService = (s: KubernetesObject) => {
    if (locator.serviceName) return nameOf(s) === locator.serviceName;
    if (configured)
      return (
        hasLabels(labelsOf(s), configured) ||
        hasLabels(selectorOf(s), configured)
      );
    return mentionsTraefik(s);
  };
  const candidates = index
    .of('Service')
    .filter(s => inNamespace(s) && isTraefikService(s));
  const service =
    candidates.find(s => readField(s, 'spec.type') === 'LoadBalancer') ??
    candidates[0];
  const namespace =
    locator.namespace ?? (service ? namespaceOf(service) : undefined);
  const selector = service ? selectorOf(service) : {};
  const podLabels = Object.keys(selector).length ? selector : configured;
  const pods = podLabels
    ? index
        .of('Pod')
        .filter(
          p => inNamespace(p, namespace) && hasLabels(labelsOf(p), podLabels),
        )
    : [];
  const deployment = index
    .of('Deployment')
    .find(
      d =>
        inNamespace(d, namespace) &&
        (podLabels
          ? hasLabels(templateLabelsOf(d), podLabels)
          : mentionsTraefik(d)),
    );
  const classes = index
    .of('IngressClass')
    .filter(c => readField(c, 'spec.controller') === TRAEFIK_CONTROLLER);
  const defaultClass = classes.find(
    c =>
      annotationsOf(c)['ingressclass.kubernetes.io/is-default-class'] ===
      'true',
  );

  return {
    namespace,
    service,
    podLabels,
    deployment,
    pods,
    readyPods: pods.filter(isReadyPod),
    internalIps: addresses(
      readList(service, 'status.loadBalancer.ingress').map(i =>
        readField(i, 'ip'),
      ),
    ),
    requestedIps: addresses([
      readField(service, 'spec.loadBalancerIP'),
      service ? annotationsOf(service)[AZURE_LB_IPV4] : undefined,
    ]),
    servicePorts: readList(service, 'spec.ports')
      .map(p => Number(readField(p, 'port')))
      .filter(Number.isFinite),
    // The default class first: Ingresses without a class land there.
    ingressClasses: [
      ...(defaultClass ? [defaultClass] : []),
      ...classes.filter(c => c !== defaultClass),
    ].map(nameOf),
    defaultIngressClass: defaultClass ? nameOf(defaultClass) : undefined,
  };
}

function selectorOf(service: KubernetesObject): Record<string, string> {
  return (readField(service, 'spec.selector') ?? {}) as Record<string, string>;
}

function templateLabelsOf(workload: KubernetesObject): Record<string, string> {
  return (readField(workload, 'spec.template.metadata.labels') ?? {}) as Record<
    string,
    string
  >;
}

function addresses(values: unknown[]): string[] {
  return [
    ...new Set(
      values.filter((ip): ip is string => typeof ip === 'string' && ip !== ''),
    ),
  ];
}
