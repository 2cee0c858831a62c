import { AzureAuthorityHosts } from '@azure/identity';

/** The Azure clouds the plugin can talk to (`aksBaseline.cloud`). */
export type AzureCloudName =
  | 'AzurePublicCloud'
  | 'AzureUSGovernment'
  | 'AzureChinaCloud';

/** Where one Azure cloud's Resource Manager and Entra ID live. */
export interface CloudSettings {
  name: AzureCloudName;
  /** Resource Manager endpoint, without a trailing slash. */
  armEndpoint: string;
  /** Entra ID authority host that issues tokens for this cloud. */
  authorityHost: string;
  /** Token scope for Resource Manager: `<armEndpoint>/.default`. */
  scope: string;
}

function cloud(
  name: AzureCloudName,
  armEndpoint: string,
  authorityHost: string,
): CloudSettings {
  return { name, armEndpoint, authorityHost, scope: `${armEndpoint}/.default` };
}

/** Every supported cloud by name. */
export const AZURE_CLOUDS: Readonly<Record<AzureCloudName, CloudSettings>> = {
  AzurePublicCloud: cloud(
    'AzurePublicCloud',
    'https://management.azure.com',
    AzureAuthorityHosts.AzurePublicCloud,
  ),
  AzureUSGovernment: cloud(
    'AzureUSGovernment',
    'https://management.usgovcloudapi.net',
    AzureAuthorityHosts.AzureGovernment,
  ),
  AzureChinaCloud: cloud(
    'AzureChinaCloud',
    'https://management.chinacloudapi.cn',
    AzureAuthorityHosts.AzureChina,
  ),
};

/** Settings of a named cloud; throws on a name the plugin does not know. */
export function getCloudSettings(name: AzureCloudName): CloudSettings {
  const settings = AZURE_CLOUDS[name];
  if (!settings) {
    throw new Error(
      `Unknown Azure cloud '${name}'; expected one of ${Object.keys(
        AZURE_CLOUDS,
      ).join(', ')}`,
    );
  }
  return settings;
}
