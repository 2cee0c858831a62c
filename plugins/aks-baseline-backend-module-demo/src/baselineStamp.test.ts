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
      // Named by create-cluster: its name plus a uniqueString suffix.
      'acraksgeneratedweu4aedce1f',
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

describe("the demo stamps' policy assignments", () => {
  const POLICY_SPEC =
    'resources/resource-manager/Microsoft.Authorization/policy/stable/2025-11-01/openapi.json';
  const assignments = ofType('Microsoft.Authorization/policyAssignments');
  const inGroup = (group: string) =>
    assignments.filter(a => a.id!.includes(`/resourceGroups/${group}/`));

  it('validate against the policy 2025-11-01 specification, as ARM lists them', () => {
    expect(assignments.length).toBeGreaterThan(0);
    for (const assignment of assignments) {
      expect([
        assignment.name,
        specs.validate(POLICY_SPEC, 'PolicyAssignment', assignment).errors,
      ]).toEqual([assignment.name, []]);
    }
  });

  it('cover every stamp but the pre-baseline one, scoped to its resource group', () => {
    expect(inGroup('rg-aks-legacy-neu')).toEqual([]);
    for (const group of [
      'rg-aks-prod-weu',
      'rg-aks-staging-weu',
      'rg-aks-dev-neu',
    ]) {
      const own = inGroup(group);
      expect(own).toHaveLength(18);
      for (const a of own)
        expect((a.properties as any).scope).toBe(
          a.id!.split('/providers/Microsoft.Authorization/')[0],
        );
    }
  });
});

const AKS_SPEC =
  'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json';

describe("the demo clusters' security profile and upgrades (issue #17)", () => {
  const clusters = ofType('Microsoft.ContainerService/managedClusters');
  const windows = ofType(
    'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  );

  it('validate against the AKS 2026-10-01 specification, windows included', () => {
    for (const resource of [...clusters, ...windows]) {
      const definition = resource.type!.endsWith('maintenanceConfigurations')
        ? 'MaintenanceConfiguration'
        : 'ManagedCluster';
      expect([
        resource.id,
        specs.validate(AKS_SPEC, definition, resource).errors,
      ]).toEqual([resource.id, []]);
    }
  });

  it('leave aks-legacy-neu alone without Defender, image cleaner and maintenance window', () => {
    const legacy = clusters.find(c => c.name === 'aks-legacy-neu')!;
    expect((legacy.properties as any).securityProfile).toEqual({
      workloadIdentity: { enabled: true },
      imageCleaner: { enabled: false },
    });
    const windowsOf = (cluster: string) =>
      windows
        .filter(w => w.id!.includes(`/managedClusters/${cluster}/`))
        .map(w => w.name);
    expect(windowsOf('aks-legacy-neu')).toEqual([]);
    expect(windowsOf('aks-prod-weu')).toEqual([
      'aksManagedAutoUpgradeSchedule',
      'aksManagedNodeOSUpgradeSchedule',
    ]);
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

describe("the demo's hubs and spokes", () => {
  const vnets = ofType('Microsoft.Network/virtualNetworks');
  const firewalls = ofType('Microsoft.Network/azureFirewalls');

  it("the prod hub's VNet carries the generated template's peering back to its spoke", () => {
    const generatedSpoke = vnets.find(
      v => v.name === 'vnet-spoke-aks-generated-weu',
    )!;
    const hubOf = (spoke: typeof generatedSpoke) =>
      (spoke.properties as any).virtualNetworkPeerings[0].properties
        .remoteVirtualNetwork.id;
    const hub = vnets.find(v => v.id === hubOf(generatedSpoke))!;
    expect(
      ((hub.properties as any).virtualNetworkPeerings ?? []).map((p: any) => [
        p.properties.remoteVirtualNetwork.id,
        p.properties.peeringState,
      ]),
    ).toEqual([[generatedSpoke.id, 'Connected']]);
    // Nothing of the estate is a peering on its own: each sits in its VNet.
    expect(
      ofType('Microsoft.Network/virtualNetworks/virtualNetworkPeerings'),
    ).toEqual([]);
  });

  it('validate against the Network specification, peerings included, as ARM returns them', () => {
    for (const resource of [...vnets, ...firewalls])
      expect([resource.id, validateArmResponse(resource).errors]).toEqual([
        resource.id,
        [],
      ]);
  });

  it("peer each spoke, connected, with the hub VNet holding its route's firewall", () => {
    const firewallVnet = (ip: string) =>
      firewalls
        .filter(f =>
          (f.properties as any).ipConfigurations.some(
            (c: any) => c.properties.privateIPAddress === ip,
          ),
        )
        .map(f =>
          (
            f.properties as any
          ).ipConfigurations[0].properties.subnet.id.replace(
            /\/subnets\/AzureFirewallSubnet$/,
            '',
          ),
        );
    const spokes = vnets.filter(v => v.name!.startsWith('vnet-spoke-'));
    // Every spoke lists its peering, the create-cluster template's too: its
    // rendered VNet carries the peering the template declares, Connected
    // because the template's nested deployment peers the hub back.
    expect(
      spokes
        .filter(v => !('virtualNetworkPeerings' in (v.properties as any)))
        .map(v => v.name),
    ).toEqual([]);
    for (const spoke of spokes) {
      const routeTableId = (spoke.properties as any).subnets.find(
        (s: any) => s.name === 'snet-clusternodes',
      )?.properties.routeTable?.id;
      const table = ofType('Microsoft.Network/routeTables').find(
        t => t.id === routeTableId,
      );
      if (!table) continue;
      const nextHop = (table.properties as any).routes.find(
        (r: any) => r.properties.addressPrefix === '0.0.0.0/0',
      ).properties.nextHopIpAddress;
      const peerings = ((spoke.properties as any).virtualNetworkPeerings ??
        []) as any[];
      expect([
        spoke.name,
        peerings.map(p => [
          p.properties.remoteVirtualNetwork.id,
          p.properties.peeringState,
        ]),
      ]).toEqual([
        spoke.name,
        firewallVnet(nextHop).map(id => [id, 'Connected']),
      ]);
    }
  });
});
