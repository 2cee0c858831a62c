import { AZURE_PORTAL_HOSTS, azurePortalUrl } from './azurePortal';

const gatewayId =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks-prod-weu/providers/Microsoft.Network/applicationGateways/agw-aks-prod-weu';

describe('azurePortalUrl', () => {
  // The portal hosts Microsoft documents per cloud: Azure Government
  // (learn.microsoft.com/azure/azure-government/documentation-government-get-started-connect-with-portal)
  // and Azure operated by 21Vianet (learn.microsoft.com/azure/china/resources-developer-guide).
  it.each([
    ['AzurePublicCloud', 'portal.azure.com'],
    ['AzureUSGovernment', 'portal.azure.us'],
    ['AzureChinaCloud', 'portal.azure.cn'],
  ])('links a resource in %s to %s', (cloud, host) => {
    expect(azurePortalUrl(gatewayId, cloud)).toBe(
      `https://${host}/#resource${gatewayId}`,
    );
  });

  it('defaults to the public cloud and covers every cloud the backend accepts', () => {
    expect(azurePortalUrl(gatewayId)).toBe(
      `https://portal.azure.com/#resource${gatewayId}`,
    );
    expect(Object.keys(AZURE_PORTAL_HOSTS).sort()).toEqual([
      'AzureChinaCloud',
      'AzurePublicCloud',
      'AzureUSGovernment',
    ]);
  });

  it('drops a trailing slash', () => {
    expect(azurePortalUrl(`${gatewayId}/`)).toBe(
      `https://portal.azure.com/#resource${gatewayId}`,
    );
  });

  it('gives no link for text that is not an ARM id, or for an unknown cloud', () => {
    expect(azurePortalUrl('traefik/a0008')).toBeUndefined();
    expect(
      azurePortalUrl('https://evil.example/subscriptions/x'),
    ).toBeUndefined();
    expect(azurePortalUrl('')).toBeUndefined();
    expect(azurePortalUrl('/subscriptions/s 1/x')).toBeUndefined();
    expect(azurePortalUrl(gatewayId, 'AzureGermanCloud')).toBeUndefined();
  });
});
