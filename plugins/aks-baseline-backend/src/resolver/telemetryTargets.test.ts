import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { telemetryTargets } from '../inventory';
import { clusterTelemetryTargets } from './telemetryTargets';

const NOW = new Date('2026-11-26T12:00:00Z');

function listingOf(resources: ArmResource[]) {
  return {
    ...inventoryOf(resources),
    subscriptionsScanned: [],
    errors: [],
    failedListings: [],
  };
}

describe('clusterTelemetryTargets', () => {
  const estate = buildDemoEstate(NOW);
  const names = (targets: ArmResource[]) =>
    targets.map(t => t.id!.split('/').slice(-2).join('/')).sort();

  it("is each cluster, the gateway in front of it, its chain's vault and its VNet's NSGs", () => {
    const generated = 'aks-generated-weu';
    expect(names(clusterTelemetryTargets(listingOf(estate)))).toEqual(
      [
        ...[
          'aks-dev-neu',
          'aks-legacy-neu',
          'aks-prod-weu',
          'aks-staging-weu',
        ].flatMap(cluster => [
          `managedClusters/${cluster}`,
          `applicationGateways/apw-${cluster}`,
          `vaults/kv-${cluster}`,
        ]),
        // The stamp our template makes names its gateway agw-, and its
        // subnets have NSGs (the hand-built stamps' have none).
        `managedClusters/${generated}`,
        `applicationGateways/agw-${generated}`,
        `vaults/kv-${generated}`,
        ...['appgw', 'ingress', 'nodes', 'pe'].map(
          nsg => `networkSecurityGroups/nsg-${generated}-${nsg}`,
        ),
      ].sort(),
    );
  });

  it('leaves out a gateway and a vault no cluster uses, which the unbounded default reads', () => {
    const gateway = estate.find(
      r =>
        r.type === 'Microsoft.Network/applicationGateways' &&
        r.name!.startsWith('apw-'),
    )!;
    const [vault] = estate.filter(r => r.type === 'Microsoft.KeyVault/vaults');
    const orphans = [
      {
        ...gateway,
        id: gateway.id!.replace(/apw-[^/]+$/, 'apw-orphan'),
        name: 'apw-orphan',
        tags: {},
        properties: {
          ...gateway.properties,
          backendAddressPools: [],
          gatewayIPConfigurations: [],
        },
      },
      {
        ...vault,
        id: vault.id!.replace(/kv-[^/]+$/, 'kv-orphan'),
        name: 'kv-orphan',
      },
    ];
    const listing = listingOf([...estate, ...orphans]);
    const bounded = names(clusterTelemetryTargets(listing));
    expect(bounded).not.toContain('applicationGateways/apw-orphan');
    expect(bounded).not.toContain('vaults/kv-orphan');
    expect(names(telemetryTargets(listing))).toEqual(
      expect.arrayContaining([
        'applicationGateways/apw-orphan',
        'vaults/kv-orphan',
      ]),
    );
  });
});
