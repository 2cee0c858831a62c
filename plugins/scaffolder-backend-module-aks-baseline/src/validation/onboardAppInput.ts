import { stringifyEntityRef } from '@backstage/catalog-model';
import { posix } from 'node:path';
import {
  onboardAppInputFields,
  targetPortValue,
} from '../actions/onboardAppSchema';
import type {
  EgressAllowance,
  OnboardingOutputDirs,
  OnboardingSpec,
} from '../generators/onboarding/spec';
import { ParsedInput, invalidInput, parseActionInput } from './fields';
import { isInsideDomain } from './rules';
import { toEntityRef } from './textRules';

export type OnboardAppInput = ParsedInput<typeof onboardAppInputFields>;

export interface OnboardAppRequest {
  spec: OnboardingSpec;
  dirs: OnboardingOutputDirs;
}

/**
 * Raw action input -> a validated spec and output folders, or an
 * `InputError` naming the fields that break a rule. Pure.
 */
export function parseOnboardAppInput(raw: unknown): OnboardAppRequest {
  return toOnboardAppRequest(parseActionInput(onboardAppInputFields, raw));
}

/**
 * Parsed fields -> the spec the generators take, checking the rules that
 * span fields (each field already follows its own).
 */
export function toOnboardAppRequest(input: OnboardAppInput): OnboardAppRequest {
  const owner = toEntityRef(input.owner, 'group');
  const namespace = input.namespace ?? input.appName;
  if (namespace === input.traefikNamespace) {
    throw invalidInput(
      'namespace',
      `a namespace of the app's own, not Traefik's namespace '${input.traefikNamespace}'`,
      namespace,
    );
  }
  if (input.ingressDomain && !isInsideDomain(input.host, input.ingressDomain)) {
    throw invalidInput(
      'host',
      `a name inside the cluster's ingress domain '${input.ingressDomain}' (e.g. ${input.appName}.${input.ingressDomain})`,
      input.host,
    );
  }
  const spec: OnboardingSpec = {
    appName: input.appName,
    ownerRef: stringifyEntityRef(owner),
    ownerName: owner.name,
    ownerKind: owner.kind,
    clusterRef: stringifyEntityRef(toEntityRef(input.cluster, 'resource')),
    namespace,
    host: input.host,
    servicePort: input.servicePort,
    targetPort: targetPortValue(input.targetPort),
    traefik: {
      namespace: input.traefikNamespace,
      podLabels: input.traefikPodLabels,
    },
    appGatewaySubnetCidr: input.appGatewaySubnetCidr,
    keyVault: {
      name: input.keyVaultName,
      dnsSuffix: input.keyVaultDnsSuffix,
      tenantId: input.tenantId,
      certificateReaderClientId: input.certificateReaderClientId,
      certificateName: input.certificateName,
      gatewayCertificateName:
        input.gatewayCertificateName ?? input.certificateName,
    },
    appIdentityClientId: input.appIdentityClientId,
    egress: input.egress.map(toEgressAllowance),
    appGateway: {
      healthProbePath: input.healthProbePath,
      routingRulePriority: input.routingRulePriority,
    },
  };
  return { spec, dirs: toOutputDirs(input) };
}

function toEgressAllowance(
  allowance: OnboardAppInput['egress'][number],
  index: number,
): EgressAllowance {
  const { namespace, podLabels, cidr, ports } = allowance;
  if (
    (cidr === undefined) === (namespace === undefined) ||
    (cidr && podLabels)
  ) {
    throw invalidInput(
      `egress[${index}]`,
      "either 'cidr' or 'namespace' (optionally with 'podLabels'), not both and not neither",
    );
  }
  if (cidr !== undefined) return { cidr, ports };
  return podLabels
    ? { namespace: namespace!, podLabels, ports }
    : { namespace: namespace!, ports };
}

function toOutputDirs(input: OnboardAppInput): OnboardingOutputDirs {
  const cluster = normalizeDir(input.outputDir);
  const platform = normalizeDir(input.platformOutputDir);
  // The cluster folder is published as a pull request to the GitOps
  // repository; the App Gateway fragment must not ride along, and vice versa.
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  if (overlaps(cluster, platform) || overlaps(platform, cluster)) {
    throw invalidInput(
      'platformOutputDir',
      `a folder apart from outputDir '${cluster}' (neither inside the other)`,
      input.platformOutputDir,
    );
  }
  return { cluster, platform };
}

/** `./a/b/` -> `a/b`; the workspace root -> ''. */
export function normalizeDir(dir: string): string {
  const normalized = posix.normalize(dir).replace(/\/$/, '');
  return normalized === '.' ? '' : normalized;
}
