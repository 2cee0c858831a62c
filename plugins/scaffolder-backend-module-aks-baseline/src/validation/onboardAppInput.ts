import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { posix } from 'node:path';
import type {
  EgressAllowance,
  EgressPort,
  EgressProtocol,
  OnboardingOutputDirs,
  OnboardingSpec,
} from '../generators/onboarding/spec';
import { ONBOARD_APP_DEFAULTS as DEFAULTS } from './defaults';
import {
  invalidInput,
  isAbsent,
  readArray,
  readInteger,
  readObject,
  readOptionalString,
  readPort,
  readString,
} from './fields';
import {
  ROUTING_RULE_PRIORITY_MAX,
  ROUTING_RULE_PRIORITY_MIN,
  isInsideDomain,
  isReservedNamespace,
} from './rules';
import * as rules from './stringRules';

/** The fields the action accepts (the schema in the action lists the same). */
export const ONBOARD_APP_FIELDS = [
  'appName',
  'owner',
  'cluster',
  'namespace',
  'host',
  'ingressDomain',
  'servicePort',
  'targetPort',
  'traefikNamespace',
  'traefikPodLabels',
  'appGatewaySubnetCidr',
  'keyVaultName',
  'keyVaultDnsSuffix',
  'tenantId',
  'certificateReaderClientId',
  'certificateName',
  'gatewayCertificateName',
  'appIdentityClientId',
  'egress',
  'healthProbePath',
  'routingRulePriority',
  'outputDir',
  'platformOutputDir',
] as const;

export interface OnboardAppRequest {
  spec: OnboardingSpec;
  dirs: OnboardingOutputDirs;
}

/**
 * Raw action input -> a validated spec and output folders, or an
 * `InputError` naming the first field that breaks a rule. Pure.
 */
export function parseOnboardAppInput(raw: unknown): OnboardAppRequest {
  const input = readObject(raw, '', ONBOARD_APP_FIELDS);

  const appName = readString(input.appName, 'appName', rules.rfc1123Label);
  const owner = readEntityRef(input.owner, 'owner', {
    defaultKind: 'group',
    kinds: ['group', 'user'],
  });
  const cluster = readEntityRef(input.cluster, 'cluster', {
    defaultKind: 'resource',
    kinds: ['resource'],
  });

  const traefikNamespace =
    readOptionalString(
      input.traefikNamespace,
      'traefikNamespace',
      rules.rfc1123Label,
    ) ?? DEFAULTS.traefikNamespace;
  const namespace =
    readOptionalString(input.namespace, 'namespace', rules.rfc1123Label) ??
    appName;
  if (isReservedNamespace(namespace) || namespace === traefikNamespace) {
    throw invalidInput(
      'namespace',
      `a namespace of the app's own, not 'default', 'kube-*' or Traefik's namespace '${traefikNamespace}'`,
      namespace,
    );
  }

  const host = readString(input.host, 'host', rules.hostName);
  const ingressDomain = readOptionalString(
    input.ingressDomain,
    'ingressDomain',
    rules.hostName,
  );
  if (ingressDomain && !isInsideDomain(host, ingressDomain)) {
    throw invalidInput(
      'host',
      `a name inside the cluster's ingress domain '${ingressDomain}' (e.g. ${appName}.${ingressDomain})`,
      host,
    );
  }

  const keyVaultName = readString(
    input.keyVaultName,
    'keyVaultName',
    rules.keyVaultName,
  );
  const certificateName = readString(
    input.certificateName,
    'certificateName',
    rules.keyVaultObjectName,
  );

  const spec: OnboardingSpec = {
    appName,
    ownerRef: stringifyEntityRef(owner),
    ownerName: owner.name,
    ownerKind: owner.kind,
    clusterRef: stringifyEntityRef(cluster),
    namespace,
    host,
    servicePort: isAbsent(input.servicePort)
      ? DEFAULTS.servicePort
      : readPort(input.servicePort, 'servicePort'),
    targetPort: readTargetPort(input.targetPort),
    traefik: {
      namespace: traefikNamespace,
      podLabels: isAbsent(input.traefikPodLabels)
        ? { ...DEFAULTS.traefikPodLabels }
        : readLabels(input.traefikPodLabels, 'traefikPodLabels', 1),
    },
    appGatewaySubnetCidr: readOptionalString(
      input.appGatewaySubnetCidr,
      'appGatewaySubnetCidr',
      rules.ipv4Cidr,
    ),
    keyVault: {
      name: keyVaultName,
      dnsSuffix:
        readOptionalString(
          input.keyVaultDnsSuffix,
          'keyVaultDnsSuffix',
          rules.hostName,
        ) ?? DEFAULTS.keyVaultDnsSuffix,
      tenantId: readString(input.tenantId, 'tenantId', rules.guid),
      certificateReaderClientId: readString(
        input.certificateReaderClientId,
        'certificateReaderClientId',
        rules.guid,
      ),
      certificateName,
      gatewayCertificateName:
        readOptionalString(
          input.gatewayCertificateName,
          'gatewayCertificateName',
          rules.keyVaultObjectName,
        ) ?? certificateName,
    },
    appIdentityClientId: readOptionalString(
      input.appIdentityClientId,
      'appIdentityClientId',
      rules.guid,
    ),
    egress: isAbsent(input.egress) ? [] : readEgress(input.egress),
    appGateway: {
      healthProbePath:
        readOptionalString(
          input.healthProbePath,
          'healthProbePath',
          rules.httpPath,
        ) ?? DEFAULTS.healthProbePath,
      routingRulePriority: isAbsent(input.routingRulePriority)
        ? DEFAULTS.routingRulePriority
        : readInteger(input.routingRulePriority, 'routingRulePriority', {
            min: ROUTING_RULE_PRIORITY_MIN,
            max: ROUTING_RULE_PRIORITY_MAX,
            what: 'a routing rule priority',
          }),
    },
  };
  return { spec, dirs: readOutputDirs(input) };
}

export function readEntityRef(
  value: unknown,
  field: string,
  options: { defaultKind: string; kinds: string[] },
): CompoundEntityRef {
  const rule = `an entity ref of kind ${options.kinds.join(
    ' or ',
  )} ([kind:][namespace/]name, names of letters, digits and '-', '_' or '.')`;
  const text = readString(value, field, {
    description: rule,
    // Entity names and namespaces: 1-63 ASCII letters and digits, separated
    // by single '-', '_' or '.' (namespaces: lowercase and '-').
    test: v =>
      /^(?:[A-Za-z]+:)?(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/.test(
        v,
      ),
  });
  const ref = parseEntityRef(text, {
    defaultKind: options.defaultKind,
    defaultNamespace: 'default',
  });
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (
    !options.kinds.includes(kind) ||
    ref.name.length > 63 ||
    ref.namespace.length > 63
  ) {
    throw invalidInput(field, rule, value);
  }
  return { ...ref, kind };
}

function readTargetPort(value: unknown): number | string {
  if (typeof value === 'number' || /^[0-9]+$/.test(String(value))) {
    return readPort(value, 'targetPort');
  }
  return readString(value, 'targetPort', rules.ianaServiceName);
}

function readLabels(
  value: unknown,
  field: string,
  minEntries: number,
): Record<string, string> {
  const entries = Object.entries(readObject(value, field));
  if (entries.length < minEntries || entries.length > 16) {
    throw invalidInput(
      field,
      `a map of ${minEntries} to 16 labels (an empty selector would match every pod)`,
    );
  }
  const labels: Record<string, string> = {};
  for (const [key, labelValue] of entries) {
    readString(key, `${field} key ${JSON.stringify(key)}`, rules.labelKey);
    labels[key] = readString(
      labelValue,
      `${field}[${JSON.stringify(key)}]`,
      rules.labelValue,
    );
  }
  return labels;
}

const PROTOCOLS: EgressProtocol[] = ['TCP', 'UDP', 'SCTP'];

function readEgress(value: unknown): EgressAllowance[] {
  return readArray(value, 'egress', { min: 0, max: 20 }).map((item, i) => {
    const field = `egress[${i}]`;
    const allowance = readObject(item, field, [
      'namespace',
      'podLabels',
      'cidr',
      'ports',
    ]);
    const ports = readArray(allowance.ports, `${field}.ports`, {
      min: 1,
      max: 10,
    }).map((portItem, j): EgressPort => {
      const portField = `${field}.ports[${j}]`;
      const port = readObject(portItem, portField, ['port', 'protocol']);
      const protocol = isAbsent(port.protocol) ? 'TCP' : port.protocol;
      if (!PROTOCOLS.includes(protocol as EgressProtocol)) {
        throw invalidInput(
          `${portField}.protocol`,
          `one of ${PROTOCOLS.join(', ')}`,
          port.protocol,
        );
      }
      return {
        port: readPort(port.port, `${portField}.port`),
        protocol: protocol as EgressProtocol,
      };
    });
    const hasCidr = !isAbsent(allowance.cidr);
    const hasNamespace = !isAbsent(allowance.namespace);
    if (
      hasCidr === hasNamespace ||
      (hasCidr && !isAbsent(allowance.podLabels))
    ) {
      throw invalidInput(
        field,
        "either 'cidr' or 'namespace' (optionally with 'podLabels'), not both and not neither",
      );
    }
    if (hasCidr) {
      return {
        cidr: readString(allowance.cidr, `${field}.cidr`, rules.ipv4Cidr),
        ports,
      };
    }
    const namespace = readString(
      allowance.namespace,
      `${field}.namespace`,
      rules.rfc1123Label,
    );
    return isAbsent(allowance.podLabels)
      ? { namespace, ports }
      : {
          namespace,
          podLabels: readLabels(allowance.podLabels, `${field}.podLabels`, 1),
          ports,
        };
  });
}

function readOutputDirs(input: Record<string, unknown>): OnboardingOutputDirs {
  const dir = (field: string, fallback: string) =>
    normalizeDir(
      readOptionalString(input[field], field, rules.workspaceDir) ?? fallback,
    );
  const cluster = dir('outputDir', DEFAULTS.outputDir);
  const platform = dir('platformOutputDir', DEFAULTS.platformOutputDir);
  // The cluster folder is published as a pull request to the GitOps
  // repository; the App Gateway fragment must not ride along, and vice versa.
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  if (overlaps(cluster, platform) || overlaps(platform, cluster)) {
    throw invalidInput(
      'platformOutputDir',
      `a folder apart from outputDir '${cluster}' (neither inside the other)`,
      input.platformOutputDir ?? DEFAULTS.platformOutputDir,
    );
  }
  return { cluster, platform };
}

function normalizeDir(dir: string): string {
  return posix.normalize(dir).replace(/\/$/, '');
}
