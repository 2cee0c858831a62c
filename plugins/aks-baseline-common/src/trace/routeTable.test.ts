import { selectRoute, systemRoutes, userRoutes } from './routeTable';

const context = { vnetPrefixes: ['10.240.0.0/16'] };
const table = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt',
  properties: {
    routes: [
      {
        name: 'to-firewall',
        properties: {
          addressPrefix: '0.0.0.0/0',
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: '10.200.0.4',
        },
      },
      {
        name: 'partner-direct',
        properties: {
          addressPrefix: '198.51.100.0/24',
          nextHopType: 'Internet',
        },
      },
      {
        name: 'partner-host',
        properties: { addressPrefix: '198.51.100.7/32', nextHopType: 'None' },
      },
    ],
  },
};
const routes = [
  ...userRoutes(table),
  ...systemRoutes(context, [
    { address: '10.240.6.5', resourceId: '/x/privateEndpoints/pe-kv' },
  ]),
];
const pick = (address: string) => selectRoute(routes, address, context)?.name;

// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#how-azure-selects-a-route
describe('route selection (Microsoft Learn: how Azure selects a route)', () => {
  it('takes the longest prefix that holds the address', () => {
    expect(pick('203.0.113.10')).toBe('to-firewall');
    expect(pick('198.51.100.9')).toBe('partner-direct');
    expect(pick('198.51.100.7')).toBe('partner-host');
  });

  it("keeps the VNet's own space local: its system route is longer than the 0.0.0.0/0 user route", () => {
    expect(selectRoute(routes, '10.240.4.4', context)).toMatchObject({
      source: 'Default',
      nextHopType: 'VnetLocal',
    });
  });

  it('between equal prefixes a user-defined route beats the system route', () => {
    expect(selectRoute(routes, '8.8.8.8', context)).toMatchObject({
      source: 'User',
      nextHopType: 'VirtualAppliance',
      nextHopIpAddress: '10.200.0.4',
    });
    expect(
      selectRoute(systemRoutes(context, []), '8.8.8.8', context)?.nextHopType,
    ).toBe('Internet');
  });

  it('drops private space outside the VNet (system route, next hop None) and keeps a private endpoint /32 local', () => {
    expect(
      selectRoute(systemRoutes(context, []), '192.168.1.1', context)
        ?.nextHopType,
    ).toBe('None');
    expect(selectRoute(routes, '10.240.6.5', context)).toMatchObject({
      nextHopType: 'InterfaceEndpoint',
      name: 'private endpoint pe-kv',
    });
  });
});
