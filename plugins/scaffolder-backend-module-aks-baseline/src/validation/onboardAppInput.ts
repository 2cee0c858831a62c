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
import {
  ClusterContractInput,
  OnboardingCatalogView,
  ResolvedOnboardAppInput,
  applyStampContract,
  refuseServedHost,
} from './onboardingContract';
import { ParsedInput, invalidInput, parseActionInput } from './fields';
import { isInsideDomain } from './rules';
import { toEntityRef } from './textRules';

export type OnboardAppInput = ParsedInput<typeof onboardAppInputFields>;
export type { OnboardingCatalogView } from './onboardingContract';

export interface OnboardAppRequest {
  spec: OnboardingSpec;
  dirs: OnboardingOutputDirs;
  /** Inputs whose value came from the cluster's stamp contract, in field order. */
  fromCluster: ClusterContractInput[];
}

/**
 * Raw action input and what the catalog says about the cluster -> a
 * validated spec and output folders, or an `InputError` naming the fields
 * (or the cluster's annotations) at fault. Pure: the action fetches the
 * catalog view; without one (`{}`), every value comes from the input and
 * the built-in defaults, as for a cluster the catalog does not know.
 */
export function parseOnboardAppInput(
  raw: unknown,
  catalog: OnboardingCatalogView = {},
): OnboardAppRequest {
  const input = parseActionInput(onboardAppInputFields, raw);
  const clusterRef = clusterRefOf(input.cluster);
  const { resolved, fromCluster } = applyStampContract(
    input,
    clusterRef,
    catalog,
  );
  const request = toOnboardAppRequest(resolved, fromCluster);
  refuseServedHost(request.spec, catalog.appsOnCluster ?? []);
  return request;
}

/** The full ref of the cluster entity the input names. */
export function clusterRefOf(cluster: string): string {
  return stringifyEntityRef(toEntityRef(cluster, 'resource'));
}

/**
 * Resolved fields -> the spec the generators take, checking the rules that
 * span fields (each field already follows its own).
 */
export function toOnboardAppRequest(
  input: ResolvedOnboardAppInput,
  fromCluster: ClusterContractInput[] = [],
): OnboardAppRequest {
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
    clusterRef: clusterRefOf(input.cluster),
    namespace,
    host: input.host,
    servicePort: input.servicePort,
    targetPort: targetPortValue(input.targetPort),
    traefik: {
      namespace: input.traefikNamespace,
      podLabels: input.traefikPodLabels,
      entryPoint: input.traefikEntryPoint,
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
      target: input.appGatewayTarget,
    },
  };
  return { spec, dirs: toOutputDirs(input), fromCluster };
}

function toEgressAllowance(
  allowance: ResolvedOnboardAppInput['egress'][number],
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

function toOutputDirs(input: ResolvedOnboardAppInput): OnboardingOutputDirs {
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
