import { wafStep } from './waf';

const policy = (mode: string, customRules: unknown[]) => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf',
  name: 'waf',
  properties: {
    policySettings: { state: 'Enabled', mode },
    customRules,
    managedRules: {
      managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }],
    },
  },
});
const remoteAddr = (
  action: string,
  priority: number,
  values: string[],
  negate = false,
) => ({
  name: `${action}${priority}`,
  priority,
  ruleType: 'MatchRule',
  action,
  matchConditions: [
    {
      matchVariables: [{ variableName: 'RemoteAddr' }],
      operator: 'IPMatch',
      negationConditon: negate,
      matchValues: values,
    },
  ],
});
const request = (clientAddress: string) => ({
  clientAddress,
  host: 'shop.contoso.com',
  path: '/',
});

// https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
describe('WAF custom rules (Microsoft Learn: custom rules for WAF v2 on Application Gateway)', () => {
  const officeOnly = [
    remoteAddr('Allow', 10, ['198.51.100.0/24']),
    remoteAddr('Block', 100, ['0.0.0.0/0']),
  ];

  it('an Allow rule that matches ends evaluation: managed rules are skipped', () => {
    expect(
      wafStep(policy('Prevention', officeOnly), request('198.51.100.7')),
    ).toMatchObject({ outcome: 'passed', decidedBy: { name: 'Allow10' } });
  });

  it('a client outside the allow rule meets the Block rule after it, by priority', () => {
    expect(
      wafStep(policy('Prevention', officeOnly), request('203.0.113.10')),
    ).toMatchObject({
      outcome: 'stopped',
      decidedBy: { name: 'Block100' },
      fix: 'add 203.0.113.10 to the match values of Allow rule Allow10 (priority 10)',
    });
  });

  it('negated conditions block everyone not listed; Detection mode only logs', () => {
    const notOffice = [remoteAddr('Block', 5, ['198.51.100.0/24'], true)];
    expect(
      wafStep(policy('Prevention', notOffice), request('203.0.113.10')).outcome,
    ).toBe('stopped');
    expect(
      wafStep(policy('Prevention', notOffice), request('198.51.100.7')).outcome,
    ).toBe('passed');
    expect(
      wafStep(policy('Detection', notOffice), request('203.0.113.10')),
    ).toMatchObject({
      outcome: 'passed',
      text: expect.stringContaining('Detection mode: logged, not blocked'),
    });
  });

  it('reports the managed rule sets without emulating them, and a rule it cannot judge (GeoMatch) as unknown', () => {
    expect(
      wafStep(policy('Prevention', []), request('203.0.113.10')).text,
    ).toContain('managed rules (OWASP 3.2) are not emulated');
    const geo = {
      name: 'BlockGeo',
      priority: 1,
      ruleType: 'MatchRule',
      action: 'Block',
      matchConditions: [
        {
          matchVariables: [{ variableName: 'RemoteAddr' }],
          operator: 'GeoMatch',
          matchValues: ['XX'],
        },
      ],
    };
    expect(
      wafStep(policy('Prevention', [geo]), request('203.0.113.10')),
    ).toMatchObject({ outcome: 'unknown', decidedBy: { name: 'BlockGeo' } });
  });
});
