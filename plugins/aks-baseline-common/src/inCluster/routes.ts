import type { KubernetesObject } from '../controls/types';
import {
  readField,
  readList,
  namespaceOf,
  ObjectIndex,
  refOf,
} from './objects';
import type { TraefikView } from './traefik';

/** A Service a route sends traffic to. */
export interface RoutedBackend {
  namespace: string;
  service: string;
  /** The Service port, as the route names it (number or name). */
  port?: string;
}

/** One Traefik route (an IngressRoute rule or an Ingress rule) and where it goes. */
export interface TraefikRoute {
  kind: 'IngressRoute' | 'Ingress';
  object: KubernetesObject;
  ref: string;
  /** Host names the rule matches (lower case; `*.x` for Ingress wildcards). */
  hosts: string[];
  /** The rule as written (`Host(...)`, or `host /path` for an Ingress). */
  match: string;
  entryPoints: string[];
  tls: boolean;
  middlewares: string[];
  /** The first Service of the rule: the one the chain follows. */
  backend?: RoutedBackend;
  /** Every Service of the rule (Traefik balances across them). */
  backends: RoutedBackend[];
}

const TRAEFIK_ANNOTATION = 'traefik.ingress.kubernetes.io/';

/** Hosts in a Traefik rule: `Host(\`a\`)`, `Host(\`a\`, \`b\`)` (v2), `Host(\`a\`) || Host(\`b\`)`. */
export function hostsOfRule(rule: string): string[] {
  const hosts: string[] = [];
  for (const call of rule.matchAll(/\bHost\(([^)]*)\)/g)) {
    for (const arg of call[1].split(',')) {
      const host = arg.trim().replace(/^[`"']|[`"']$/g, '');
      if (host) hosts.push(host.toLowerCase());
    }
  }
  return hosts;
}

/**
 * Whether an Ingress is Traefik's: its class (`spec.ingressClassName`, else
 * the legacy annotation) is an IngressClass whose controller is Traefik, or
 * is named like Traefik's when IngressClasses were not read (generated
 * objects); a class-less Ingress goes to the default class.
 */
function servedByTraefik(
  ingress: KubernetesObject,
  traefik: TraefikView,
): boolean {
  const className =
    (readField(ingress, 'spec.ingressClassName') as string | undefined) ??
    ingress.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (!className) return !!traefik.defaultIngressClass;
  return (
    traefik.ingressClasses.includes(className) ||
    className.toLowerCase().includes('traefik')
  );
}

/** The Ingresses Traefik serves. */
export function traefikIngresses(
  index: ObjectIndex,
  traefik: TraefikView,
): KubernetesObject[] {
  return index.of('Ingress').filter(i => servedByTraefik(i, traefik));
}

/** Every route Traefik serves, one entry per rule (and Ingress default backend). */
export function traefikRoutes(
  index: ObjectIndex,
  traefik: TraefikView,
): TraefikRoute[] {
  const fromCrds = index.of('IngressRoute').flatMap(route =>
    readList(route, 'spec.routes')
      .filter(r => (readField(r, 'kind') ?? 'Rule') === 'Rule')
      .map((rule): TraefikRoute => {
        const services = readList(rule, 'services')
          .filter(s => (readField(s, 'kind') ?? 'Service') === 'Service')
          .map(
            (service): RoutedBackend => ({
              namespace: String(
                readField(service, 'namespace') ?? namespaceOf(route),
              ),
              service: String(readField(service, 'name')),
              port: optionalString(readField(service, 'port')),
            }),
          );
        const match = String(readField(rule, 'match') ?? '');
        return {
          kind: 'IngressRoute',
          object: route,
          ref: refOf(route),
          hosts: hostsOfRule(match),
          match,
          entryPoints: readList(route, 'spec.entryPoints').map(String),
          tls: !!readField(route, 'spec.tls'),
          middlewares: readList(rule, 'middlewares').map(m =>
            String(readField(m, 'name')),
          ),
          backend: services[0],
          backends: services,
        };
      }),
  );

  const fromIngresses = traefikIngresses(index, traefik).flatMap(ingress => {
    const annotations = ingress.metadata?.annotations ?? {};
    const common = {
      kind: 'Ingress' as const,
      object: ingress,
      ref: refOf(ingress),
      entryPoints: (
        annotations[`${TRAEFIK_ANNOTATION}router.entrypoints`] ?? ''
      )
        .split(',')
        .map(e => e.trim())
        .filter(Boolean),
      tls: annotations[`${TRAEFIK_ANNOTATION}router.tls`] === 'true',
      middlewares: (
        annotations[`${TRAEFIK_ANNOTATION}router.middlewares`] ?? ''
      )
        .split(',')
        .map(m => m.trim())
        .filter(Boolean),
    };
    const defaultBackend = readField(ingress, 'spec.defaultBackend');
    const route = (
      host: string | undefined,
      path: string,
      backend: unknown,
    ): TraefikRoute => {
      const service = ingressService(ingress, backend);
      return {
        ...common,
        hosts: host ? [host] : [],
        match: `${host ?? '*'}${path}`,
        backend: service,
        backends: service ? [service] : [],
      };
    };
    const fromRules = readList(ingress, 'spec.rules').flatMap(rule => {
      const host = optionalString(readField(rule, 'host'))?.toLowerCase();
      const paths = readList(rule, 'http.paths');
      return paths.length
        ? paths.map(p =>
            route(
              host,
              optionalString(readField(p, 'path')) ?? '/',
              readField(p, 'backend'),
            ),
          )
        : [route(host, '/', defaultBackend)];
    });
    // The default backend answers whatever no rule matches.
    return defaultBackend === undefined
      ? fromRules
      : [...fromRules, route(undefined, ' (default backend)', defaultBackend)];
  });

  return [...fromCrds, ...fromIngresses].sort((a, b) =>
    a.ref.localeCompare(b.ref),
  );
}

/** The Service an Ingress backend names, if it names one. */
function ingressService(
  ingress: KubernetesObject,
  backend: unknown,
): RoutedBackend | undefined {
  if (!readField(backend, 'service.name')) return undefined;
  return {
    namespace: namespaceOf(ingress),
    service: String(readField(backend, 'service.name')),
    port: optionalString(
      readField(backend, 'service.port.number') ??
        readField(backend, 'service.port.name'),
    ),
  };
}

/** The routes that match `host`, exact names before wildcards. */
export function routesForHost(
  routes: TraefikRoute[],
  host: string,
): TraefikRoute[] {
  const wanted = host.toLowerCase();
  const exact = routes.filter(r => r.hosts.includes(wanted));
  if (exact.length) return exact;
  const parent = wanted.slice(wanted.indexOf('.') + 1);
  return routes.filter(r => r.hosts.includes(`*.${parent}`));
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null || value === ''
    ? undefined
    : String(value);
}
