import type { InClusterModel } from '../inCluster';
import { nameOf, namespaceOf, refOf } from '../inCluster/objects';
import type { TraefikRoute } from '../inCluster/routes';
import {
  applyAllowList,
  findMiddleware,
  selectRoute,
  traefikEntryPoints,
  traefikTargetPort,
} from './traefik';
import { effectivePriority } from './traefikRule';
import { modelForNamespaces } from './policyScope';
import type { InboundTraceRequest, TraceInputs, TraceStep } from './types';

interface ClusterLeg {
  inputs: TraceInputs;
  model?: InClusterModel;
  request: InboundTraceRequest;
  /** The Traefik Service port App Gateway connects to. */
  servicePort: number;
  /** The App Gateway instance address Traefik sees as the remote address. */
  gatewayAddress: string;
}

const k8s = (kind: string, ref: string) => ({
  name: ref,
  kubernetesObject: `${kind} ${ref}`,
});

function notRead(inputs: TraceInputs): TraceStep[] {
  const missing = `Kubernetes objects: ${
    inputs.kubernetesNotRead ?? 'not read'
  }`;
  return [
    {
      kind: 'traefik',
      title: 'Traefik',
      outcome: 'unknown',
      text: `unknown: ${missing}`,
      missing,
    },
  ];
}

function entryPointStep(
  leg: ClusterLeg,
  model: InClusterModel,
): { step: TraceStep; entryPoint?: string } {
  const service = model.traefik.service;
  if (!service) {
    return {
      step: {
        kind: 'traefik',
        title: 'Traefik',
        outcome: 'stopped',
        text: 'no Traefik Service in the cluster: nothing answers behind the pool (502)',
        fix: 'deploy Traefik with an internal load balancer Service',
      },
    };
  }
  const target = traefikTargetPort(model, leg.servicePort);
  const points = traefikEntryPoints(
    model,
    leg.inputs.kubernetes?.traefikStaticConfig,
  );
  const entryPoint = [...points].find(([, port]) => port === target)?.[0];
  const decidedBy = k8s('Service', refOf(service));
  if (!entryPoint) {
    return {
      step: {
        kind: 'traefik',
        title: 'Traefik',
        outcome: 'stopped',
        text: `Service ${refOf(service)} port ${leg.servicePort} leads to ${
          target ?? 'no'
        } container port, where no entry point listens (${
          [...points].map(([n, p]) => `${n} :${p}`).join(', ') || 'none found'
        })`,
        decidedBy,
        fix: `point the Service port at an entry point's port`,
      },
    };
  }
  if (!model.traefik.readyPods.length) {
    return {
      entryPoint,
      step: {
        kind: 'traefik',
        title: 'Traefik',
        outcome: 'stopped',
        text: `no Traefik pod is ready behind ${refOf(service)}`,
        decidedBy,
        fix: 'fix the Traefik Deployment until its pods are ready',
      },
    };
  }
  return {
    entryPoint,
    step: {
      kind: 'traefik',
      title: 'Traefik',
      outcome: 'passed',
      text: `Service ${refOf(service)} port ${
        leg.servicePort
      } -> entry point ${entryPoint} (:${target}), ${
        model.traefik.readyPods.length
      } pod(s) ready`,
      decidedBy,
    },
  };
}

function middlewareSteps(
  leg: ClusterLeg,
  model: InClusterModel,
  route: TraefikRoute,
): TraceStep[] {
  return route.middlewares.map(name => {
    const middleware = findMiddleware(model, route, name);
    if (!middleware) {
      return {
        kind: 'middleware',
        title: `Middleware ${name}`,
        outcome: 'stopped',
        text: `${route.ref} names middleware ${name}, which does not exist: Traefik disables the router (404)`,
        decidedBy: k8s(route.kind, route.ref),
        fix: `create middleware ${name} in ${namespaceOf(
          route.object,
        )} or drop it from the route`,
      } as TraceStep;
    }
    const ref = refOf(middleware);
    const verdict = applyAllowList(middleware, {
      remoteAddress: leg.gatewayAddress,
      forwardedFor: [leg.request.clientAddress],
    });
    if (!verdict) {
      return {
        kind: 'middleware',
        title: `Middleware ${name}`,
        outcome: 'passed',
        text: `${ref} is not an IP allow list: not emulated, it does not stop requests by address`,
        decidedBy: k8s('Middleware', ref),
      } as TraceStep;
    }
    const judged =
      verdict.judged || '(none: the depth reaches past X-Forwarded-For)';
    return {
      kind: 'middleware',
      title: `Middleware ${nameOf(middleware)}`,
      outcome: verdict.allowed ? 'passed' : 'stopped',
      text: `ipAllowList ${ref} judges ${judged} (${
        verdict.how
      }) against ${verdict.sourceRange.join(', ')}: ${
        verdict.allowed ? 'allowed' : 'refused (403)'
      }`,
      decidedBy: k8s('Middleware', ref),
      ...(verdict.allowed
        ? {}
        : {
            fix: `add ${
              verdict.judged || 'the address to judge'
            } to ${ref}'s sourceRange, or set its ipStrategy`,
          }),
    } as TraceStep;
  });
}

function routeStep(leg: ClusterLeg, model: InClusterModel, entryPoint: string) {
  const { route, uncertain, errors } = selectRoute(
    model.routes,
    entryPoint,
    leg.request,
  );
  const note = errors.length
    ? `; rules Traefik cannot parse: ${errors.join('; ')}`
    : '';
  if (uncertain) {
    const missing = `${uncertain.router.ref} rule ${uncertain.rule} matches on headers or queries the trace does not know`;
    return {
      step: {
        kind: 'route',
        title: 'Route',
        outcome: 'unknown',
        text: `unknown: ${missing}`,
        missing,
        decidedBy: k8s(uncertain.router.kind, uncertain.router.ref),
      } as TraceStep,
    };
  }
  if (!route) {
    return {
      step: {
        kind: 'route',
        title: 'Route',
        outcome: 'stopped',
        text: `no router on entry point ${entryPoint} matches host ${leg.request.host} and path ${leg.request.path}: Traefik answers 404${note}`,
        decidedBy: {
          name: `entry point ${entryPoint}`,
          kubernetesObject: model.traefik.service
            ? `Service ${refOf(model.traefik.service)}`
            : undefined,
        },
        fix: `add an IngressRoute on ${entryPoint} with match Host(\`${leg.request.host}\`)`,
      } as TraceStep,
    };
  }
  const priority = route.priority
    ? `priority ${route.priority}`
    : `priority ${effectivePriority(route)} (rule length)`;
  return {
    route: route.router,
    step: {
      kind: 'route',
      title: 'Route',
      outcome: 'passed',
      text: `${route.router.kind} ${route.router.ref} matches with ${route.rule} (${priority})${note}`,
      decidedBy: k8s(route.router.kind, route.router.ref),
    } as TraceStep,
  };
}

function backendSteps(
  leg: ClusterLeg,
  model: InClusterModel,
  route: TraefikRoute,
): TraceStep[] {
  const view = model.backend(route);
  if (!view)
    return [
      {
        kind: 'service',
        title: 'Service',
        outcome: 'stopped',
        text: `${route.ref} names no Service`,
        decidedBy: k8s(route.kind, route.ref),
        fix: 'name a Service in the route',
      },
    ];
  const serviceRef = `${view.backend.namespace}/${view.backend.service}`;
  if (!view.service || !view.servicePort) {
    return [
      {
        kind: 'service',
        title: 'Service',
        outcome: 'stopped',
        text: `${
          view.service
            ? `Service ${serviceRef} has no port ${view.backend.port}`
            : `Service ${serviceRef} does not exist`
        }: Traefik answers 404`,
        decidedBy: k8s(route.kind, route.ref),
        fix: `create Service ${serviceRef} with the port the route names`,
      },
    ];
  }
  const steps: TraceStep[] = [
    {
      kind: 'service',
      title: 'Service',
      outcome: 'passed',
      text: `Service ${serviceRef} port ${view.servicePort.port} -> ${view.servicePort.targetPort}`,
      decidedBy: k8s('Service', serviceRef),
    },
  ];
  if (!view.endpoints.ready.length) {
    steps.push({
      kind: 'endpoints',
      title: 'Endpoints',
      outcome: 'stopped',
      text: `no ready endpoint (${view.endpoints.notReady.length} not ready): Traefik answers 503`,
      decidedBy: k8s('Service', serviceRef),
      fix: `get a pod of ${serviceRef} ready`,
    });
    return steps;
  }
  steps.push({
    kind: 'endpoints',
    title: 'Endpoints',
    outcome: 'passed',
    text: `${view.endpoints.ready.length} ready endpoint(s)`,
    decidedBy: k8s('Service', serviceRef),
  });
  const reach =
    scopedReach(leg, model, route) ?? model.policies.traefikTo(view);
  if (!reach.judged) {
    steps.push({
      kind: 'network-policy',
      title: 'NetworkPolicy (Traefik to pod)',
      outcome: 'unknown',
      text: `unknown: ${reach.explanation}`,
      missing: reach.explanation,
    });
  } else {
    const policy = /(?:admitted by|isolated by) ([^\s,]+\/[^\s,]+)/.exec(
      reach.explanation,
    )?.[1];
    steps.push({
      kind: 'network-policy',
      title: 'NetworkPolicy (Traefik to pod)',
      outcome: reach.allowed ? 'passed' : 'stopped',
      text: reach.explanation,
      decidedBy: policy
        ? k8s('NetworkPolicy', policy)
        : { name: 'no NetworkPolicy isolates the pods' },
      ...(reach.allowed
        ? {}
        : {
            fix: `let Traefik's pods in on TCP ${
              reach.port ?? view.servicePort.targetPort
            }: add an ingress rule from namespace ${
              model.traefik.namespace
            } to ${policy ?? 'the isolating policy'}`,
          }),
    });
  }
  return steps;
}

/**
 * Traefik's pods to the route's pods, judged on the two namespaces only (see
 * `modelForNamespaces`); undefined when Traefik's namespace is not known.
 */
function scopedReach(
  leg: ClusterLeg,
  model: InClusterModel,
  route: TraefikRoute,
) {
  const traefikNamespace = model.traefik.namespace;
  const target = route.backend?.namespace;
  if (!traefikNamespace || !target) return undefined;
  const scoped = modelForNamespaces(
    leg.inputs,
    [traefikNamespace, target],
    traefikNamespace,
  );
  const view = scoped.backend(route);
  return view ? scoped.policies.traefikTo(view) : undefined;
}

/** Traefik's entry point -> middlewares -> route -> Service -> endpoints -> NetworkPolicy verdict for Traefik's pod to the app's. */
export function inClusterSteps(leg: ClusterLeg): TraceStep[] {
  const { model } = leg;
  if (!model) return notRead(leg.inputs);
  const entry = entryPointStep(leg, model);
  // Judged as if Traefik answered, so later blockers show too (see `afterStop`).
  const entryPoint =
    entry.entryPoint ??
    [
      ...traefikEntryPoints(
        model,
        leg.inputs.kubernetes?.traefikStaticConfig,
      ).keys(),
    ].find(e => e === 'websecure') ??
    'websecure';
  const { step, route } = routeStep(leg, model, entryPoint);
  if (!route) return [entry.step, step];
  // Traefik runs a router's middlewares once the router has matched.
  return [
    entry.step,
    step,
    ...middlewareSteps(leg, model, route),
    ...backendSteps(leg, model, route),
  ];
}
