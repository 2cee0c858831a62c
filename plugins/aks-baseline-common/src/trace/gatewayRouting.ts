import { asString, readArm, readArmList, refersTo } from '../arm/read';
import type { ArmResource } from '../arm/types';
import type { GatewayListener } from './gatewayListener';
import type { TraceStep } from './types';

/** Where the gateway sends a request its listener took. */
export interface GatewayTarget {
  rule: string;
  pathRule?: string;
  pool?: unknown;
  settings?: unknown;
  redirect?: string;
}

const child = (gateway: ArmResource, collection: string, ref: unknown) => {
  const id = asString(readArm(ref, 'id'));
  return id
    ? readArmList(gateway, collection).find(item => refersTo(id, item))
    : undefined;
};

/** Whether an App Gateway path pattern (`/api/*`, `/exact`) matches a path. */
export function gatewayPathMatches(pattern: string, path: string): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return path === pattern;
}

/**
 * The routing rule of the listener and, for path-based rules, the first
 * path rule whose pattern matches, else the map's default
 * (https://learn.microsoft.com/azure/application-gateway/url-route-overview).
 */
export function routeThroughGateway(
  gateway: ArmResource,
  listener: GatewayListener,
  path: string,
): GatewayTarget | undefined {
  const rule = readArmList(gateway, 'requestRoutingRules').find(r => {
    const ref = asString(readArm(r, 'httpListener.id'));
    return !!ref && refersTo(ref, listener.raw);
  });
  if (!rule) return undefined;
  const name = asString(readArm(rule, 'name')) ?? '(unnamed)';
  const redirect = child(
    gateway,
    'redirectConfigurations',
    readArm(rule, 'redirectConfiguration'),
  );
  if (redirect)
    return { rule: name, redirect: asString(readArm(redirect, 'name')) };
  const map = child(gateway, 'urlPathMaps', readArm(rule, 'urlPathMap'));
  if (!map) {
    return {
      rule: name,
      pool: child(
        gateway,
        'backendAddressPools',
        readArm(rule, 'backendAddressPool'),
      ),
      settings: child(
        gateway,
        'backendHttpSettingsCollection',
        readArm(rule, 'backendHttpSettings'),
      ),
    };
  }
  const pathRule = readArmList(map, 'pathRules').find(p =>
    readArmList(p, 'paths').some(pattern =>
      gatewayPathMatches(String(pattern), path),
    ),
  );
  const source = pathRule ?? map;
  const prefix = pathRule ? '' : 'default';
  const field = (name_: string) =>
    prefix ? `${prefix}${name_[0].toUpperCase()}${name_.slice(1)}` : name_;
  return {
    rule: name,
    pathRule: pathRule
      ? asString(readArm(pathRule, 'name'))
      : `${asString(readArm(map, 'name'))} (default)`,
    pool: child(
      gateway,
      'backendAddressPools',
      readArm(source, field('backendAddressPool')),
    ),
    settings: child(
      gateway,
      'backendHttpSettingsCollection',
      readArm(source, field('backendHttpSettings')),
    ),
  };
}

/** The routing-rule hop. */
export function routingStep(
  gateway: ArmResource,
  target: GatewayTarget | undefined,
  listener: GatewayListener,
): TraceStep {
  const base = { kind: 'routing-rule' as const, title: 'Routing rule' };
  if (!target) {
    return {
      ...base,
      outcome: 'stopped',
      text: `no routing rule uses listener ${listener.name}: App Gateway answers 404`,
      decidedBy: { name: listener.name, resourceId: gateway.id },
      fix: `add a routing rule for listener ${listener.name}`,
    };
  }
  const decidedBy = {
    name: target.pathRule ? `${target.rule} / ${target.pathRule}` : target.rule,
    resourceId: gateway.id,
  };
  if (target.redirect) {
    return {
      ...base,
      outcome: 'stopped',
      text: `rule ${target.rule} redirects (${target.redirect}): the request never reaches a backend`,
      decidedBy,
      fix: `route ${target.rule} to the backend pool instead of redirecting`,
    };
  }
  if (!target.pool || !target.settings) {
    return {
      ...base,
      outcome: 'stopped',
      text: `rule ${target.rule} names no backend pool or settings for this path: App Gateway answers 502`,
      decidedBy,
      fix: `give ${target.rule} a backend pool and backend settings`,
    };
  }
  return {
    ...base,
    outcome: 'passed',
    text: `rule ${decidedBy.name} sends it to pool ${asString(
      readArm(target.pool, 'name'),
    )} with settings ${asString(readArm(target.settings, 'name'))}`,
    decidedBy,
  };
}
