import { asString, readArm, readArmList } from '../arm/read';
import type { ArmResource } from '../arm/types';

/** The private endpoint a name resolves to inside the VNet, with its address when the snapshot has it. */
export interface PrivateEndpointMatch {
  endpoint: ArmResource;
  target: string;
  address?: string;
}

/** Host names a Private Link target answers on (https://learn.microsoft.com/azure/private-link/private-endpoint-dns). */
function namesOf(targetId: string): RegExp | undefined {
  const vault = /\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i.exec(
    targetId,
  )?.[1];
  if (vault) return new RegExp(`^${vault}\\.vault\\.azure\\.(net|cn|us)$`, 'i');
  const registry =
    /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)$/i.exec(
      targetId,
    )?.[1];
  if (registry)
    return new RegExp(
      `^${registry}(\\.[a-z0-9-]+\\.data)?\\.azurecr\\.(io|cn|us)$`,
      'i',
    );
  return undefined;
}

/** The private endpoint in the VNet that a name (a vault's, a registry's) reaches, if any. */
export function privateEndpointFor(
  endpoints: ArmResource[],
  fqdn: string,
): PrivateEndpointMatch | undefined {
  for (const endpoint of endpoints) {
    const fromDns = readArmList(endpoint, 'customDnsConfigs').find(
      c => asString(readArm(c, 'fqdn'))?.toLowerCase() === fqdn.toLowerCase(),
    );
    const targets = readArmList(endpoint, 'privateLinkServiceConnections').map(
      c => asString(readArm(c, 'privateLinkServiceId')) ?? '',
    );
    const target = targets.find(t => namesOf(t)?.test(fqdn));
    if (fromDns || target) {
      return {
        endpoint,
        target: target ?? fqdn,
        address: asString(readArmList(fromDns, 'ipAddresses')[0]),
      };
    }
  }
  return undefined;
}
