import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { AZURE_CLOUDS } from '../azure/cloud';
import { collectInventory } from './collectInventory';

const SUB_A = 'AAAAAAAA-0000-4000-8000-000000000001';
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002';

const cluster = (sub: string, name: string): ArmResource => ({
  id: `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
  name,
  type: 'Microsoft.ContainerService/managedClusters',
  location: 'westeurope',
  properties: {},
});

function collect(subscriptionIds?: string[]) {
  const transport = new ArmFixtureTransport({
    resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
  });
  return collectInventory({
    subscriptionIds,
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    retryDelayMs: 10,
  });
}

describe('subscription display names for the fleet page', () => {
  it('keeps the display name of each subscription Azure listed, by lower-cased id', async () => {
    const inventory = await collect(undefined);

    // The fixture transport names subscriptions as ARM's list would.
    expect(inventory.subscriptionNames).toEqual({
      [SUB_A.toLowerCase()]: 'fixture-AAAAAAAA',
      [SUB_B]: 'fixture-bbbbbbbb',
    });
  });

  it('has none when the subscriptions are configured: they were not listed', async () => {
    const inventory = await collect([SUB_A]);

    expect(inventory.subscriptionNames).toBeUndefined();
  });
});
