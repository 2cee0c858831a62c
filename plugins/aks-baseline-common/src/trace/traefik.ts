import { ipv4CidrContains } from '../controls/ipv4';
import type { KubernetesObject } from '../controls/types';
import type { InClusterModel } from '../inCluster';
import {
  commandLineOf,
  nameOf,
  namespaceOf,
  readField,
  readList,
} from '../inCluster/objects';
import type { TraefikRoute } from '../inCluster/routes';
import { byTraefikPriority, RankedRouter, ruleMatches } from './traefikRule';

/** Traefik's entry points, by name: the port each listens on, from its container's arguments or static file. */
export function traefikEntryPoints(
  model: InClusterModel,
  staticConfig?: Record<string, unknown>,
): Map<string, number> {
  const points = new Map<string, number>();
  const fromFile = readField(staticConfig, 'entryPoints');
  if (fromFile && typeof fromFile === 'object') {
    for (const [name, value] of Object.entries(
      fromFile as Record<string, unknown>,
    )) {
      const port = Number(
        /:(\d+)/.exec(String(readField(value, 'address') ?? ''))?.[1],
      );
      if (port) points.set(name, port);
    }
  }
  for (const container of readList(
    model.traefik.deployment,
    'spec.template.spec.containers',
  )) {
    for (const [key, value] of commandLineOf(container)) {
      const match = /^entrypoints\.([^.]+)\.address$/.exec(key);
      const port = Number(/:(\d+)/.exec(value)?.[1]);
      if (match && port) points.set(match[1], port);
    }
  }
  return points;
}

/** The container port a Service port of Traefik's lands on. */
export function traefikTargetPort(
  model: InClusterModel,
  servicePort: number,
): number | string | undefined {
  const port = readList(model.traefik.service, 'spec.ports').find(
    p => Number(readField(p, 'port')) === servicePort,
  );
  if (!port) return undefined;
  const target = readField(port, 'targetPort') ?? servicePort;
  if (typeof target === 'number') return target;
  const named = readList(
    model.traefik.deployment,
    'spec.template.spec.containers',
  )
    .flatMap(c => readList(c, 'ports'))
    .find(p => readField(p, 'name') === target);
  return named ? Number(readField(named, 'containerPort')) : String(target);
}

/** A route's Traefik rule and priority: an IngressRoute's as written, an Ingress rule as Traefik converts it. */
export function rankRoute(route: TraefikRoute): RankedRouter<TraefikRoute> {
  if (route.kind === 'IngressRoute') {
    const written = readList(route.object, 'spec.routes').find(
      r => readField(r, 'match') === route.match,
    );
    const priority = Number(readField(written, 'priority') ?? 0);
    return { router: route, rule: route.match, priority };
  }
  const annotations = route.object.metadata?.annotations ?? {};
  const priority = Number(
    annotations['traefik.ingress.kubernetes.io/router.priority'] ?? 0,
  );
  const [host] = route.hosts;
  const path = route.match.slice((host ?? '*').length);
  const parts = [
    host ? `Host(\`${host}\`)` : undefined,
    path.startsWith('/') ? `PathPrefix(\`${path}\`)` : undefined,
  ].filter(Boolean);
  // The default backend has the lowest priority Traefik gives.
  return {
    router: route,
    rule: parts.join(' && ') || 'PathPrefix(`/`)',
    priority: parts.length ? priority : 1,
  };
}

/** The router that takes the request on an entry point: the first match by priority; `maybe` ones make it undecided. */
export function selectRoute(
  routes: TraefikRoute[],
  entryPoint: string,
  request: { host: string; path: string },
): {
  route?: RankedRouter<TraefikRoute>;
  uncertain?: RankedRouter<TraefikRoute>;
  errors: string[];
} {
  const errors: string[] = [];
  const onEntryPoint = routes.filter(
    r => r.entryPoints.length === 0 || r.entryPoints.includes(entryPoint),
  );
  for (const ranked of byTraefikPriority(onEntryPoint.map(rankRoute))) {
    let match;
    try {
      match = ruleMatches(ranked.rule, request);
    } catch (error) {
      errors.push(`${ranked.router.ref}: ${(error as Error).message}`);
      continue;
    }
    if (match === 'yes') return { route: ranked, errors };
    if (match === 'maybe') return { uncertain: ranked, errors };
  }
  return { errors };
}

/** An ipAllowList (v3) or ipWhiteList (v2) middleware, as Traefik applies it. */
export interface AllowListVerdict {
  allowed: boolean;
  /** The address Traefik judged (empty when the depth reaches past the header). */
  judged: string;
  sourceRange: string[];
  how: string;
}

/**
 * Which address an ipAllowList judges and whether its sourceRange holds it:
 * without ipStrategy, the connection's remote address; with `depth` n, the
 * n-th address from the right of X-Forwarded-For (none when n exceeds the
 * list: refused); with `excludedIPs`, the first from the right not excluded
 * (https://doc.traefik.io/traefik/middlewares/http/ipallowlist/#ipstrategy).
 */
export function applyAllowList(
  middleware: KubernetesObject,
  connection: { remoteAddress: string; forwardedFor: string[] },
): AllowListVerdict | undefined {
  const spec =
    readField(middleware, 'spec.ipAllowList') ??
    readField(middleware, 'spec.ipWhiteList');
  if (!spec) return undefined;
  const sourceRange = readList(spec, 'sourceRange').map(String);
  const depth = Number(readField(spec, 'ipStrategy.depth') ?? 0);
  const excluded = readList(spec, 'ipStrategy.excludedIPs').map(String);
  let judged = connection.remoteAddress;
  let how = 'the remote address';
  const fromRight = [...connection.forwardedFor].reverse();
  if (depth > 0) {
    judged = fromRight[depth - 1] ?? '';
    how = `X-Forwarded-For depth ${depth}`;
  } else if (excluded.length) {
    judged =
      fromRight.find(
        a =>
          !excluded.some(e =>
            ipv4CidrContains(e.includes('/') ? e : `${e}/32`, a),
          ),
      ) ?? '';
    how = 'X-Forwarded-For without excludedIPs';
  }
  const allowed =
    !!judged &&
    sourceRange.some(r =>
      ipv4CidrContains(r.includes('/') ? r : `${r}/32`, judged),
    );
  return { allowed, judged, sourceRange, how };
}

/** The Middleware object a route names (`name`, `namespace-name@kubernetescrd`). */
export function findMiddleware(
  model: InClusterModel,
  route: TraefikRoute,
  name: string,
): KubernetesObject | undefined {
  const namespace = namespaceOf(route.object);
  const crd = /^(.+)@kubernetescrd$/.exec(name)?.[1];
  return model.objects
    .of('Middleware')
    .find(m =>
      crd
        ? `${namespaceOf(m)}-${nameOf(m)}` === crd
        : namespaceOf(m) === namespace && nameOf(m) === name,
    );
}
