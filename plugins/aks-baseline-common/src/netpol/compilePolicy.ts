import {
  IpInterval,
  normalizeIntervals,
  parseCidr,
  subtractIntervals,
} from './cidr';
import { describeValue, inputError, ObjectContext } from './errors';
import { CompiledSelector, compileLabelSelector } from './labelSelector';
import { isProtocol, MAX_PORT, MIN_PORT } from './portRanges';
import { IpFamily, Protocol } from './types';
import {
  isPlainObject,
  isValidPortName,
  isValidPortNumber,
  readList,
  readNonEmptyString,
} from './validation';

/** The namespace of a namespaced object that does not name one. */
export const DEFAULT_NAMESPACE = 'default';

export type Direction = 'ingress' | 'egress';

/** A rule peer that selects pods by labels. */
export interface SelectorPeer {
  type: 'selector';
  /** `undefined`: only the policy's own namespace (the field was absent). */
  namespaceSelector?: CompiledSelector;
  /** `undefined`: every pod of the selected namespaces (the field was absent). */
  podSelector?: CompiledSelector;
}

/** A rule peer that selects addresses: `cidr` minus `except`, normalized. */
export interface IpBlockPeer {
  type: 'ipBlock';
  family: IpFamily;
  addresses: IpInterval[];
}

export type CompiledPeer = SelectorPeer | IpBlockPeer;

/** One `ports[]` entry. A named port is resolved later, per destination pod. */
export type CompiledPort =
  | { type: 'range'; protocol: Protocol; from: number; to: number }
  | { type: 'named'; protocol: Protocol; name: string };

export interface CompiledRule {
  /** `ns/name` of the owning policy. */
  policy: string;
  direction: Direction;
  /** Index in `spec.ingress` / `spec.egress`. */
  index: number;
  /** `undefined`: the rule names no peers and so admits every peer. */
  peers?: CompiledPeer[];
  /** `undefined`: the rule names no ports and so admits every port. */
  ports?: CompiledPort[];
  hasNamedPorts: boolean;
}

export interface CompiledPolicy {
  /** `ns/name`. */
  ref: string;
  namespace: string;
  name: string;
  podSelector: CompiledSelector;
  /** Whether the policy isolates the pods it selects for ingress / egress. */
  affectsIngress: boolean;
  affectsEgress: boolean;
  /**
   * All rules as written, even for a direction the policy does not affect
   * (their ipBlocks still shape the external address ranges that are reported).
   */
  ingressRules: CompiledRule[];
  egressRules: CompiledRule[];
}

/**
 * Validates a NetworkPolicy and compiles it into the form the evaluator uses.
 * Every check names the policy and the exact field, because the policies come
 * from hand-written YAML and a vague error would send people hunting.
 */
export function compileNetworkPolicy(
  raw: unknown,
  position: number,
): CompiledPolicy {
  const anonymous: ObjectContext = {
    kind: 'NetworkPolicy',
    ref: `policies[${position}]`,
  };
  if (!isPlainObject(raw)) {
    throw inputError(
      anonymous,
      '',
      `must be an object, got ${describeValue(raw)}`,
    );
  }
  const metadata = raw.metadata;
  if (!isPlainObject(metadata)) {
    throw inputError(anonymous, 'metadata', 'must be an object');
  }
  const name = readNonEmptyString(metadata.name, anonymous, 'metadata.name');
  const namespace =
    metadata.namespace === undefined || metadata.namespace === null
      ? DEFAULT_NAMESPACE
      : readNonEmptyString(
          metadata.namespace,
          { ...anonymous, ref: name },
          'metadata.namespace',
        );
  const ref = `${namespace}/${name}`;
  const context: ObjectContext = { kind: 'NetworkPolicy', ref };

  const spec = raw.spec;
  if (!isPlainObject(spec)) {
    throw inputError(
      context,
      'spec',
      `must be an object, got ${describeValue(spec)}`,
    );
  }

  // An absent podSelector decodes to the empty selector in the API types, which
  // selects every pod of the namespace.
  const podSelector =
    spec.podSelector === undefined || spec.podSelector === null
      ? compileLabelSelector({}, context, 'spec.podSelector')
      : compileLabelSelector(spec.podSelector, context, 'spec.podSelector');

  const ingressRules = readList(spec.ingress, context, 'spec.ingress').map(
    (rule, index) => compileRule(rule, 'ingress', index, ref, context),
  );
  const egressRules = readList(spec.egress, context, 'spec.egress').map(
    (rule, index) => compileRule(rule, 'egress', index, ref, context),
  );

  const { affectsIngress, affectsEgress } = readPolicyTypes(
    spec.policyTypes,
    egressRules.length > 0,
    context,
  );

  return {
    ref,
    namespace,
    name,
    podSelector,
    affectsIngress,
    affectsEgress,
    ingressRules,
    egressRules,
  };
}

/**
 * Without `policyTypes` the API defaults to Ingress, plus Egress when the
 * policy has egress rules. An empty list is the same as an absent one.
 */
function readPolicyTypes(
  raw: unknown,
  hasEgressRules: boolean,
  context: ObjectContext,
): { affectsIngress: boolean; affectsEgress: boolean } {
  const types = readList(raw, context, 'spec.policyTypes');
  if (types.length === 0) {
    return { affectsIngress: true, affectsEgress: hasEgressRules };
  }
  types.forEach((type, index) => {
    if (type !== 'Ingress' && type !== 'Egress') {
      throw inputError(
        context,
        `spec.policyTypes[${index}]`,
        `unknown policy type ${describeValue(
          type,
        )} (expected Ingress or Egress)`,
      );
    }
  });
  return {
    affectsIngress: types.includes('Ingress'),
    affectsEgress: types.includes('Egress'),
  };
}

function compileRule(
  raw: unknown,
  direction: Direction,
  index: number,
  policy: string,
  context: ObjectContext,
): CompiledRule {
  const field = `spec.${direction}[${index}]`;
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a rule object, got ${describeValue(raw)}`,
    );
  }
  const peersField = direction === 'ingress' ? 'from' : 'to';
  const rawPeers = readList(raw[peersField], context, `${field}.${peersField}`);
  const rawPorts = readList(raw.ports, context, `${field}.ports`);

  const peers = rawPeers.map((peer, i) =>
    compilePeer(peer, context, `${field}.${peersField}[${i}]`),
  );
  const ports = rawPorts.map((port, i) =>
    compilePort(port, context, `${field}.ports[${i}]`),
  );
  return {
    policy,
    direction,
    index,
    // An empty or missing list means "no restriction", not "nothing".
    peers: peers.length > 0 ? peers : undefined,
    ports: ports.length > 0 ? ports : undefined,
    hasNamedPorts: ports.some(p => p.type === 'named'),
  };
}

function compilePeer(
  raw: unknown,
  context: ObjectContext,
  field: string,
): CompiledPeer {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a peer object, got ${describeValue(raw)}`,
    );
  }
  const hasPodSelector =
    raw.podSelector !== undefined && raw.podSelector !== null;
  const hasNamespaceSelector =
    raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  const hasIpBlock = raw.ipBlock !== undefined && raw.ipBlock !== null;

  if (hasIpBlock) {
    if (hasPodSelector || hasNamespaceSelector) {
      throw inputError(
        context,
        field,
        'ipBlock cannot be combined with podSelector or namespaceSelector',
      );
    }
    return compileIpBlock(raw.ipBlock, context, `${field}.ipBlock`);
  }
  if (!hasPodSelector && !hasNamespaceSelector) {
    // The API rejects an empty peer; reading it as "everything" or "nothing"
    // would both be guesses.
    throw inputError(
      context,
      field,
      'must set at least one of podSelector, namespaceSelector or ipBlock',
    );
  }
  return {
    type: 'selector',
    namespaceSelector: hasNamespaceSelector
      ? compileLabelSelector(
          raw.namespaceSelector,
          context,
          `${field}.namespaceSelector`,
        )
      : undefined,
    podSelector: hasPodSelector
      ? compileLabelSelector(raw.podSelector, context, `${field}.podSelector`)
      : undefined,
  };
}

function compileIpBlock(
  raw: unknown,
  context: ObjectContext,
  field: string,
): IpBlockPeer {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be an object, got ${describeValue(raw)}`,
    );
  }
  const cidr = parseCidrField(raw.cidr, context, `${field}.cidr`);
  const excepts = readList(raw.except, context, `${field}.except`).map(
    (entry, i) => {
      const exceptField = `${field}.except[${i}]`;
      const parsed = parseCidrField(entry, context, exceptField);
      if (parsed.family !== cidr.family) {
        throw inputError(
          context,
          exceptField,
          `must be an ${cidr.family} CIDR like cidr`,
        );
      }
      // As in the API: an except must be a strict subset of the cidr, otherwise
      // the author probably meant something else.
      const inside = parsed.first >= cidr.first && parsed.last <= cidr.last;
      if (!inside || parsed.prefixLength <= cidr.prefixLength) {
        throw inputError(
          context,
          exceptField,
          `${describeValue(
            entry,
          )} must be a strict subset of cidr ${describeValue(raw.cidr)}`,
        );
      }
      return parsed;
    },
  );
  return {
    type: 'ipBlock',
    family: cidr.family,
    addresses: subtractIntervals(
      [cidr],
      normalizeIntervals(excepts.map(e => ({ first: e.first, last: e.last }))),
    ),
  };
}

function parseCidrField(raw: unknown, context: ObjectContext, field: string) {
  const parsed = typeof raw === 'string' ? parseCidr(raw.trim()) : undefined;
  if (!parsed) {
    throw inputError(
      context,
      field,
      `malformed CIDR ${describeValue(
        raw,
      )} (expected e.g. 10.0.0.0/8 or fd00::/8)`,
    );
  }
  return parsed;
}

function compilePort(
  raw: unknown,
  context: ObjectContext,
  field: string,
): CompiledPort {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a port object, got ${describeValue(raw)}`,
    );
  }
  const protocol = readProtocol(raw.protocol, context, `${field}.protocol`);
  const { port, endPort } = raw;
  const hasEndPort = endPort !== undefined && endPort !== null;

  if (port === undefined || port === null) {
    if (hasEndPort) {
      throw inputError(context, `${field}.endPort`, 'requires port to be set');
    }
    // No port: every port of the protocol.
    return { type: 'range', protocol, from: MIN_PORT, to: MAX_PORT };
  }

  if (typeof port === 'string') {
    if (hasEndPort) {
      throw inputError(
        context,
        `${field}.endPort`,
        `cannot be used with the named port ${describeValue(
          port,
        )}; port must be a number`,
      );
    }
    if (!isValidPortName(port)) {
      throw inputError(
        context,
        `${field}.port`,
        `${describeValue(
          port,
        )} is neither a port number (1-65535) nor a valid port name (IANA_SVC_NAME)`,
      );
    }
    return { type: 'named', protocol, name: port };
  }

  if (!isValidPortNumber(port)) {
    throw inputError(
      context,
      `${field}.port`,
      `port ${describeValue(
        port,
      )} is out of range (expected an integer 1-65535 or a port name)`,
    );
  }
  if (!hasEndPort) return { type: 'range', protocol, from: port, to: port };
  if (!isValidPortNumber(endPort)) {
    throw inputError(
      context,
      `${field}.endPort`,
      `endPort ${describeValue(
        endPort,
      )} is out of range (expected an integer 1-65535)`,
    );
  }
  if (endPort < port) {
    throw inputError(
      context,
      `${field}.endPort`,
      `endPort ${endPort} must not be less than port ${port}`,
    );
  }
  return { type: 'range', protocol, from: port, to: endPort };
}

function readProtocol(
  raw: unknown,
  context: ObjectContext,
  field: string,
): Protocol {
  if (raw === undefined || raw === null) return 'TCP';
  if (!isProtocol(raw)) {
    throw inputError(
      context,
      field,
      `unknown protocol ${describeValue(raw)} (expected TCP, UDP or SCTP)`,
    );
  }
  return raw;
}
