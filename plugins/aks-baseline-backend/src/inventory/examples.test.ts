import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { AZURE_CLOUDS } from '../azure/cloud';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { exampleResources } from '../__testUtils__/azureExamples';
import { collectInventory } from './collectInventory';
import { secretFacts } from './secrets';

const SUB = '00000000-0000-0000-0000-000000000000';

/**
 * The examples hold no vault, only a secret of `sample-vault`; this is the
 * smallest vault ARM would list as its parent.
 */
const sampleVault: ArmResource = {
  id: `/subscriptions/${SUB}/resourceGroups/sample-group/providers/Microsoft.KeyVault/vaults/sample-vault`,
  name: 'sample-vault',
  type: 'Microsoft.KeyVault/vaults',
  location: 'westus',
  properties: {
    tenantId: '00000000-0000-0000-0000-0000000000aa',
    sku: { family: 'A', name: 'standard' },
    vaultUri: 'https://sample-vault.vault.azure.net/',
  },
};

function examplesEstate(): ArmResource[] {
  return [
    ...exampleResources('managedClusters_List.json'),
    ...exampleResources('applicationGateways_Get.json'),
    ...exampleResources('webApplicationFirewallPolicies_Get.json'),
    ...exampleResources('privateEndpoints_Get.json'),
    ...exampleResources('azureFirewalls_Get.json'),
    sampleVault,
    ...exampleResources('keyvaultArm_Secrets_Get.json'),
  ];
}

describe('collectInventory over Microsoft example responses', () => {
  it('returns every example verbatim, in REST shape', async () => {
    const estate = examplesEstate();
    const transport = new ArmFixtureTransport({ resources: estate });
    const inventory = await collectInventory({
      subscriptionIds: [SUB],
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzurePublicCloud,
      httpClient: transport,
    });

    expect(inventory.errors).toEqual([]);
    expect(inventory.managedClusters).toHaveLength(1);
    const cluster = inventory.managedClusters[0];
    expect(cluster.properties?.networkProfile).toMatchObject({
      networkPlugin: 'kubenet',
    });
    // Verbatim: what ARM sent, not the SDK's flattened model.
    expect(cluster).toEqual(exampleResources('managedClusters_List.json')[0]);
    expect(inventory.applicationGateways).toEqual(
      exampleResources('applicationGateways_Get.json'),
    );
    expect(inventory.wafPolicies).toEqual(
      exampleResources('webApplicationFirewallPolicies_Get.json'),
    );
    expect(inventory.privateEndpoints).toEqual(
      exampleResources('privateEndpoints_Get.json'),
    );
    expect(inventory.azureFirewalls).toEqual(
      exampleResources('azureFirewalls_Get.json'),
    );
    expect(inventory.keyVaults).toEqual([sampleVault]);
    // Secrets are kept as the facts the certificate chain reads.
    expect(inventory.vaultSecrets).toEqual({
      [sampleVault.id!.toLowerCase()]: exampleResources(
        'keyvaultArm_Secrets_Get.json',
      ).map(secret => secretFacts(secret)),
    });
    expect(inventory.subscriptionsScanned).toEqual([SUB]);
    // Fifteen types in one subscription, then one vault's secrets, the
    // cluster's maintenance configurations, then the diagnostic settings of
    // the cluster, the gateway and the vault and the cluster's rule
    // associations: one page each.
    expect(inventory.requestCount).toBe(15 + 1 + 1 + 4);
    expect(transport.requestCount).toBe(15 + 1 + 1 + 4);
  });
});
