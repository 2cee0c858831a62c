import {
  ArmResource,
  asString,
  parseManagedClusterId,
  readArm,
  sameArmResourceId,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import { AKS_SERVER_APP_SCOPE } from '@aks-baseline/plugin-aks-baseline-node';
import type { TokenCredential } from '@azure/identity';
import { KubeConfig } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { ArmClientSettings, createContainerServiceClient } from '../azure';
import type { ClusterConnection } from './types';

/** `aksBaseline.kubernetes.clusters[]`: a cluster the portal reaches differently. */
export interface ClusterOverride {
  resourceId: string;
  url: string;
  /** The CA as in a kubeconfig (`certificate-authority-data`: base64 PEM), or PEM. */
  caData?: string;
  caFile?: string;
  /** Name of the environment variable holding a service-account token. */
  tokenEnv: string;
}

export interface ConnectionDeps {
  overrides: ClusterOverride[];
  /** The same credential the inventory uses. */
  credential: TokenCredential;
  /** For `listClusterUserCredential` (the CA and the API server address). */
  arm: ArmClientSettings;
  env?: NodeJS.ProcessEnv;
  readFile?: (path: string) => Promise<string>;
}

export type ConnectionOutcome =
  | { connection: ClusterConnection }
  | { unavailableReason: string; error?: SourceError };

/**
 * How to reach one cluster's API server: a config override first, else ARM
 * (`listClusterUserCredential` for the address and CA, the Entra token for
 * authentication). Only the server and CA are taken from the kubeconfig ARM
 * returns; its user entry is dropped unread.
 */
export async function resolveConnection(
  cluster: ArmResource,
  deps: ConnectionDeps,
): Promise<ConnectionOutcome> {
  const id = cluster.id ?? '';
  const override = deps.overrides.find(o =>
    sameArmResourceId(o.resourceId, id),
  );
  return override ? fromOverride(id, override, deps) : fromAzure(cluster, deps);
}

async function fromOverride(
  id: string,
  override: ClusterOverride,
  deps: ConnectionDeps,
): Promise<ConnectionOutcome> {
  const fail = (message: string): ConnectionOutcome => ({
    unavailableReason: message,
    error: { scope: id, kind: 'kubernetes', message },
  });
  const token = (deps.env ?? process.env)[override.tokenEnv]?.trim();
  if (!token) {
    return fail(
      `the environment variable ${override.tokenEnv} (aksBaseline.kubernetes.clusters tokenEnv) holds no token`,
    );
  }
  let caPem: string | undefined;
  try {
    if (override.caData) caPem = pemOf(override.caData);
    else if (override.caFile)
      caPem = await (deps.readFile ?? (p => readFile(p, 'utf8')))(
        override.caFile,
      );
  } catch (error) {
    return fail(
      `the cluster CA ${override.caFile} could not be read: ${
        (error as Error).message
      }`,
    );
  }
  return {
    connection: {
      server: override.url,
      caPem,
      token,
      source: 'config',
      tokenEnv: override.tokenEnv,
    },
  };
}

async function fromAzure(
  cluster: ArmResource,
  deps: ConnectionDeps,
): Promise<ConnectionOutcome> {
  const id = cluster.id ?? '';
  const fail = (message: string, status?: number): ConnectionOutcome => ({
    unavailableReason: message,
    error: {
      scope: id,
      kind: 'kubernetes',
      message,
      ...(status ? { status } : {}),
    },
  });
  if (!readArm(cluster, 'aadProfile')) {
    // Local accounts only: an Entra token cannot sign in, and the portal
    // never asks ARM for local credentials (they are key material).
    return {
      unavailableReason:
        'the cluster is not integrated with Entra ID, so the portal cannot sign in with its Azure identity; add it to aksBaseline.kubernetes.clusters with a service-account token',
    };
  }

  const parts = parseManagedClusterId(id);
  if (!parts) {
    return fail(
      `the cluster's id is not a managed cluster resource id: ${JSON.stringify(
        id,
      )}`,
    );
  }
  let kubeconfig: string | undefined;
  try {
    const result = await createContainerServiceClient(
      deps.arm,
      parts.subscriptionId,
    ).managedClusters.listClusterUserCredentials(
      parts.resourceGroup,
      parts.name,
    );
    const value = result.kubeconfigs?.[0]?.value;
    kubeconfig = value ? Buffer.from(value).toString('utf8') : undefined;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    return fail(
      status === 403
        ? "the portal's Azure identity may not list this cluster's user credential (Microsoft.ContainerService/managedClusters/listClusterUserCredential/action, e.g. the Azure Kubernetes Service Cluster User Role)"
        : `listClusterUserCredential failed: ${(error as Error).message}`,
      status,
    );
  }

  const endpoint = kubeconfig ? serverAndCa(kubeconfig) : undefined;
  if (!endpoint) {
    return fail('listClusterUserCredential returned no usable kubeconfig');
  }

  let token: string | undefined;
  try {
    token = (await deps.credential.getToken(AKS_SERVER_APP_SCOPE))?.token;
  } catch (error) {
    return fail(
      `no Entra token for the AKS server application: ${
        (error as Error).message
      }`,
    );
  }
  if (!token) return fail('no Entra token for the AKS server application');
  return { connection: { ...endpoint, token, source: 'azure' } };
}

/** The current context's server and CA; the user entry is ignored. */
function serverAndCa(
  kubeconfig: string,
): { server: string; caPem?: string } | undefined {
  try {
    const config = new KubeConfig();
    config.loadFromString(kubeconfig);
    const current = config.getCurrentCluster() ?? config.clusters[0];
    if (!current?.server) return undefined;
    return {
      server: current.server,
      caPem: current.caData ? pemOf(current.caData) : undefined,
    };
  } catch {
    return undefined;
  }
}

/** A kubeconfig CA: base64 of PEM; PEM itself is accepted too. */
function pemOf(caData: string): string {
  const trimmed = caData.trim();
  return trimmed.startsWith('-----BEGIN')
    ? trimmed
    : Buffer.from(trimmed, 'base64').toString('utf8');
}

/** Whether ARM says the API server is private (shapes "not reachable" messages). */
export function isPrivateCluster(cluster: ArmResource): boolean {
  return (
    readArm(cluster, 'apiServerAccessProfile.enablePrivateCluster') === true ||
    !!asString(readArm(cluster, 'privateFQDN'))
  );
}
