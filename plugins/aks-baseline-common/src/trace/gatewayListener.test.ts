import {
  gatewayListeners,
  listenerHostMatches,
  selectListener,
} from './gatewayListener';

const gw =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw';
const listener = (
  name: string,
  host: Record<string, unknown>,
  protocol = 'Https',
  port = 'port-443',
) => ({
  name,
  id: `${gw}/httpListeners/${name}`,
  properties: {
    protocol,
    frontendPort: { id: `${gw}/frontendPorts/${port}` },
    ...host,
  },
});
const gateway = (
  listeners: unknown[],
  priorities: Record<string, number> = {},
) => ({
  id: gw,
  properties: {
    frontendPorts: [
      {
        name: 'port-443',
        id: `${gw}/frontendPorts/port-443`,
        properties: { port: 443 },
      },
      {
        name: 'port-80',
        id: `${gw}/frontendPorts/port-80`,
        properties: { port: 80 },
      },
    ],
    httpListeners: listeners,
    requestRoutingRules: Object.entries(priorities).map(([name, priority]) => ({
      name: `rule-${name}`,
      properties: {
        priority,
        httpListener: { id: `${gw}/httpListeners/${name}` },
      },
    })),
  },
});
const take = (
  g: unknown,
  host: string,
  scheme: 'http' | 'https' = 'https',
  port = 443,
) => selectListener(gatewayListeners(g as never), { scheme, port, host })?.name;

// https://learn.microsoft.com/azure/application-gateway/multiple-site-overview#wildcard-host-names-in-listener
describe('listener host names (Microsoft Learn: App Gateway multi-site, wildcard host names)', () => {
  it('* stands for any characters, ? for exactly one, case-insensitively', () => {
    expect(listenerHostMatches('*.contoso.com', 'shop.contoso.com')).toBe(true);
    expect(
      listenerHostMatches('*.contoso.com', 'customer1.b2b.contoso.com'),
    ).toBe(true);
    expect(listenerHostMatches('*.contoso.com', 'contoso.com')).toBe(false);
    expect(listenerHostMatches('shop?.contoso.com', 'SHOP1.contoso.com')).toBe(
      true,
    );
    expect(listenerHostMatches('shop?.contoso.com', 'shop12.contoso.com')).toBe(
      false,
    );
    expect(listenerHostMatches('a.contoso.com', 'axcontoso.com')).toBe(false);
  });
});

// https://learn.microsoft.com/azure/application-gateway/configuration-listeners#order-of-processing-listeners
describe('listener selection (Microsoft Learn: order of processing listeners)', () => {
  const multi = listener('shop', { hostName: 'shop.contoso.com' });
  const multiMany = listener('apps', {
    hostNames: ['api.contoso.com', '*.apps.contoso.com'],
  });
  const basic = listener('basic', {});

  it('without priorities, multi-site listeners go before the basic one, which takes any other host', () => {
    const g = gateway([basic, multi, multiMany]);
    expect(take(g, 'shop.contoso.com')).toBe('shop');
    expect(take(g, 'x.apps.contoso.com')).toBe('apps');
    expect(take(g, 'elsewhere.example')).toBe('basic');
  });

  it("the routing rules' priorities order the listeners when set (v2)", () => {
    const g = gateway([basic, multi], { basic: 10, shop: 20 });
    expect(take(g, 'shop.contoso.com')).toBe('basic');
  });

  it('matches protocol and frontend port too', () => {
    const g = gateway([
      multi,
      listener('http', { hostName: 'shop.contoso.com' }, 'Http', 'port-80'),
    ]);
    expect(take(g, 'shop.contoso.com', 'http', 80)).toBe('http');
    expect(take(g, 'shop.contoso.com', 'http', 443)).toBeUndefined();
    expect(take(gateway([multi]), 'other.contoso.com')).toBeUndefined();
  });
});
