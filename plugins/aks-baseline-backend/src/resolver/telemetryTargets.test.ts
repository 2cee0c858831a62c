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

  it("is each cluster, the gateway in front of it and its chain's vault", () => {
    expect(names(clusterTelemetryTargets(listingOf(estate)))).toEqual(
      ['aks-dev-neu', 'aks-legacy-neu', 'aks-prod-weu', 'aks-staging-weu']
        .flatMap(cluster => [
          `managedClusters/${cluster}`,
          `applicationGateways/apw-${cluster}`,
          `vaults/kv-${cluster}`,
        ])
        .sort(),
    );
  });

  it('leaves out a gateway and a vault no cluster uses, which the unbounded default reads', () => {
    const [gateway] = estate.filter(
      r => r.type === 'Microsoft.Network/applicationGateways',
    );
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
