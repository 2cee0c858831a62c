import { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { buildBaselineStamp } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { gatewaysForCluster } from './associate';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { GATEWAY_CLUSTER_TAG, indexInventory } from './inventoryIndex';

const SUB = '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const firewall = {
  id: '/subscriptions/x/resourceGroups/hub/providers/Microsoft.Network/azureFirewalls/fw',
  privateIp: '10.200.0.4',
  hubVirtualNetworkId:
    '/subscriptions/x/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
};

function stamp(name: string, spokeOctet: number) {
  return buildBaselineStamp({
    subscriptionId: SUB,
    resourceGroup: `rg-${name}`,
    name,
    location: 'westeurope',
    spokeOctet,
    firewall,
    host: `${name}.contoso.com`,
    certificateDaysLeft: { edge: 90, backendTrustRoot: 90, ingress: 90 },
    now: new Date('2026-11-26T00:00:00Z'),
  });
}

const gatewayOf = (resources: ArmResource[]) =>
  resources.find(r => r.type === 'Microsoft.Network/applicationGateways')!;
const clusterOf = (resources: ArmResource[]) =>
  resources.find(r => r.type === 'Microsoft.ContainerService/managedClusters')!;

describe('gatewaysForCluster', () => {
  it('prefers a gateway whose tag names the cluster over any other evidence', () => {
    const a = stamp('aks-a', 10);
    const b = stamp('aks-b', 11);
    // b's gateway is tagged for a, although its backend points into b's VNet.
    gatewayOf(b).tags = { [GATEWAY_CLUSTER_TAG]: clusterOf(a).id! };
    const index = indexInventory(inventoryOf([...a, ...b]));

    const result = gatewaysForCluster(clusterOf(a), index);

    expect(result.rule).toBe('tag');
    expect(result.gateways.map(g => g.name)).toEqual(['apw-aks-b']);
  });

  it('matches by a backend pool address inside the cluster VNet, even from another VNet', () => {
    const a = stamp('aks-a', 10);
    const hub = stamp('hub-gw', 99);
    // A central gateway in another VNet whose pool targets a's Traefik IP.
    const gateway = gatewayOf(hub);
    (
      gateway.properties as any
    ).backendAddressPools[0].properties.backendAddresses = [
      { ipAddress: '10.10.4.4' },
    ];
    const aGateway = gatewayOf(a);
    (
      aGateway.properties as any
    ).backendAddressPools[0].properties.backendAddresses = [
      { fqdn: 'traefik.internal' },
    ];
    const index = indexInventory(
      inventoryOf([
        clusterOf(a),
        ...a.filter(r => r.type === 'Microsoft.Network/virtualNetworks'),
        aGateway,
        gateway,
      ]),
    );

    const result = gatewaysForCluster(clusterOf(a), index);

    expect(result.rule).toBe('backend-in-cluster-vnet');
    expect(result.gateways.map(g => g.name)).toEqual(['apw-hub-gw']);
  });

  it('falls back to a gateway in the same VNet, and never takes one tagged for another cluster', () => {
    const a = stamp('aks-a', 10);
    const gateway = gatewayOf(a);
    (
      gateway.properties as any
    ).backendAddressPools[0].properties.backendAddresses = [
      { fqdn: 'traefik.internal' },
    ];
    const index = indexInventory(inventoryOf(a));

    expect(gatewaysForCluster(clusterOf(a), index)).toMatchObject({
      rule: 'same-vnet',
      gateways: [gateway],
    });

    gateway.tags = { [GATEWAY_CLUSTER_TAG]: 'some-other-cluster' };
    expect(
      gatewaysForCluster(clusterOf(a), indexInventory(inventoryOf(a))).gateways,
    ).toEqual([]);
  });
});
