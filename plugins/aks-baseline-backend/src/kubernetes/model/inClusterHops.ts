import {
  BackendView,
  ChainHop,
  ControlResult,
  HopStatus,
  KubernetesObject,
  KubernetesObjectRef,
  nameOf,
  namespaceOf,
  readField,
  readList,
  refOf,
  routesForHost,
  TraefikRoute,
} from '@aks-baseline/plugin-aks-baseline-common';
import { notObserved, statusFromControls } from '../../chain/hopStatus';
import { detail } from '../../chain/hopDetails';
import type { InClusterView } from './inClusterView';

/** What the App Gateway half of a chain tells the Kubernetes half. */
export interface ChainTarget {
  /** The listener's host name; `(any host)` when it has none. */
  host: string;
  /** The Host header Traefik receives: the backend settings' host name, else the listener's. */
  hostSentToTraefik?: string;
  poolAddresses: string[];
  /** Port App Gateway sends to (backend settings). */
  backendPort?: number;
  backendHttps: boolean;
  controls: ControlResult[];
  /**
   * The gateway's catch-all rule (tag `aks-baseline.io/catch-all-rule`), when
   * this chain is it: hosts without a listener of their own, which Traefik
   * answers 404 by design.
   */
  catchAllRule?: string;
}

/** An object read from the cluster, named for the hop's details. */
function objectRef(
  kind: string,
  object: KubernetesObject,
): KubernetesObjectRef {
  return { kind, namespace: namespaceOf(object), name: nameOf(object) };
}

/** A hop judged by its controls, then made worse by what this chain finds. */
function judged(
  base: Pick<ChainHop, 'status' | 'statusText'>,
  problems: Array<{ status: HopStatus; text: string }>,
): Pick<ChainHop, 'status' | 'statusText'> {
  if (problems.length === 0) return base;
  const worst =
    problems.some(p => p.status === 'error') || base.status === 'error';
  const status: HopStatus = worst ? 'error' : 'warning';
  const texts = problems.map(p => p.text);
  return {
    status,
    statusText: [
      ...texts,
      ...(base.status === 'ok' ? [] : [base.statusText]),
    ].join('; '),
  };
}

/**
 * Traefik -> route -> Service -> ready endpoints -> pods for one chain
 * (pure). When the cluster was not read, each hop says why.
 */
export function inClusterHops(
  view: InClusterView,
  target: ChainTarget,
): ChainHop[] {
  const traefikTls = target.backendHttps
    ? {
        boundary: 'terminates' as const,
        note: 'the re-encrypted session ends at Traefik',
      }
    : undefined;
  if (!view.observed) {
    const reason = view.reason;
    return [
      notObserved(
        {
          kind: 'traefik',
          title: 'Traefik (internal load balancer)',
          controlIds: ['K8S-01', 'K8S-02', 'K8S-03', 'K8S-04'],
          tls: traefikTls,
        },
        reason,
      ),
      notObserved(
        {
          kind: 'route',
          title: `Route for ${target.host}`,
          controlIds: ['K8S-05'],
        },
        reason,
      ),
      notObserved({ kind: 'service', title: 'Service' }, reason),
      notObserved({ kind: 'endpoints', title: 'Ready endpoints' }, reason),
      notObserved(
        {
          kind: 'pods',
          title: 'Pods',
          controlIds: ['K8S-06', 'K8S-07', 'K8S-08'],
        },
        reason,
      ),
    ];
  }

  const hops: ChainHop[] = [traefikHop(view, target, traefikTls)];
  const { route, hop } = routeHop(view, target);
  hops.push(hop);
  // A catch-all that no route serves ends at Traefik's 404, as designed.
  if (!route && target.catchAllRule) return hops;
  const backend = route ? view.backend(route) : undefined;
  const upstream = route
    ? undefined
    : 'no route for this host, so no Service is reached';
  hops.push(serviceHop(backend, upstream));
  const noService =
    upstream ??
    (backend?.service && backend.servicePort
      ? undefined
      : 'the route leads to no usable Service port');
  hops.push(
    endpointsHop(backend, noService),
    podsHop(view, backend, noService),
  );
  return hops;
}

function traefikHop(
  view: Extract<InClusterView, { observed: true }>,
  target: ChainTarget,
  tls: ChainHop['tls'],
): ChainHop {
  const { traefik } = view;
  const controlIds = ['ING-01', 'K8S-01', 'K8S-02', 'K8S-03', 'K8S-04'];
  const service = traefik.service;
  const base = {
    kind: 'traefik' as const,
    controlIds,
    tls,
  };
  if (!service) {
    return {
      ...base,
      title: 'Traefik (internal load balancer)',
      status: 'error',
      statusText: `no Traefik Service in namespace ${
        traefik.namespace
      } labelled ${Object.entries(traefik.podLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ', ',
        )}: App Gateway's backend pool points at nothing that answers`,
      details: detail('Ingress notes', view.notes),
    };
  }

  const problems: Array<{ status: HopStatus; text: string }> = [];
  const ips = traefik.internalIps;
  const pool = target.poolAddresses;
  if (ips.length === 0) {
    problems.push({
      status: 'error',
      text: `${refOf(
        service,
      )} has no load balancer IP yet (Azure did not assign one)`,
    });
  } else if (pool.length && !pool.some(a => ips.includes(a))) {
    problems.push({
      status: 'error',
      text: `the backend pool targets ${pool.join(
        ', ',
      )}, but Traefik's internal load balancer is ${ips.join(
        ', ',
      )}: App Gateway answers 502`,
    });
  }
  if (traefik.readyPods.length === 0) {
    problems.push({ status: 'error', text: 'no Traefik pod is ready' });
  }
  if (
    target.backendPort !== undefined &&
    traefik.servicePorts.length &&
    !traefik.servicePorts.includes(target.backendPort)
  ) {
    problems.push({
      status: 'error',
      text: `App Gateway sends to port ${target.backendPort}, but ${refOf(
        service,
      )} listens on ${traefik.servicePorts.join(', ')}`,
    });
  }
  const okText = `internal load balancer ${ips.join(', ')}${
    pool.some(a => ips.includes(a)) ? " is the backend pool's target" : ''
  }, ${traefik.readyPods.length} of ${traefik.pods.length} pods ready`;

  const annotations = service.metadata?.annotations ?? {};
  const defaultTls = view.objects
    .of('TLSOption')
    .find(o => nameOf(o) === 'default');
  return {
    ...base,
    title: `Traefik ${refOf(service)}`,
    kubernetesObjects: [objectRef('Service', service)],
    ...judged(
      statusFromControls(controlIds.slice(1), target.controls, okText),
      problems,
    ),
    details: [
      ...detail(
        'Service',
        `${refOf(service)} (${readField(service, 'spec.type')})`,
      ),
      ...detail('Internal IP', ips),
      ...detail(
        'Ingress subnet',
        annotations[
          'service.beta.kubernetes.io/azure-load-balancer-internal-subnet'
        ],
      ),
      ...detail('Ports', traefik.servicePorts),
      ...detail(
        'Ready pods',
        `${traefik.readyPods.length} of ${traefik.pods.length}`,
      ),
      ...detail('Ingress classes', traefik.ingressClasses),
      ...detail(
        'Default TLS options',
        defaultTls
          ? `minVersion ${
              readField(defaultTls, 'spec.minVersion') ?? '(default)'
            }, sniStrict ${readField(defaultTls, 'spec.sniStrict') ?? false}`
          : undefined,
      ),
      ...detail(
        'Certificate',
        view.ingressCertificate &&
          `${view.ingressCertificate.vaultName}/${view.ingressCertificate.secretName} (SecretProviderClass ${view.ingressCertificate.source})`,
      ),
      ...detail('Notes', view.notes),
    ],
  };
}

function routeHop(
  view: Extract<InClusterView, { observed: true }>,
  target: ChainTarget,
): { route?: TraefikRoute; hop: ChainHop } {
  const base = {
    kind: 'route' as const,
    title: `Route for ${target.host}`,
    controlIds: ['K8S-05'],
  };
  if (target.host === '(any host)') {
    return {
      hop: notObserved(
        base,
        'the listener has no host name, so Traefik routes on whatever Host clients send',
      ),
    };
  }
  const sent = target.hostSentToTraefik ?? target.host;
  const matches = routesForHost(view.routes, sent);
  if (matches.length === 0 && target.catchAllRule) {
    return {
      hop: {
        ...base,
        status: 'ok',
        statusText: `catch-all rule ${target.catchAllRule}: a host without a listener of its own reaches Traefik as ${sent}, which no route serves, so Traefik answers 404 by design. Onboarding an app gives its host a listener and a route.`,
        details: detail('Host sent to Traefik', sent),
      },
    };
  }
  if (matches.length === 0) {
    const forListener =
      sent.toLowerCase() !== target.host.toLowerCase()
        ? routesForHost(view.routes, target.host)
        : [];
    return {
      hop: {
        ...base,
        status: 'error',
        statusText: forListener.length
          ? `App Gateway sends Host ${sent} (backend settings host name), but ${forListener[0].kind} ${forListener[0].ref} matches ${target.host}: Traefik answers 404`
          : `no IngressRoute or Ingress matches Host ${sent}: Traefik answers 404`,
        details: detail('Host sent to Traefik', sent),
      },
    };
  }

  const route = matches[0];
  const problems: Array<{ status: HopStatus; text: string }> = [];
  if (
    route.entryPoints.length === 0 ||
    route.entryPoints.some(e => e !== 'websecure')
  ) {
    problems.push({
      status: 'error',
      text: `${route.kind} ${route.ref} listens on ${
        route.entryPoints.join(', ') || 'every entry point'
      }, not only websecure`,
    });
  }
  if (!route.tls) {
    problems.push({
      status: 'error',
      text: `${route.kind} ${route.ref} has no TLS`,
    });
  }
  if (matches.length > 1) {
    problems.push({
      status: 'warning',
      text: `${matches.length} routes match ${sent} (${matches
        .map(m => m.ref)
        .join(', ')}); Traefik picks the longest rule`,
    });
  }
  const tlsSecret = readField(route.object, 'spec.tls.secretName');
  return {
    route,
    hop: {
      ...base,
      kubernetesObjects: [objectRef(route.kind, route.object)],
      ...judged(
        {
          status: 'ok',
          statusText: `${route.kind} ${route.ref} matches ${
            route.match
          }, TLS on ${route.entryPoints.join(', ')}`,
        },
        problems,
      ),
      details: [
        ...detail('Route', `${route.kind} ${route.ref}`),
        ...detail('Rule', route.match),
        ...detail('Host sent to Traefik', sent),
        ...detail('Entry points', route.entryPoints),
        ...detail('TLS secret', tlsSecret),
        ...detail('Middlewares', route.middlewares),
        ...detail(
          'Backend',
          route.backend &&
            `${route.backend.namespace}/${route.backend.service}${
              route.backend.port ? `:${route.backend.port}` : ''
            }`,
        ),
      ],
    },
  };
}

function serviceHop(
  backend: BackendView | undefined,
  upstream?: string,
): ChainHop {
  const base = { kind: 'service' as const, title: 'Service', controlIds: [] };
  if (upstream || !backend) {
    return notObserved(base, upstream ?? 'the route names no Service');
  }
  const ref = `${backend.backend.namespace}/${backend.backend.service}`;
  if (!backend.service) {
    return {
      ...base,
      title: `Service ${ref}`,
      status: 'error',
      statusText: `Service ${ref} does not exist: Traefik has nowhere to send ${backend.backend.namespace}'s traffic`,
      details: [],
    };
  }
  const port = backend.servicePort;
  const selector = readField(backend.service, 'spec.selector') as
    | Record<string, string>
    | undefined;
  return {
    ...base,
    title: `Service ${ref}`,
    kubernetesObjects: [objectRef('Service', backend.service)],
    ...(port
      ? {
          status: 'ok' as const,
          statusText: `${
            readField(backend.service, 'spec.type') ?? 'ClusterIP'
          } port ${port.port} -> ${port.targetPort}`,
        }
      : {
          status: 'error' as const,
          statusText: `Service ${ref} has no port ${backend.backend.port}`,
        }),
    details: [
      ...detail('Type', readField(backend.service, 'spec.type') ?? 'ClusterIP'),
      ...detail(
        'Ports',
        readList(backend.service, 'spec.ports').map(
          p =>
            `${readField(p, 'port')} -> ${
              readField(p, 'targetPort') ?? readField(p, 'port')
            }`,
        ),
      ),
      ...detail(
        'Selector',
        selector && Object.entries(selector).map(([k, v]) => `${k}=${v}`),
      ),
    ],
  };
}

function endpointsHop(
  backend: BackendView | undefined,
  upstream?: string,
): ChainHop {
  const base = {
    kind: 'endpoints' as const,
    title: 'Ready endpoints',
    controlIds: [],
  };
  if (upstream || !backend) return notObserved(base, upstream ?? 'no Service');
  const { ready, notReady } = backend.endpoints;
  const total = ready.length + notReady.length;
  let verdict: Pick<ChainHop, 'status' | 'statusText'>;
  if (ready.length === 0) {
    verdict = {
      status: 'error',
      statusText: `no ready endpoint${
        total ? ` (${total} not ready)` : ''
      }: Traefik answers 503 Service Unavailable`,
    };
  } else if (notReady.length) {
    verdict = {
      status: 'warning',
      statusText: `${ready.length} of ${total} endpoints ready`,
    };
  } else {
    verdict = {
      status: 'ok',
      statusText: `${ready.length} ready endpoint${
        ready.length === 1 ? '' : 's'
      }`,
    };
  }
  return {
    ...base,
    ...verdict,
    details: [
      ...detail('Ready', ready.slice(0, 8)),
      ...detail('Not ready', notReady.slice(0, 8)),
    ],
  };
}

function podsHop(
  view: Extract<InClusterView, { observed: true }>,
  backend: BackendView | undefined,
  upstream?: string,
): ChainHop {
  const base = {
    kind: 'pods' as const,
    title: 'Pods',
    controlIds: ['K8S-06', 'K8S-07', 'K8S-08'],
  };
  if (upstream || !backend) return notObserved(base, upstream ?? 'no Service');
  const { pods, readyPods } = backend;
  if (pods.length === 0) {
    return {
      ...base,
      status: 'error',
      statusText: "no pod matches the Service's selector",
      details: [],
    };
  }
  const reach = view.policies.traefikTo(backend);
  const isolation = view.policies.isolationOf(backend.backend.namespace);
  const problems: Array<{ status: HopStatus; text: string }> = [];
  if (readyPods.length === 0) {
    problems.push({
      status: 'error',
      text: `none of ${pods.length} pods is ready`,
    });
  }
  if (!reach.judged) {
    problems.push({ status: 'warning', text: reach.explanation });
  } else if (!reach.allowed) {
    problems.push({
      status: 'error',
      text: `NetworkPolicy blocks Traefik: ${reach.explanation}`,
    });
  } else if (reach.othersAllowed) {
    problems.push({ status: 'error', text: reach.explanation });
  } else if (reach.broader) {
    problems.push({ status: 'warning', text: reach.broader });
  }
  if (isolation?.status === 'fail') {
    problems.push({
      status: 'error',
      text: `no default deny: ${isolation.explanation}`,
    });
  } else if (isolation?.status === 'warning') {
    problems.push({
      status: 'warning',
      text: `default deny: ${isolation.explanation}`,
    });
  }
  const port = reach.judged ? reach.port : undefined;
  return {
    ...base,
    title: `Pods of ${backend.backend.namespace}/${backend.backend.service}`,
    kubernetesObjects: pods.slice(0, 8).map(pod => objectRef('Pod', pod)),
    ...judged(
      {
        status: 'ok',
        statusText: `${readyPods.length} of ${pods.length} pods ready; Traefik admitted on TCP ${port}, nobody else`,
      },
      problems,
    ),
    details: [
      ...detail('Ready', `${readyPods.length} of ${pods.length}`),
      ...detail('Pods', pods.slice(0, 8).map(nameOf)),
      ...detail('Target port', port),
      ...detail('NetworkPolicy (Traefik to pods)', reach.explanation),
      ...detail('Default deny', isolation?.explanation),
    ],
  };
}
