import { DefaultAzureCredential } from '@azure/identity';
import type { CloudSettings } from './cloud';

/** Which identity the plugin signs in to Azure as. No secrets: see below. */
export interface CredentialOptions {
  cloud: CloudSettings;
  /** Entra tenant to request tokens from; defaults to the identity's home tenant. */
  tenantId?: string;
  /**
   * Client id of a user-assigned managed identity or of the workload identity's
   * app registration, when the environment offers more than one.
   */
  clientId?: string;
}

/**
 * The credential chain of `@azure/identity` (environment service principal,
 * workload identity, managed identity, Azure CLI, ...) pointed at the cloud's
 * authority. Secrets never come from the plugin's config: a service principal
 * secret stays in the `AZURE_CLIENT_SECRET` environment variable that
 * `DefaultAzureCredential` reads itself, so it never lands in app-config.
 */
export function createCredential(
  options: CredentialOptions,
): DefaultAzureCredential {
  const { cloud, tenantId, clientId } = options;
  return new DefaultAzureCredential({
    authorityHost: cloud.authorityHost,
    ...(tenantId ? { tenantId } : {}),
    ...(clientId
      ? {
          managedIdentityClientId: clientId,
          workloadIdentityClientId: clientId,
        }
      : {}),
  });
}
