import { createHash } from 'node:crypto';
import type { DeploymentScope } from './armFunctions';

/**
 * What ARM (or the resource provider) computes once a resource exists, and
 * returns in its GET body although the template never declares it: the one
 * table of these values. Each is derived from the resource's id, so a
 * rendering is deterministic; none is Azure's real value.
 *
 * | type (lower case)                                  | computed properties                                                        |
 * | -------------------------------------------------- | -------------------------------------------------------------------------- |
 * | (every type unless listed as without)              | `provisioningState: 'Succeeded'`                                           |
 * | microsoft.managedidentity/userassignedidentities   | `tenantId`, `principalId`, `clientId` (no provisioningState)               |
 * | microsoft.containerservice/managedclusters         | `powerState`, `currentKubernetesVersion`, `privateFQDN` (private cluster), `identityProfile.kubeletidentity` (`resourceId`, `clientId`, `objectId`), `oidcIssuerProfile.issuerURL` |
 * | microsoft.network/publicipaddresses                | `ipAddress` (in 20.0.0.0/8, from the id)                                   |
 * | microsoft.keyvault/vaults                          | `vaultUri`                                                                 |
 * | microsoft.network/virtualnetworks/virtualnetworkpeerings | `peeringState`, `peeringSyncLevel`: set in renderTemplate.ts, since they depend on the remote VNet's side |
 * | microsoft.keyvault/vaults/secrets                  | `secretUri`, `secretUriWithVersion`, `attributes.enabled/created/updated`; `value` is never returned (no provisioningState) |
 * | microsoft.authorization/roleassignments            | `scope` (no provisioningState)                                             |
 * | microsoft.authorization/policyassignments          | `scope` (no provisioningState)                                             |
 * | microsoft.managedidentity/.../federatedidentitycredentials | none (no provisioningState)                                       |
 * | microsoft.insights/diagnosticsettings              | none (no provisioningState)                                                |
 * | microsoft.containerservice/managedclusters/maintenanceconfigurations | none (no provisioningState)                     |
 */

export interface RuntimeContext {
  scope: DeploymentScope;
  /** When the deployment ran: secrets' `created`/`updated`. */
  deployedAt: Date;
}

export interface RenderedBody {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown>;
  [field: string]: unknown;
}

type Runtime = (
  body: RenderedBody,
  context: RuntimeContext,
) => Record<string, unknown>;

/** A GUID derived from an id and a purpose. */
export function derivedGuid(id: string, purpose: string): string {
  const hex = createHash('sha256')
    .update(`${id.toLowerCase()}|${purpose}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function derivedIpv4(id: string): string {
  const bytes = createHash('sha256').update(id.toLowerCase()).digest();
  return `20.${bytes[0]}.${bytes[1]}.${1 + (bytes[2] % 254)}`;
}

const NO_PROVISIONING_STATE = new Set([
  'microsoft.managedidentity/userassignedidentities',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials',
  'microsoft.keyvault/vaults/secrets',
  'microsoft.authorization/roleassignments',
  'microsoft.authorization/policyassignments',
  // DiagnosticSettings (2021-05-01-preview) has no provisioningState.
  'microsoft.insights/diagnosticsettings',
  // MaintenanceConfigurationProperties has no provisioningState (AKS 2026-10-01).
  'microsoft.containerservice/managedclusters/maintenanceconfigurations',
]);

/** Properties a GET never returns although a PUT sets them. */
export const WRITE_ONLY_PROPERTIES: Record<string, string[]> = {
  'microsoft.keyvault/vaults/secrets': ['value'],
};

const vaultUri = (vaultName: string) => `https://${vaultName}.vault.azure.net/`;

const RUNTIME: Record<string, Runtime> = {
  'microsoft.managedidentity/userassignedidentities': (body, { scope }) => ({
    tenantId: scope.tenantId,
    principalId: derivedGuid(body.id, 'principalId'),
    clientId: derivedGuid(body.id, 'clientId'),
  }),
  'microsoft.containerservice/managedclusters': (body, { scope }) => {
    const p = body.properties;
    const location = String(body.location ?? scope.location);
    const nodeResourceGroup = String(
      p.nodeResourceGroup ?? `MC_${scope.resourceGroup}_${body.name}`,
    );
    const kubelet = `/subscriptions/${scope.subscriptionId}/resourceGroups/${nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${body.name}-agentpool`;
    const api = p.apiServerAccessProfile as
      | { enablePrivateCluster?: boolean }
      | undefined;
    const oidc = p.oidcIssuerProfile as { enabled?: boolean } | undefined;
    return {
      powerState: { code: 'Running' },
      currentKubernetesVersion: p.kubernetesVersion,
      ...(api?.enablePrivateCluster
        ? {
            privateFQDN: `${p.dnsPrefix}-${derivedGuid(body.id, 'fqdn').slice(
              0,
              8,
            )}.${derivedGuid(
              body.id,
              'zone',
            )}.privatelink.${location}.azmk8s.io`,
          }
        : {}),
      identityProfile: {
        kubeletidentity: {
          resourceId: kubelet,
          clientId: derivedGuid(kubelet, 'clientId'),
          objectId: derivedGuid(kubelet, 'principalId'),
        },
      },
      ...(oidc?.enabled
        ? {
            oidcIssuerProfile: {
              issuerURL: `https://${location}.oic.prod-aks.azure.com/${
                scope.tenantId
              }/${derivedGuid(body.id, 'oidc')}/`,
            },
          }
        : {}),
    };
  },
  'microsoft.network/publicipaddresses': body => ({
    ipAddress: derivedIpv4(body.id),
  }),
  'microsoft.keyvault/vaults': body => ({ vaultUri: vaultUri(body.name) }),
  'microsoft.keyvault/vaults/secrets': (body, { deployedAt }) => {
    const vault = body.id.split('/')[8];
    const secretUri = `${vaultUri(vault)}secrets/${body.name}`;
    const seconds = Math.floor(deployedAt.getTime() / 1000);
    return {
      secretUri,
      secretUriWithVersion: `${secretUri}/${derivedGuid(
        body.id,
        'version',
      ).replace(/-/g, '')}`,
      attributes: { enabled: true, created: seconds, updated: seconds },
    };
  },
  'microsoft.authorization/roleassignments': body => ({
    scope: body.id.split('/providers/Microsoft.Authorization/')[0],
  }),
  'microsoft.authorization/policyassignments': body => ({
    scope: body.id.split('/providers/Microsoft.Authorization/')[0],
  }),
};

/** The properties ARM adds to a rendered resource's declared ones. */
export function runtimeProperties(
  body: RenderedBody,
  context: RuntimeContext,
): Record<string, unknown> {
  const type = body.type.toLowerCase();
  return {
    ...(NO_PROVISIONING_STATE.has(type)
      ? {}
      : { provisioningState: 'Succeeded' }),
    ...RUNTIME[type]?.(body, context),
  };
}
