import { evaluateBaselineControls } from './evaluate';
import {
  baselineResources,
  baselineRegistry,
} from '../__testUtils__/controlFixtures';
import type { BaselineResources } from './types';

const acr01 = (input: BaselineResources) =>
  evaluateBaselineControls(input).find(r => r.id === 'ACR-01')!;
const registry = (i: BaselineResources): any =>
  i.containerRegistries![0].properties;
const registryEndpoint = (i: BaselineResources): any =>
  i.privateEndpoints!.find(e => e.name === 'pe-acraksbaseline')!.properties;

describe('ACR-01 registry private', () => {
  it("passes the reference's registry reached from the cluster's VNet", () => {
    const result = acr01(baselineResources());
    expect(result).toMatchObject({
      status: 'pass',
      area: 'supply-chain',
      resourceId: baselineRegistry().id,
    });
    expect(result.found).toBe(
      'sku=Premium, publicNetworkAccess=Disabled, adminUserEnabled=false, anonymousPullEnabled=false, private endpoint in virtualNetwork1: pe-acraksbaseline (Approved)',
    );
  });

  it.each<[string, (i: BaselineResources) => void, string, RegExp]>([
    [
      'Standard SKU',
      i => {
        i.containerRegistries![0].sku = { name: 'Standard', tier: 'Standard' };
      },
      'sku=Standard',
      /SKU Standard: private endpoints need Premium.*az acr update --sku Premium/,
    ],
    [
      'public network access Enabled',
      i => {
        registry(i).publicNetworkAccess = 'Enabled';
      },
      'publicNetworkAccess=Enabled',
      /public network access Enabled: the registry answers from the internet.*set publicNetworkAccess Disabled/,
    ],
    [
      'public network access not set',
      i => {
        delete registry(i).publicNetworkAccess;
      },
      'publicNetworkAccess=(absent)',
      /not set \(ARM defaults to Enabled\)/,
    ],
    [
      'admin user on',
      i => {
        registry(i).adminUserEnabled = true;
      },
      'adminUserEnabled=true',
      /admin user enabled.*--admin-enabled false.*AcrPull/,
    ],
    [
      'anonymous pull on',
      i => {
        registry(i).anonymousPullEnabled = true;
      },
      'anonymousPullEnabled=true',
      /anonymous pull enabled.*set anonymousPullEnabled false/,
    ],
    [
      'private endpoint in a hub VNet',
      i => {
        registryEndpoint(i).subnet.id =
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe';
      },
      'private endpoint in virtualNetwork1: (none)',
      /no private endpoint of the registry \(groupIds \["registry"\]\) in the cluster's VNet virtualNetwork1.*privatelink\.azurecr\.io/,
    ],
    [
      'private endpoint connection pending',
      i => {
        registryEndpoint(
          i,
        ).privateLinkServiceConnections[0].properties.privateLinkServiceConnectionState.status =
          'Pending';
      },
      'pe-acraksbaseline (Pending)',
      /not approved \(Pending\).*az acr private-endpoint-connection approve/,
    ],
    [
      'private endpoint to the vault only',
      i => {
        registryEndpoint(
          i,
        ).privateLinkServiceConnections[0].properties.groupIds = ['vault'];
      },
      'private endpoint in virtualNetwork1: (none)',
      /no private endpoint of the registry/,
    ],
  ])('fails on %s', (_what, mutate, found, reason) => {
    const input = baselineResources();
    mutate(input);
    const result = acr01(input);
    expect(result.status).toBe('fail');
    expect(result.found).toContain(found);
    expect(result.reason).toMatch(reason);
  });

  it('fails with the fix when no registry is associated', () => {
    const input = baselineResources();
    input.containerRegistries = [];
    expect(acr01(input)).toMatchObject({
      status: 'fail',
      found: '(no registry)',
    });
    expect(acr01(input).reason).toMatch(
      /create a Premium registry .* grant the kubelet identity AcrPull/,
    );
  });

  it('names each registry when there are two, the worst deciding', () => {
    const input = baselineResources();
    const second = baselineRegistry();
    second.name = 'acrshared';
    second.id = second.id!.replace('acraksbaseline', 'acrshared');
    (second.properties as any).adminUserEnabled = true;
    input.containerRegistries!.push(second);
    const result = acr01(input);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^acrshared: admin user enabled/);
    expect(result.reason).toMatch(/no private endpoint of the registry/);
    expect(result.resourceId).toBe(second.id);
  });

  it('judges a template: names instead of ids, the connection without a state', () => {
    const input = baselineResources();
    const template = baselineRegistry();
    delete template.id;
    delete (template.properties as any).loginServer;
    input.containerRegistries = [template];
    const endpoint = registryEndpoint(input);
    endpoint.subnet.id =
      "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'virtualNetwork1', 'snet-privatelinkendpoints')]";
    const connection = endpoint.privateLinkServiceConnections[0].properties;
    connection.privateLinkServiceId =
      "[resourceId('Microsoft.ContainerRegistry/registries', 'acraksbaseline')]";
    delete connection.privateLinkServiceConnectionState;
    input.cluster!.properties!.agentPoolProfiles = [
      {
        name: 'npsystem',
        vnetSubnetID:
          "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'virtualNetwork1', 'snet-clusternodes')]",
      },
    ];
    expect(acr01(input).status).toBe('pass');
    connection.privateLinkServiceId =
      "[resourceId('Microsoft.ContainerRegistry/registries', 'acrother')]";
    input.containerRegistries.push({
      ...baselineRegistry(),
      id: undefined,
      name: 'acrsecond',
    });
    expect(acr01(input).status).toBe('fail');
  });

  it.each<[string, (i: BaselineResources) => void, RegExp]>([
    [
      'registries',
      i => {
        delete i.containerRegistries;
      },
      /container registries were not read/,
    ],
    [
      'private endpoints',
      i => {
        delete i.privateEndpoints;
      },
      /private endpoints not in the input/,
    ],
    [
      'cluster',
      i => {
        delete i.cluster;
      },
      /no managed cluster in the input/,
    ],
  ])('is not-observed without the %s', (_what, remove, reason) => {
    const input = baselineResources();
    remove(input);
    const result = acr01(input);
    expect(result.status).toBe('not-observed');
    expect(result.reason).toMatch(reason);
  });
});
