/*
 * Links from the portal's hops and controls to the same resource in the
 * Azure portal of the cloud the plugin reads (`aksBaseline.cloud`): each
 * sovereign cloud has its own portal host.
 */

/** The Azure portal's host per cloud name the backend's `GET /about` reports. */
export const AZURE_PORTAL_HOSTS: Readonly<Record<string, string>> = {
  AzurePublicCloud: 'portal.azure.com',
  AzureUSGovernment: 'portal.azure.us',
  AzureChinaCloud: 'portal.azure.cn',
};

const ARM_ID = /^\/subscriptions\/[^/?#\s]+(?:\/[^/?#\s]+)*$/i;

/**
 * The Azure portal page of an ARM resource (`#resource/subscriptions/...`),
 * or undefined for text that is not an ARM id or an unknown cloud (a wrong
 * host would send the user to another cloud's sign-in).
 */
export function azurePortalUrl(
  resourceId: string,
  cloud: string = 'AzurePublicCloud',
): string | undefined {
  const host = AZURE_PORTAL_HOSTS[cloud];
  const id = resourceId.trim().replace(/\/+$/, '');
  if (!host || !ARM_ID.test(id)) return undefined;
  const path = id.split('/').map(encodeURIComponent).join('/');
  return `https://${host}/#resource${path}`;
}
