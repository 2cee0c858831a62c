import type { KubernetesObject, TraefikLocator } from '../controls/types';
import {
  readField,
  hasLabels,
  isReadyPod,
  labelsOf,
  readList,
  nameOf,
  namespaceOf,
  ObjectIndex,
} from './objects';

const TRAEFIK_CONTROLLER = 'traefik.io/ingress-controller';

/** Where Traefik runs, as configured (the backend's `aksBaseline.kubernetes.traefik`). */
export interface TraefikSettings {
  namespace: string;
  /** Labels Traefik's Service, Deployment and pods carry. */
  labels: Record<string, string>;
  /** Traefik's Service, when its labels are not enough to tell it apart. */
  serviceName?: string;
}

/** Traefik as found in one cluster. */
export interface TraefikView {
  namespace: string;
  /** The load balancer Service App Gateway's pool should target. */
  service?: KubernetesObject;
  /** Labels of Traefik's pods: its Service's selector, else the configured labels. */
  podLabels: Record<string, string>;
  deployment?: KubernetesObject;
  pods: KubernetesObject[];
  readyPods: KubernetesObject[];
  /** Addresses Azure assigned to the internal load balancer (`status.loadBalancer`). */
  internalIps: string[];
  /** Ports the Service listens on. */
  servicePorts: number[];
  /** IngressClasses whose controller is Traefik; the default one first. */
  ingressClasses: string[];
  defaultIngressClass?: string;
}

/**
 * Finds Traefik by the configured namespace and labels: a Service carrying
 * the labels (or selecting pods with them), preferring the load balancer,
 * since Traefik charts also create ClusterIP services for dashboards.
 */
export function locateTraefik(
  index: ObjectIndex,
  settings: TraefikSettings,
): TraefikView {
  const candidates = index
    .of('Service')
    .filter(
      s =>
        namespaceOf(s) === settings.namespace &&
        (settings.serviceName
          ? nameOf(s) === settings.serviceName
          : hasLabels(labelsOf(s), settings.labels) ||
            hasLabels(selectorOf(s), settings.labels)),
    );
  const service =
    candidates.find(s => readField(s, 'spec.type') === 'LoadBalancer') ??
    candidates[0];
  const selector = service ? selectorOf(service) : {};
  const podLabels = Object.keys(selector).length ? selector : settings.labels;
  const pods = index
    .of('Pod')
    .filter(
      p =>
        namespaceOf(p) === settings.namespace &&
        hasLabels(labelsOf(p), podLabels),
    );
  const deployment = index
    .of('Deployment')
    .find(
      d =>
        namespaceOf(d) === settings.namespace &&
        hasLabels(
          (readField(d, 'spec.template.metadata.labels') ?? {}) as Record<
            string,
            string
          >,
          settings.labels,
        ),
    );
  const classes = index
    .of('IngressClass')
    .filter(c => readField(c, 'spec.controller') === TRAEFIK_CONTROLLER);
  const defaultClass = classes.find(
    c =>
      c.metadata?.annotations?.[
        'ingressclass.kubernetes.io/is-default-class'
      ] === 'true',
  );

  return {
    namespace: settings.namespace,
    service,
    podLabels,
    deployment,
    pods,
    readyPods: pods.filter(isReadyPod),
    internalIps: readList(service, 'status.loadBalancer.ingress')
      .map(i => readField(i, 'ip'))
      .filter((ip): ip is string => typeof ip === 'string' && ip !== ''),
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

/** The locator the control evaluator gets, so it judges the same Traefik. */
export function traefikLocator(view: TraefikView): TraefikLocator {
  return {
    namespace: view.namespace,
    serviceName: view.service ? nameOf(view.service) : undefined,
    podLabels: view.podLabels,
  };
}

function selectorOf(service: KubernetesObject): Record<string, string> {
  return (readField(service, 'spec.selector') ?? {}) as Record<string, string>;
}
