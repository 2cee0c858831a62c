import { z } from 'zod/v3';
import {
  ipv4CidrContains,
  parseIpv4Address,
  parseIpv4Cidr,
} from './controls/ipv4';
import {
  GUID_PATTERN,
  HOST_NAME_MAX_LENGTH,
  HOST_NAME_PATTERN,
  IPV4_ADDRESS_PATTERN,
  IPV4_CIDR_PATTERN,
  KEY_VAULT_NAME_PATTERN,
  LABEL_KEY_PATTERN,
  LABEL_VALUE_PATTERN,
  RFC1123_LABEL_PATTERN,
} from './namePatterns';

/**
 * Names a baseline cluster made by `aks-baseline:create-cluster` gives the
 * parts of its Application Gateway that onboarding attaches an app to: the
 * cluster writes them, `aks-baseline:onboard-app` defaults to them, so an
 * app onboarded with the defaults finds what the cluster has.
 * @public
 */
export const STAMP_GATEWAY_NAMES = {
  ipConfiguration: 'agw-ip-configuration',
  frontendIp: 'agw-frontend-public',
  frontendPort: 'port-443',
  edgeCertificate: 'edge-certificate',
  /** The trusted root Traefik's certificate chains to. */
  backendRoot: 'traefik-ingress-root',
  /** The pool that targets Traefik's internal load balancer. */
  backendPool: 'traefik-internal-lb',
  backendSettings: 'traefik-https',
  probe: 'traefik-ping',
  listener: 'listener-https',
  rule: 'route-to-traefik',
} as const;

/** The Application Gateway of the cluster named `clusterName`. @public */
export function stampGatewayName(clusterName: string): string {
  return `agw-${clusterName}`;
}

/** The Traefik entry point App Gateway reaches and app routes bind to. @public */
export const STAMP_TRAEFIK_ENTRY_POINT = 'websecure';

/** Key Vault's DNS suffix in Azure public cloud. @public */
export const PUBLIC_CLOUD_KEY_VAULT_DNS_SUFFIX = 'vault.azure.net';

/** Prefix of every contract annotation on a cluster entity. @public */
export const STAMP_ANNOTATION_PREFIX = 'aks-baseline.io/stamp-';

/**
 * What a baseline cluster exposes to onboarding: the names and addresses an
 * app needs to attach to its gateway, its Traefik and its Key Vault. One
 * flat record, so each field is one catalog annotation and the fields an
 * onboarding input overrides carry the same names as the input.
 * @public
 */
export interface StampContract {
  /** The cluster's own catalog entity ref (`resource:default/<name>`). */
  clusterEntityRef: string;
  /** The Application Gateway. */
  gatewayName: string;
  gatewayFrontendIpConfiguration: string;
  gatewayFrontendPort: string;
  /** The backend pool that targets Traefik's internal load balancer. */
  gatewayBackendPool: string;
  /** The trusted root Traefik's certificate chains to. */
  gatewayTrustedRootCertificate: string;
  /** App Gateway's subnet: the only source Traefik admits. */
  appGatewaySubnetCidr: string;
  traefikNamespace: string;
  /** Labels that select Traefik's pods. */
  traefikPodLabels: Record<string, string>;
  traefikEntryPoint: string;
  /** The subnet of Traefik's internal load balancer. */
  traefikIlbSubnetCidr: string;
  /** Traefik's internal load balancer IP, inside `traefikIlbSubnetCidr`. */
  traefikIlbIp: string;
  /** Public DNS domain apps are served under: app hosts are names inside it. */
  ingressDomain: string;
  keyVaultName: string;
  /** `vault.azure.net` in the public cloud. */
  keyVaultDnsSuffix: string;
  /** Entra ID tenant of the vault. */
  tenantId: string;
  /**
   * Client id of the identity apps' SecretProviderClasses read their
   * certificate with. It exists only once the stamp is deployed, so the
   * contract may lack it: the platform team adds the annotation (see the
   * README) and onboarding asks for it until then.
   */
  certificateReaderClientId?: string;
}

/** The annotation each contract field is written to, one per field. @public */
export const STAMP_CONTRACT_ANNOTATIONS: {
  readonly [K in keyof StampContract]-?: string;
} = {
  clusterEntityRef: `${STAMP_ANNOTATION_PREFIX}entity-ref`,
  gatewayName: `${STAMP_ANNOTATION_PREFIX}gateway-name`,
  gatewayFrontendIpConfiguration: `${STAMP_ANNOTATION_PREFIX}gateway-frontend-ip-configuration`,
  gatewayFrontendPort: `${STAMP_ANNOTATION_PREFIX}gateway-frontend-port`,
  gatewayBackendPool: `${STAMP_ANNOTATION_PREFIX}gateway-backend-pool`,
  gatewayTrustedRootCertificate: `${STAMP_ANNOTATION_PREFIX}gateway-trusted-root-certificate`,
  appGatewaySubnetCidr: `${STAMP_ANNOTATION_PREFIX}gateway-subnet`,
  traefikNamespace: `${STAMP_ANNOTATION_PREFIX}traefik-namespace`,
  traefikPodLabels: `${STAMP_ANNOTATION_PREFIX}traefik-pod-labels`,
  traefikEntryPoint: `${STAMP_ANNOTATION_PREFIX}traefik-entry-point`,
  traefikIlbSubnetCidr: `${STAMP_ANNOTATION_PREFIX}traefik-ilb-subnet`,
  traefikIlbIp: `${STAMP_ANNOTATION_PREFIX}traefik-ilb-ip`,
  ingressDomain: `${STAMP_ANNOTATION_PREFIX}ingress-domain`,
  keyVaultName: `${STAMP_ANNOTATION_PREFIX}key-vault-name`,
  keyVaultDnsSuffix: `${STAMP_ANNOTATION_PREFIX}key-vault-dns-suffix`,
  tenantId: `${STAMP_ANNOTATION_PREFIX}tenant-id`,
  certificateReaderClientId: `${STAMP_ANNOTATION_PREFIX}certificate-reader-client-id`,
};

/*
 * The contract's grammar. The actions that take these values check them
 * again with their own, narrower rules (an app's App Gateway subnet must be
 * private and /26 or larger); this one says what a well-formed contract is,
 * with the words the errors use.
 */

const pattern = (source: string, what: string) =>
  z.string({ message: what }).regex(new RegExp(source), { message: what });

/** A network in CIDR form with no bits set after the prefix. */
const networkCidr = (what: string) =>
  pattern(IPV4_CIDR_PATTERN, what).refine(
    value =>
      parseIpv4Cidr(value)?.first === parseIpv4Address(value.split('/')[0]),
    { message: what },
  );

/** App Gateway sub-resource and gateway names (1-80, ARM's rule). */
const ARM_NAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?$';
const armName = pattern(
  ARM_NAME_PATTERN,
  "an Application Gateway resource name (1-80 letters, digits, '.', '_' and '-', starting with a letter or digit)",
);

const ENTITY_REF_PATTERN =
  '^[a-z][a-z0-9]*:[a-z0-9]+(?:-[a-z0-9]+)*/[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$';

const inRange = (n: number, min: number, max: number) => n >= min && n <= max;

const LABELS_WHAT =
  "1 to 16 Kubernetes labels as 'key=value' pairs separated by ',' (e.g. app.kubernetes.io/name=traefik-ingress-ilb)";

const labelMapSchema = z
  .record(
    pattern(LABEL_KEY_PATTERN, LABELS_WHAT),
    pattern(LABEL_VALUE_PATTERN, LABELS_WHAT),
    { message: LABELS_WHAT },
  )
  .refine(map => inRange(Object.keys(map).length, 1, 16), {
    message: LABELS_WHAT,
  });

const hostName = (what: string) =>
  pattern(HOST_NAME_PATTERN, what).max(HOST_NAME_MAX_LENGTH, { message: what });

const guid = (what: string) =>
  pattern(
    GUID_PATTERN,
    `${what} (a GUID, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
  );

/** Parses a contract (labels as a map): the one definition of its fields. @public */
export const stampContractSchema = z
  .object({
    clusterEntityRef: pattern(
      ENTITY_REF_PATTERN,
      "the cluster entity's full ref, kind:namespace/name (e.g. resource:default/aks-prod-weu)",
    ),
    gatewayName: armName,
    gatewayFrontendIpConfiguration: armName,
    gatewayFrontendPort: armName,
    gatewayBackendPool: armName,
    gatewayTrustedRootCertificate: armName,
    appGatewaySubnetCidr: networkCidr(
      "App Gateway's subnet, an IPv4 network a.b.c.d/n without host bits (e.g. 10.240.5.0/24)",
    ),
    traefikNamespace: pattern(
      RFC1123_LABEL_PATTERN,
      "Traefik's namespace, an RFC 1123 label (lowercase letters, digits and '-', at most 63)",
    ),
    traefikPodLabels: labelMapSchema,
    traefikEntryPoint: pattern(
      '^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$',
      "a Traefik entry point name (1-63 letters, digits, '_' and '-')",
    ),
    traefikIlbSubnetCidr: networkCidr(
      "the subnet of Traefik's internal load balancer, an IPv4 network a.b.c.d/n without host bits",
    ),
    traefikIlbIp: pattern(
      IPV4_ADDRESS_PATTERN,
      "Traefik's internal load balancer IP, an IPv4 address",
    ),
    ingressDomain: hostName(
      'the DNS domain apps are served under (a lowercase host name, e.g. contoso.com)',
    ),
    keyVaultName: pattern(
      KEY_VAULT_NAME_PATTERN,
      "a Key Vault name (3-24 letters, digits and '-', starting with a letter, ending with a letter or digit, no '--')",
    ),
    keyVaultDnsSuffix: hostName(
      "Key Vault's DNS suffix in this cloud (vault.azure.net in Azure public cloud)",
    ),
    tenantId: guid('the Entra ID tenant id of the vault'),
    certificateReaderClientId: guid(
      'the client id of the identity that reads app certificates',
    ).optional(),
  })
  .strict()
  .superRefine((contract, ctx) => {
    const message = ilbIpOutsideSubnet(contract);
    if (message)
      ctx.addIssue({ code: 'custom', path: ['traefikIlbIp'], message });
  });

/**
 * What the schema says between fields, also asked of a contract whose
 * other fields fail (zod checks an object's refinements only once all its
 * fields pass), so every problem is named at once.
 */
function ilbIpOutsideSubnet(raw: Record<string, unknown>): string | undefined {
  const { traefikIlbSubnetCidr: subnet, traefikIlbIp: ip } = raw;
  if (typeof subnet !== 'string' || typeof ip !== 'string') return undefined;
  if (!parseIpv4Cidr(subnet) || parseIpv4Address(ip) === undefined) {
    return undefined;
  }
  return ipv4CidrContains(subnet, ip)
    ? undefined
    : `Traefik's internal load balancer IP, inside its subnet ${subnet}`;
}

/** Labels as the annotation carries them: `k=v,k=v`, keys sorted. @public */
export function formatLabelList(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map(key => `${key}=${labels[key]}`)
    .join(',');
}

/**
 * `k=v,k=v` (spaces around items tolerated: the annotation is edited by
 * hand) -> a map; undefined when an item has no '=' or a key repeats. The
 * keys' and values' own syntax is the schema's to judge.
 * @public
 */
export function parseLabelList(
  text: string,
): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const item of text.split(',').map(part => part.trim())) {
    const at = item.indexOf('=');
    if (at <= 0) return undefined;
    const key = item.slice(0, at).trim();
    if (key in labels) return undefined;
    labels[key] = item.slice(at + 1).trim();
  }
  return labels;
}

/**
 * The contract as catalog annotations, one per field (values are strings,
 * labels as `k=v,k=v`). Throws when the contract is not well formed: the
 * writer is a generator, and a bad value there is a bug.
 * @public
 */
export function stampContractAnnotations(
  contract: StampContract,
): Record<string, string> {
  const valid = stampContractSchema.parse(contract);
  const annotations: Record<string, string> = {};
  for (const field of contractFields()) {
    const value = valid[field];
    if (value === undefined) continue;
    annotations[STAMP_CONTRACT_ANNOTATIONS[field]] =
      typeof value === 'string' ? value : formatLabelList(value);
  }
  return annotations;
}

/** A contract annotation that is missing or does not parse. @public */
export interface StampContractProblem {
  field: keyof StampContract;
  annotation: string;
  /** The annotation's value, when it has one. */
  value?: string;
  /** What the value must be. */
  expected: string;
}

/** What a cluster entity says about its contract. @public */
export type StampContractReading =
  /** No `aks-baseline.io/stamp-*` annotation at all: a cluster not made by create-cluster. */
  | { status: 'absent' }
  | { status: 'invalid'; problems: StampContractProblem[] }
  | { status: 'valid'; contract: StampContract };

/** The part of a catalog entity the reader looks at. @public */
export interface StampContractEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
}

/**
 * Reads the contract from a cluster entity's annotations, naming every
 * annotation that is missing or malformed. A contract that names another
 * entity (a catalog-info.yaml copied from another cluster) is invalid.
 * @public
 */
export function readStampContract(
  entity: StampContractEntity,
): StampContractReading {
  const annotations = entity.metadata.annotations ?? {};
  if (
    !Object.keys(annotations).some(a => a.startsWith(STAMP_ANNOTATION_PREFIX))
  ) {
    return { status: 'absent' };
  }
  const raw: Record<string, unknown> = {};
  const problems: StampContractProblem[] = [];
  for (const field of contractFields()) {
    const value = annotations[STAMP_CONTRACT_ANNOTATIONS[field]];
    if (value === undefined) continue;
    if (field !== 'traefikPodLabels') raw[field] = value;
    else raw[field] = parseLabelList(value) ?? value;
  }
  const parsed = stampContractSchema.safeParse(raw);
  if (parsed.success) {
    const ownRef = entityRefOf(entity);
    if (parsed.data.clusterEntityRef.toLowerCase() === ownRef) {
      return { status: 'valid', contract: parsed.data };
    }
    problems.push(
      problem(
        'clusterEntityRef',
        annotations,
        `this entity's own ref, ${ownRef}`,
      ),
    );
  }
  const ipProblem = parsed.success ? undefined : ilbIpOutsideSubnet(raw);
  if (ipProblem) problems.push(problem('traefikIlbIp', annotations, ipProblem));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as keyof StampContract;
    if (problems.some(p => p.field === field)) continue;
    problems.push(problem(field, annotations, issue.message));
  }
  return { status: 'invalid', problems: orderedByField(problems) };
}

/** One sentence per problem: the annotation, what it holds, what it must be. @public */
export function describeStampContractProblem(p: StampContractProblem): string {
  return p.value === undefined
    ? `annotation ${p.annotation} is missing (must be ${p.expected})`
    : `annotation ${p.annotation} is ${JSON.stringify(p.value)} (must be ${
        p.expected
      })`;
}

function problem(
  field: keyof StampContract,
  annotations: Record<string, string>,
  expected: string,
): StampContractProblem {
  const annotation = STAMP_CONTRACT_ANNOTATIONS[field];
  const value = annotations[annotation];
  return value === undefined
    ? { field, annotation, expected }
    : { field, annotation, value, expected };
}

function contractFields(): (keyof StampContract)[] {
  return Object.keys(STAMP_CONTRACT_ANNOTATIONS) as (keyof StampContract)[];
}

function orderedByField(problems: StampContractProblem[]) {
  const order = contractFields();
  return [...problems].sort(
    (a, b) => order.indexOf(a.field) - order.indexOf(b.field),
  );
}

/** `kind:namespace/name`, lower-cased: refs compare case-insensitively in the catalog. */
function entityRefOf(entity: StampContractEntity): string {
  const { name, namespace = 'default' } = entity.metadata;
  return `${entity.kind}:${namespace}/${name}`.toLowerCase();
}
