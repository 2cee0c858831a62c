import { asString, readArm, readArmList, refersTo } from '../arm/read';
import type { ArmResource } from '../arm/types';

/** A listener of an Application Gateway, with what a request is matched on. */
export interface GatewayListener {
  name: string;
  id?: string;
  protocol: 'http' | 'https';
  port?: number;
  /** Empty: a basic listener, which takes any host. */
  hostNames: string[];
  sslCertificateId?: string;
  firewallPolicyId?: string;
  /** The priority of the routing rule that uses it (v2); lower goes first. */
  rulePriority?: number;
  raw: unknown;
}

/**
 * Whether a listener host name (with the wildcards `*`, any characters, and
 * `?`, one character) matches a host, case-insensitively
 * (https://learn.microsoft.com/azure/application-gateway/multiple-site-overview#wildcard-host-names-in-listener).
 */
export function listenerHostMatches(pattern: string, host: string): boolean {
  const escaped = pattern
    .trim()
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`).test(host.trim().toLowerCase());
}

/** The gateway's listeners, each with its frontend port and its rule's priority. */
export function gatewayListeners(gateway: ArmResource): GatewayListener[] {
  const ports = readArmList(gateway, 'frontendPorts');
  const rules = readArmList(gateway, 'requestRoutingRules');
  return readArmList(gateway, 'httpListeners').map(listener => {
    const portRef = asString(readArm(listener, 'frontendPort.id'));
    const port = ports.find(p => portRef && refersTo(portRef, p));
    const rule = rules.find(r => {
      const ref = asString(readArm(r, 'httpListener.id'));
      return !!ref && refersTo(ref, listener);
    });
    const priority = readArm(rule, 'priority');
    const single = asString(readArm(listener, 'hostName'));
    const many = readArmList(listener, 'hostNames').map(String);
    return {
      name: asString(readArm(listener, 'name')) ?? '(unnamed)',
      id: asString(readArm(listener, 'id')),
      protocol:
        asString(readArm(listener, 'protocol'))?.toLowerCase() === 'https'
          ? 'https'
          : 'http',
      port: port ? Number(readArm(port, 'port')) : undefined,
      hostNames: many.length ? many : [single].filter((h): h is string => !!h),
      sslCertificateId: asString(readArm(listener, 'sslCertificate.id')),
      firewallPolicyId: asString(readArm(listener, 'firewallPolicy.id')),
      rulePriority: typeof priority === 'number' ? priority : undefined,
      raw: listener,
    };
  });
}

/**
 * The listener that takes a request: among those on its protocol and port
 * whose host names match (a basic listener matches any host), the one whose
 * rule has the lowest priority; without priorities, multi-site listeners go
 * before basic ones
 * (https://learn.microsoft.com/azure/application-gateway/configuration-listeners#order-of-processing-listeners).
 */
export function selectListener(
  listeners: GatewayListener[],
  request: { scheme: 'http' | 'https'; port: number; host: string },
): GatewayListener | undefined {
  const matching = listeners.filter(
    l =>
      l.protocol === request.scheme &&
      l.port === request.port &&
      (l.hostNames.length === 0 ||
        l.hostNames.some(h => listenerHostMatches(h, request.host))),
  );
  const rank = (l: GatewayListener) => [
    l.rulePriority ?? Number.MAX_SAFE_INTEGER,
    l.hostNames.length === 0 ? 1 : 0,
  ];
  return matching.sort((a, b) => {
    const [pa, ba] = rank(a);
    const [pb, bb] = rank(b);
    return pa - pb || ba - bb;
  })[0];
}
