import {
  loadArmSchemas,
  sharedDir,
  validateArmResponse,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { buildDemoEstate } from './demoEstate';

const REGISTRY_SPEC =
  'containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/stable/2025-11-01/containerregistry.json';
const NETWORK_SPEC =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01/virtualNetwork.json';

/**
 * Whole GET bodies: `allOf` parents merged in so every object is closed,
 * read-only fields allowed (ARM returns them).
 */
const specs = loadArmSchemas(sharedDir('azure-specs'), { mergeAllOf: true });

const estate = buildDemoEstate(new Date('2026-11-26T12:00:00Z'));
const ofType = (type: string) =>
  estate.filter(r => r.type?.toLowerCase() === type.toLowerCase());

describe("the demo stamps' registries", () => {
  const registries = ofType('Microsoft.ContainerRegistry/registries');

  it('give every stamp but the pre-baseline one its own registry', () => {
    expect(registries.map(r => r.name)).toEqual([
      'acraksprodweu',
      'acraksstagingweu',
      'acraksdevneu',
    ]);
  });

  it('validate against the ContainerRegistry 2025-11-01 specification, as ARM lists them', () => {
    for (const registry of registries) {
      expect([
        registry.name,
        specs.validate(REGISTRY_SPEC, 'Registry', registry).errors,
      ]).toEqual([registry.name, []]);
    }
  });

  it('are caught by the validator when a setting is misspelt or out of its enum', () => {
    const properties = { ...registries[0].properties };
    properties.anonymousPull = false;
    expect(
      specs.validate(REGISTRY_SPEC, 'RegistryProperties', properties).errors,
    ).toContain('/: unknown field "anonymousPull"');
    expect(
      specs.validate(REGISTRY_SPEC, 'Sku', { name: 'Enterprise' }).valid,
    ).toBe(false);
  });

  it("are reached through a private endpoint in their stamp's spoke, valid against the network specification", () => {
    for (const registry of registries) {
      const endpoint = ofType('Microsoft.Network/privateEndpoints').find(e =>
        (e.properties as any).privateLinkServiceConnections.some(
          (c: any) => c.properties.privateLinkServiceId === registry.id,
        ),
      )!;
      expect(
        specs.validate(NETWORK_SPEC, 'PrivateEndpoint', endpoint).errors,
      ).toEqual([]);
      const cluster = /resourceGroups\/rg-([^/]+)\//.exec(registry.id!)![1];
      expect((endpoint.properties as any).subnet.id).toBe(
        `${
          registry.id!.split('/providers/')[0]
        }/providers/Microsoft.Network/virtualNetworks/vnet-spoke-${cluster}/subnets/snet-privatelinkendpoints`,
      );
    }
  });
});

describe("the demo stamps' audit and telemetry", () => {
  it('validate against the Monitor specifications, as ARM returns them', () => {
    for (const type of [
      'Microsoft.Insights/diagnosticSettings',
      'Microsoft.Insights/dataCollectionRules',
      'Microsoft.Insights/dataCollectionRuleAssociations',
    ]) {
      const resources = ofType(type);
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources)
        expect([resource.id, validateArmResponse(resource).errors]).toEqual([
          resource.id,
          [],
        ]);
    }
  });

  it('leave aks-legacy-neu without audit logs and without a Container insights association', () => {
    const onCluster = (type: string, cluster: string) =>
      ofType(type).filter(r =>
        r.id!.includes(`/managedClusters/${cluster}/providers/`),
      );
    const categories = (cluster: string) =>
      onCluster('Microsoft.Insights/diagnosticSettings', cluster).flatMap(s =>
        (s.properties as any).logs.map((l: any) => l.category),
      );
    expect(categories('aks-prod-weu')).toEqual(
      expect.arrayContaining(['kube-audit-admin', 'guard']),
    );
    expect(categories('aks-legacy-neu')).not.toContain('kube-audit-admin');
    expect(categories('aks-legacy-neu')).not.toContain('guard');
    const associations = 'Microsoft.Insights/dataCollectionRuleAssociations';
    expect(onCluster(associations, 'aks-prod-weu')).toHaveLength(1);
    expect(onCluster(associations, 'aks-legacy-neu')).toEqual([]);
  });
});
