import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  type ArmFixtureFault,
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

function collect(
  subscriptionIds?: string[],
  options: {
    nameSubscriptions?: boolean;
    faults?: ArmFixtureFault[];
    transport?: (t: ArmFixtureTransport) => void;
  } = {},
) {
  const transport = new ArmFixtureTransport({
    resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
    subscriptionNames: { [SUB_B]: 'Contoso Non-Production' },
    faults: options.faults,
  });
  options.transport?.(transport);
  return collectInventory({
    subscriptionIds,
    nameSubscriptions: options.nameSubscriptions,
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
      [SUB_B]: 'Contoso Non-Production',
    });
  });

  it('has none when the subscriptions are configured: they were not listed', async () => {
    const inventory = await collect([SUB_A]);

    expect(inventory.subscriptionNames).toBeUndefined();
  });

  it('names configured subscriptions when asked, from one list of the subscriptions, only those configured', async () => {
    let transport!: ArmFixtureTransport;
    const inventory = await collect([SUB_B], {
      nameSubscriptions: true,
      transport: t => {
        transport = t;
      },
    });

    expect(inventory.subscriptionNames).toEqual({
      [SUB_B]: 'Contoso Non-Production',
    });
    expect(inventory.subscriptionsScanned).toEqual([SUB_B]);
    expect(transport.countRequests(/^\/subscriptions\/?$/)).toBe(1);
    expect(inventory.requestCount).toBe(transport.requestCount);
  });

  it('keeps the GUIDs, and no source error, when the list of subscriptions fails', async () => {
    const inventory = await collect([SUB_B], {
      nameSubscriptions: true,
      faults: [
        {
          match: url => /^\/subscriptions\/?$/.test(url.pathname),
          status: 403,
        },
      ],
    });

    expect(inventory.subscriptionNames).toBeUndefined();
    expect(inventory.errors).toEqual([]);
    expect(inventory.managedClusters.map(c => c.name)).toEqual(['aks-b']);
  });
});
