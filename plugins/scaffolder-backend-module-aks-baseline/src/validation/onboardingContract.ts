import {
  ANNOTATION_HOST,
  STAMP_CONTRACT_ANNOTATIONS,
  STAMP_GATEWAY_NAMES,
  STAMP_TRAEFIK_ENTRY_POINT,
  StampContract,
  StampContractEntity,
  describeStampContractProblem,
  findServedHostConflict,
  readStampContract,
  stampGatewayName,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';
import { onboardAppInputFields } from '../actions/onboardAppSchema';
import type {
  AppGatewayTarget,
  OnboardingSpec,
} from '../generators/onboarding/spec';
import { ONBOARD_APP_DEFAULTS as DEFAULTS } from './defaults';
import { ParsedInput } from './fields';

/*
 * Where onboarding's values come from: an explicit input wins, then the
 * chosen cluster's stamp contract (its catalog entity's
 * aks-baseline.io/stamp-* annotations, written by create-cluster), then the
 * built-in defaults. Pure: the action fetches the catalog view.
 */

type OnboardAppInput = ParsedInput<typeof onboardAppInputFields>;

/** What the action read from the catalog for one run. */
export interface OnboardingCatalogView {
  /** Whether the catalog was asked (a run without a catalog cannot be told the cluster is missing). */
  asked?: boolean;
  /** The cluster entity the input names, when the catalog has it. */
  clusterEntity?: StampContractEntity;
  /** Components whose aks-baseline.io/cluster annotation names the cluster. */
  appsOnCluster?: StampContractEntity[];
}

/** The inputs the stamp contract gives a default to, in the form's order. */
export const CLUSTER_CONTRACT_INPUTS = [
  'ingressDomain',
  'appGatewaySubnetCidr',
  'traefikNamespace',
  'traefikPodLabels',
  'keyVaultName',
  'keyVaultDnsSuffix',
  'tenantId',
  'certificateReaderClientId',
] as const satisfies readonly (keyof OnboardAppInput & keyof StampContract)[];

export type ClusterContractInput = (typeof CLUSTER_CONTRACT_INPUTS)[number];

/** Inputs without a default of their own: the input or the contract must give them. */
const REQUIRED_INPUTS = [
  'keyVaultName',
  'tenantId',
  'certificateReaderClientId',
] as const;

/** What a cluster not made by create-cluster is assumed to have (the reference implementation's). */
const BUILT_IN_DEFAULTS = {
  traefikNamespace: DEFAULTS.traefikNamespace,
  traefikPodLabels: DEFAULTS.traefikPodLabels,
  keyVaultDnsSuffix: DEFAULTS.keyVaultDnsSuffix,
} as const;

/** The input with every value resolved, and what only the contract says. */
export type ResolvedOnboardAppInput = Omit<
  OnboardAppInput,
  keyof typeof BUILT_IN_DEFAULTS | (typeof REQUIRED_INPUTS)[number]
> & {
  traefikNamespace: string;
  traefikPodLabels: Record<string, string>;
  keyVaultDnsSuffix: string;
  keyVaultName: string;
  tenantId: string;
  certificateReaderClientId: string;
  traefikEntryPoint: string;
  appGatewayTarget: AppGatewayTarget;
};

/**
 * Fills each input the contract covers and the input leaves out; says which
 * came from the cluster. Throws an `InputError` naming the annotations of a
 * contract that does not parse, or the inputs still missing and why.
 */
export function applyStampContract(
  input: OnboardAppInput,
  clusterRef: string,
  catalog: OnboardingCatalogView,
): { resolved: ResolvedOnboardAppInput; fromCluster: ClusterContractInput[] } {
  const contract = contractOf(clusterRef, catalog);
  const resolved: Record<string, unknown> = { ...input };
  const fromCluster: ClusterContractInput[] = [];
  for (const field of CLUSTER_CONTRACT_INPUTS) {
    if (input[field] !== undefined) continue;
    const value = contract?.[field];
    if (value !== undefined) {
      resolved[field] = checkedContractValue(field, value, clusterRef);
      fromCluster.push(field);
    } else if (field in BUILT_IN_DEFAULTS) {
      resolved[field] = structuredClone(
        BUILT_IN_DEFAULTS[field as keyof typeof BUILT_IN_DEFAULTS],
      );
    }
  }
  const missing = REQUIRED_INPUTS.filter(f => resolved[f] === undefined);
  if (missing.length > 0) {
    throw new InputError(missingInputs(missing, clusterRef, catalog, contract));
  }
  resolved.traefikEntryPoint =
    contract?.traefikEntryPoint ?? STAMP_TRAEFIK_ENTRY_POINT;
  resolved.appGatewayTarget = contract
    ? contractTarget(contract)
    : stampTarget(clusterRef);
  return { resolved: resolved as ResolvedOnboardAppInput, fromCluster };
}

function contractOf(
  clusterRef: string,
  catalog: OnboardingCatalogView,
): StampContract | undefined {
  if (!catalog.clusterEntity) return undefined;
  const reading = readStampContract(catalog.clusterEntity);
  if (reading.status === 'valid') return reading.contract;
  if (reading.status === 'absent') return undefined;
  throw new InputError(
    `The cluster entity ${clusterRef} carries a stamp contract onboarding cannot read: ${reading.problems
      .map(describeStampContractProblem)
      .join(
        '; ',
      )}. Fix these annotations in the cluster's catalog-info.yaml (aks-baseline:create-cluster writes them; the common package's README lists each).`,
  );
}

/**
 * A contract value must also follow the onboarding input's own rule (an App
 * Gateway subnet private and /26 or larger...): the same judge as for a
 * typed value, with the annotation named when it does not.
 */
function checkedContractValue(
  field: ClusterContractInput,
  value: unknown,
  clusterRef: string,
): unknown {
  const parsed = onboardAppInputFields[field](zod).safeParse(value);
  if (parsed.success) return parsed.data;
  const annotation = STAMP_CONTRACT_ANNOTATIONS[field];
  throw new InputError(
    `The cluster entity ${clusterRef}'s annotation ${annotation} is ${JSON.stringify(
      value,
    )}, which onboarding cannot use: '${field}' must be ${
      parsed.error.issues[0].message
    }. Fix the annotation in the cluster's catalog-info.yaml, or give '${field}' explicitly.`,
  );
}

function missingInputs(
  missing: readonly string[],
  clusterRef: string,
  catalog: OnboardingCatalogView,
  contract: StampContract | undefined,
): string {
  const inputs = missing.map(f => `'${f}'`).join(', ');
  if (contract) {
    // Only the certificate reader may be missing from a valid contract.
    return `Missing input ${inputs}: the cluster entity ${clusterRef} has no annotation ${STAMP_CONTRACT_ANNOTATIONS.certificateReaderClientId} yet. Give it, or have the cluster's owner add that annotation (the client id of the identity apps read their certificate with) to the cluster's catalog-info.yaml.`;
  }
  let why: string;
  if (!catalog.asked) {
    why = 'no catalog was available to read the cluster from';
  } else if (!catalog.clusterEntity) {
    why = `the cluster entity ${clusterRef} is not in the catalog (register the catalog-info.yaml aks-baseline:create-cluster wrote, and these come from it)`;
  } else {
    why = `the cluster entity ${clusterRef} has no stamp contract (no aks-baseline.io/stamp-* annotations: a cluster not made by aks-baseline:create-cluster)`;
  }
  return `Missing inputs ${inputs}: required because ${why}.`;
}

function contractTarget(contract: StampContract): AppGatewayTarget {
  return {
    name: contract.gatewayName,
    frontendIpConfiguration: contract.gatewayFrontendIpConfiguration,
    frontendPort: contract.gatewayFrontendPort,
    backendPool: contract.gatewayBackendPool,
    trustedRootCertificate: contract.gatewayTrustedRootCertificate,
  };
}

/** Without a contract: the names create-cluster gives, for a cluster named as its entity. */
function stampTarget(clusterRef: string): AppGatewayTarget {
  return {
    name: stampGatewayName(parseEntityRef(clusterRef).name),
    frontendIpConfiguration: STAMP_GATEWAY_NAMES.frontendIp,
    frontendPort: STAMP_GATEWAY_NAMES.frontendPort,
    backendPool: STAMP_GATEWAY_NAMES.backendPool,
    trustedRootCertificate: STAMP_GATEWAY_NAMES.backendRoot,
  };
}

/**
 * Refuses a host another app on the same cluster already serves: the same
 * name in any case, or a wildcard host of another app that covers it (the
 * common `findServedHostConflict`, which the onboarding form warns with).
 */
export function refuseServedHost(
  spec: OnboardingSpec,
  appsOnCluster: StampContractEntity[],
): void {
  const conflict = findServedHostConflict({
    host: spec.host,
    clusterRef: spec.clusterRef,
    ownAppRef: `component:default/${spec.appName}`,
    apps: appsOnCluster,
  });
  if (conflict) {
    throw new InputError(
      `Invalid input 'host': ${spec.host} is already served on ${spec.clusterRef} by ${conflict.appRef} (its ${ANNOTATION_HOST} is ${conflict.servedHost}). Choose another host, or move or retire that app first.`,
    );
  }
}

export { listenerHostMatches } from '@aks-baseline/plugin-aks-baseline-common';
