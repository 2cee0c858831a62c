import { evaluateNsg, nsgStep } from './nsg';

const context = { vnetPrefixes: ['10.240.0.0/16'] };
const nsg = (securityRules: unknown[] = []) => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-agw',
  name: 'nsg-agw',
  properties: { securityRules },
});
const rule = (name: string, priority: number, p: Record<string, unknown>) => ({
  name,
  properties: {
    priority,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefix: '*',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '443',
    ...p,
  },
});
const inbound = (source: string, port = 443) => ({
  direction: 'Inbound' as const,
  protocol: 'TCP' as const,
  source,
  destination: '10.240.5.4',
  port,
});

// https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules
describe('NSG default rules (Microsoft Learn: network security groups, default security rules)', () => {
  it('65000 AllowVnetInBound lets the VNet in', () => {
    expect(
      evaluateNsg(nsg(), inbound('10.240.4.4'), context).rule,
    ).toMatchObject({ name: 'AllowVnetInBound', priority: 65000 });
  });

  it('65001 AllowAzureLoadBalancerInBound lets the platform probe (168.63.129.16) in', () => {
    expect(evaluateNsg(nsg(), inbound('168.63.129.16'), context)).toMatchObject(
      {
        outcome: 'passed',
        rule: { name: 'AllowAzureLoadBalancerInBound', priority: 65001 },
      },
    );
  });

  it('65500 DenyAllInBound stops the Internet when no rule of ours allows it', () => {
    expect(evaluateNsg(nsg(), inbound('203.0.113.10'), context)).toMatchObject({
      outcome: 'stopped',
      rule: { name: 'DenyAllInBound', priority: 65500 },
    });
  });

  it('outbound: 65000 AllowVnetOutBound, 65001 AllowInternetOutBound, 65500 DenyAllOutBound', () => {
    const out = (destination: string) =>
      evaluateNsg(
        nsg(),
        {
          direction: 'Outbound',
          protocol: 'UDP',
          source: '10.240.0.4',
          destination,
          port: 53,
        },
        context,
      ).rule?.name;
    expect(out('10.240.1.1')).toBe('AllowVnetOutBound');
    expect(out('198.51.100.7')).toBe('AllowInternetOutBound');
    // Private space outside the VNet is neither VirtualNetwork (peerings aside) nor Internet.
    expect(out('192.168.1.1')).toBe('DenyAllOutBound');
  });
});

describe('NSG rule processing (priority order, first match decides)', () => {
  it('the lowest priority number wins, whatever the order in the list', () => {
    const verdict = evaluateNsg(
      nsg([
        rule('AllowHttpsInternet', 200, { sourceAddressPrefix: 'Internet' }),
        rule('DenyOneClient', 100, {
          access: 'Deny',
          sourceAddressPrefix: '203.0.113.10/32',
        }),
      ]),
      inbound('203.0.113.10'),
      context,
    );
    expect(verdict).toMatchObject({
      outcome: 'stopped',
      rule: { name: 'DenyOneClient' },
    });
    expect(
      evaluateNsg(
        nsg([
          rule('AllowHttpsInternet', 200, { sourceAddressPrefix: 'Internet' }),
          rule('DenyOneClient', 100, {
            access: 'Deny',
            sourceAddressPrefix: '203.0.113.10/32',
          }),
        ]),
        inbound('203.0.113.11'),
        context,
      ).rule?.name,
    ).toBe('AllowHttpsInternet');
  });

  it('matches protocol, port ranges and prefix lists', () => {
    const rules = [
      rule('AllowRange', 300, {
        destinationPortRanges: ['8000-8999'],
        destinationPortRange: undefined,
        sourceAddressPrefixes: ['198.51.100.0/24', '203.0.113.0/24'],
      }),
    ];
    expect(
      evaluateNsg(nsg(rules), inbound('203.0.113.10', 8443), context).rule
        ?.name,
    ).toBe('AllowRange');
    expect(
      evaluateNsg(nsg(rules), inbound('203.0.113.10', 9443), context).rule
        ?.name,
    ).toBe('DenyAllInBound');
    expect(
      evaluateNsg(
        nsg([rule('UdpOnly', 300, { protocol: 'Udp' })]),
        inbound('203.0.113.10'),
        context,
      ).rule?.name,
    ).toBe('DenyAllInBound');
  });

  it('a service tag the snapshot cannot resolve (GatewayManager) in front of the decision leaves it unknown, naming the tag', () => {
    const step = nsgStep({
      subnetName: 'snet-applicationgateway',
      nsgId: nsg().id,
      nsgs: [
        nsg([
          rule('DenyGatewayManager', 100, {
            access: 'Deny',
            sourceAddressPrefix: 'GatewayManager',
          }),
          rule('AllowInternet', 200, { sourceAddressPrefix: 'Internet' }),
        ]),
      ],
      flow: inbound('203.0.113.10'),
      context,
    });
    expect(step).toMatchObject({
      outcome: 'unknown',
      missing: expect.stringContaining('GatewayManager'),
    });
    // From inside the VNet the tag cannot match (its addresses are Azure public ones).
    expect(
      evaluateNsg(
        nsg([
          rule('DenyGatewayManager', 100, {
            access: 'Deny',
            sourceAddressPrefix: 'GatewayManager',
          }),
        ]),
        inbound('10.240.1.9'),
        context,
      ).rule?.name,
    ).toBe('AllowVnetInBound');
  });

  it('names the rule and the smallest fix for a stop, and says when the NSG is not in the snapshot', () => {
    const stopped = nsgStep({
      subnetName: 'snet-applicationgateway',
      nsgId: nsg().id,
      nsgs: [nsg()],
      flow: inbound('203.0.113.10'),
      context,
    });
    expect(stopped).toMatchObject({
      outcome: 'stopped',
      decidedBy: {
        name: 'DenyAllInBound (priority 65500)',
        resourceId: nsg().id,
      },
      fix: expect.stringContaining('priority below 65500'),
    });
    expect(
      nsgStep({
        subnetName: 's',
        nsgId: nsg().id,
        flow: inbound('203.0.113.10'),
        context,
      }),
    ).toMatchObject({
      outcome: 'unknown',
      text: expect.stringContaining('not in snapshot'),
    });
    expect(
      nsgStep({ subnetName: 's', flow: inbound('203.0.113.10'), context })
        .outcome,
    ).toBe('passed');
  });
});
