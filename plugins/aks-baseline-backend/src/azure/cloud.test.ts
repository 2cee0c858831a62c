import { AzureAuthorityHosts, DefaultAzureCredential } from '@azure/identity';
import { AZURE_CLOUDS, getCloudSettings } from './cloud';
import { createCredential } from './credential';

describe('cloud settings', () => {
  it.each([
    [
      'AzurePublicCloud',
      'https://management.azure.com',
      AzureAuthorityHosts.AzurePublicCloud,
    ],
    [
      'AzureUSGovernment',
      'https://management.usgovcloudapi.net',
      AzureAuthorityHosts.AzureGovernment,
    ],
    [
      'AzureChinaCloud',
      'https://management.chinacloudapi.cn',
      AzureAuthorityHosts.AzureChina,
    ],
  ] as const)('%s: ARM at %s', (name, armEndpoint, authorityHost) => {
    expect(getCloudSettings(name)).toEqual({
      name,
      armEndpoint,
      authorityHost,
      scope: `${armEndpoint}/.default`,
    });
  });

  it('rejects an unknown cloud', () => {
    expect(() => getCloudSettings('AzureGermanCloud' as any)).toThrow(
      /Unknown Azure cloud 'AzureGermanCloud'/,
    );
  });
});

describe('createCredential', () => {
  it('builds a DefaultAzureCredential without reading any secret from config', () => {
    const credential = createCredential({
      cloud: AZURE_CLOUDS.AzureUSGovernment,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '0f2b8a8e-6f2a-4f53-9c1d-2a7b5e9d1c3f',
    });
    expect(credential).toBeInstanceOf(DefaultAzureCredential);
  });
});
