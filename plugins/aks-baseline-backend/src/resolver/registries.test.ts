import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { indexInventory } from './inventoryIndex';
import { registriesOfCluster } from './registries';

const NOW = new Date('2026-11-26T12:00:00Z');

function registriesOf(estate: ArmResource[]) {
  const index = indexInventory(inventoryOf(estate));
  return Object.fromEntries(
    index.inventory.managedClusters.map(cluster => [
      cluster.name,
      registriesOfCluster(cluster, index).registries.map(r => r.name),
    ]),
  );
}

const named = (estate: ArmResource[], name: string) =>
  estate.find(r => r.name === name)!;

describe('registriesOfCluster', () => {
  it("finds each cluster's own registry through the private endpoint in its VNet", () => {
    expect(registriesOf(buildDemoEstate(NOW))).toEqual({
      'aks-prod-weu': ['acraksprodweu'],
      'aks-staging-weu': ['acraksstagingweu'],
      'aks-legacy-neu': [],
      'aks-dev-neu': ['acraksdevneu'],
      // Named by create-cluster: its name plus a uniqueString suffix.
      'aks-generated-weu': ['acraksgeneratedweu4aedce1f'],
    });
  });

  it("takes a second registry only through an endpoint in the cluster's own VNet", () => {
    const estate = buildDemoEstate(NOW);
    const staging = named(estate, 'acraksstagingweu');
    // An endpoint to staging's registry in prod's spoke: prod pulls from both.
    const endpoint = structuredClone(named(estate, 'pe-acraksprodweu'));
    endpoint.name = 'pe-acraksstagingweu-from-prod';
    endpoint.id = `${endpoint.id}-from-prod`;
    (
      endpoint.properties as any
    ).privateLinkServiceConnections[0].properties.privateLinkServiceId =
      staging.id;
    // A registry with no endpoint anywhere belongs to no cluster.
    const orphan = structuredClone(staging);
    orphan.name = 'acrorphan';
    orphan.id = staging.id!.replace('acraksstagingweu', 'acrorphan');
    expect(registriesOf([...estate, endpoint, orphan])).toMatchObject({
      'aks-prod-weu': ['acraksprodweu', 'acraksstagingweu'],
      'aks-staging-weu': ['acraksstagingweu'],
    });
  });

  it('ignores endpoints of other sub-resources in the VNet (the vault)', () => {
    const estate = buildDemoEstate(NOW).filter(
      r => r.type !== 'Microsoft.ContainerRegistry/registries',
    );
    const endpoints = indexInventory(inventoryOf(estate));
    const prod = endpoints.inventory.managedClusters.find(
      c => c.name === 'aks-prod-weu',
    )!;
    const found = registriesOfCluster(prod, endpoints);
    // Both endpoints of the spoke are seen; neither names a listed registry.
    expect(found.endpoints.map(e => e.name).sort()).toEqual([
      'pe-acraksprodweu',
      'pe-kv-aks-prod-weu',
    ]);
    expect(found.registries).toEqual([]);
  });
});
