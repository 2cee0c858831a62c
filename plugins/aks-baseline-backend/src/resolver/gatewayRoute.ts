import {
  ArmResource,
  asString,
  readArm,
  readArmList,
  refersTo,
  sameText,
} from '@aks-baseline/plugin-aks-baseline-common';

/*
 * Where one App Gateway listener leads, read from the gateway's own
 * sub-resources (pure lookups, no judgement): the ARM half of a chain is
 * drawn from these.
 */

/** The sub-resource a reference names, matched as the controls match it. */
const byRef = (list: unknown[], ref: unknown) =>
  list.find(item => refersTo(ref, item));

/** What clients ask a listener for. */
export interface ListenerEntry {
  name?: string;
  hosts: string[];
  /** The first host name; `(any host)` when the listener has none. */
  host: string;
  https: boolean;
}

export function listenerEntry(listener: unknown): ListenerEntry {
  const hosts = listenerHosts(listener);
  return {
    name: asString(readArm(listener, 'name')),
    hosts,
    host: hosts[0] ?? '(any host)',
    https: speaksHttps(listener),
  };
}

/** Whether a listener or backend settings' protocol is HTTPS (ARM enum case varies). */
export function speaksHttps(resource: unknown): boolean {
  return sameText(readArm(resource, 'protocol'), 'Https');
}

function listenerHosts(listener: unknown): string[] {
  const many = readArmList(listener, 'hostNames').filter(
    (h): h is string => typeof h === 'string',
  );
  const one = asString(readArm(listener, 'hostName'));
  if (many.length > 0) return many;
  return one ? [one] : [];
}

/**
 * The gateway's sub-resources a listener's requests pass through; a
 * path-based rule's defaults stand for it when the rule names none itself.
 */
export interface ListenerRoute {
  rule?: unknown;
  pathMap?: unknown;
  settings?: unknown;
  pool?: unknown;
  probe?: unknown;
}

export function listenerRoute(
  gateway: ArmResource,
  listener: unknown,
): ListenerRoute {
  const rule = readArmList(gateway, 'requestRoutingRules').find(r =>
    refersTo(readArm(r, 'httpListener'), listener),
  );
  const pathMap = byRef(
    readArmList(gateway, 'urlPathMaps'),
    readArm(rule, 'urlPathMap'),
  );
  const settings = byRef(
    readArmList(gateway, 'backendHttpSettingsCollection'),
    readArm(rule, 'backendHttpSettings') ??
      readArm(pathMap, 'defaultBackendHttpSettings'),
  );
  const pool = byRef(
    readArmList(gateway, 'backendAddressPools'),
    readArm(rule, 'backendAddressPool') ??
      readArm(pathMap, 'defaultBackendAddressPool'),
  );
  const probe = byRef(
    readArmList(gateway, 'probes'),
    readArm(settings, 'probe'),
  );
  return { rule, pathMap, settings, pool, probe };
}

/** The public IP behind the listener's frontend IP configuration. */
export function publicIpIdOf(
  gateway: ArmResource,
  listener: unknown,
): string | undefined {
  const frontend = byRef(
    readArmList(gateway, 'frontendIPConfigurations'),
    readArm(listener, 'frontendIPConfiguration'),
  );
  return asString(readArm(frontend, 'publicIPAddress.id'));
}

/** A listener's own WAF policy overrides the gateway's. */
export function wafPolicyIdOf(
  gateway: ArmResource,
  listener: unknown,
): string | undefined {
  return (
    asString(readArm(listener, 'firewallPolicy.id')) ??
    asString(readArm(gateway, 'firewallPolicy.id'))
  );
}

/** The pool's targets as shown: IP address, else FQDN. */
export function backendAddresses(pool: unknown): string[] {
  return readArmList(pool, 'backendAddresses').map(
    a =>
      asString(readArm(a, 'ipAddress')) ?? asString(readArm(a, 'fqdn')) ?? '?',
  );
}

/**
 * The Host header Traefik receives: App Gateway rewrites it to the backend
 * settings' host name when one is set, else passes the client's on.
 */
export function hostSentToTraefik(
  settings: unknown,
  listenerHost: string | undefined,
): string | undefined {
  if (readArm(settings, 'pickHostNameFromBackendAddress') === true) {
    return undefined;
  }
  return asString(readArm(settings, 'hostName')) ?? listenerHost;
}
