import {
  buildFirewallPolicyModel,
  broadFirewallRules,
  evaluateFirewallFlow,
  FirewallPolicySet,
} from './firewallPolicy';
import type { EgressFlow } from './types';
import {
  applicationRule,
  group,
  networkRule,
  natRule,
  policy,
  ruleCollection,
} from '../__testUtils__/firewallPolicyFixtures';

/*
 * One case per statement of Microsoft's "Azure Firewall rule processing
 * logic" (Firewall Policy), numbered as in firewallPolicy.ts, plus the
 * page's two worked examples.
 */

const NODES = '10.240.0.0/22';
const https = (fqdn: string, port = 443): EgressFlow => ({
  sources: [NODES],
  destination: { kind: 'fqdn', value: fqdn },
  protocol: 'Https',
  port,
});
const tcp = (cidr: string, port: number): EgressFlow => ({
  sources: [NODES],
  destination: { kind: 'cidr', value: cidr },
  protocol: 'TCP',
  port,
});

function verdict(
  set: FirewallPolicySet,
  flow: EgressFlow,
  policyName = 'child',
) {
  const target = set.policies.find(p => p.name === policyName)!;
  return evaluateFirewallFlow(buildFirewallPolicyModel(target.id!, set), flow);
}

const allowSsh = networkRule('allow-ssh', { ports: ['22'] });
const denySsh = networkRule('deny-ssh', { ports: ['22'] });

describe('Azure Firewall rule processing (Firewall Policy)', () => {
  it("S1: a parent policy's groups come first, whatever the child's priorities", () => {
    const parent = policy('parent');
    const child = policy('child', parent);
    const set = {
      policies: [child, parent],
      ruleCollectionGroups: [
        group(parent, 'base', 65000, [
          ruleCollection('deny', 65000, 'Deny', [denySsh]),
        ]),
        group(child, 'own', 100, [
          ruleCollection('allow', 100, 'Allow', [allowSsh]),
        ]),
      ],
    };
    const result = verdict(set, tcp('20.1.2.3', 22));
    expect(result).toMatchObject({
      allowed: false,
      rule: { policy: 'parent', rule: 'deny-ssh' },
    });
    // Grandparents before parents.
    const root = policy('root');
    const middle = policy('middle', root);
    const leaf = policy('child', middle);
    const chained = verdict(
      {
        policies: [leaf, middle, root],
        ruleCollectionGroups: [
          group(middle, 'm', 100, [
            ruleCollection('deny', 100, 'Deny', [denySsh]),
          ]),
          group(root, 'r', 300, [
            ruleCollection('allow', 300, 'Allow', [allowSsh]),
          ]),
        ],
      },
      tcp('20.1.2.3', 22),
    );
    expect(chained).toMatchObject({ allowed: true, rule: { policy: 'root' } });
  });

  it('S2: groups by priority, lowest number first', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'late', 500, [
          ruleCollection('allow', 100, 'Allow', [allowSsh]),
        ]),
        group(p, 'early', 200, [
          ruleCollection('deny', 900, 'Deny', [denySsh]),
        ]),
      ],
    };
    expect(verdict(set, tcp('20.1.2.3', 22))).toMatchObject({
      allowed: false,
      rule: { group: 'early' },
    });
  });

  it('S3: collections inside a group by priority, lowest number first', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 200, [
          ruleCollection('deny-later', 300, 'Deny', [denySsh]),
          ruleCollection('allow-first', 150, 'Allow', [allowSsh]),
        ]),
      ],
    };
    expect(verdict(set, tcp('20.1.2.3', 22))).toMatchObject({
      allowed: true,
      rule: { collection: 'allow-first' },
    });
  });

  it('S4: network rules before application rules, whatever the priorities and the inheritance', () => {
    const parent = policy('parent');
    const child = policy('child', parent);
    const set = {
      policies: [parent, child],
      ruleCollectionGroups: [
        // The parent's application Deny is evaluated after the child's network Allow.
        group(parent, 'apps', 100, [
          ruleCollection('deny-apps', 100, 'Deny', [
            applicationRule('deny-all', { fqdns: ['*'] }),
          ]),
        ]),
        group(child, 'net', 65000, [
          ruleCollection('web', 65000, 'Allow', [
            networkRule('allow-web', { ports: ['443'] }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, https('example.com'))).toMatchObject({
      allowed: true,
      rule: { ruleType: 'NetworkRule', rule: 'allow-web' },
    });
  });

  it('S4/S6: DNAT rules come before network rules, and a DNAT match is translated and allowed', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'net', 100, [
          ruleCollection('deny-all', 100, 'Deny', [
            networkRule('deny-any', { ports: ['*'] }),
          ]),
        ]),
        group(p, 'dnat', 65000, [
          ruleCollection('inbound', 65000, 'Dnat', [
            natRule('publish-web', { destination: '52.1.2.3', port: '443' }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, tcp('52.1.2.3', 443))).toMatchObject({
      allowed: true,
      rule: { ruleType: 'NatRule', rule: 'publish-web' },
    });
    expect(verdict(set, tcp('52.1.2.4', 443))).toMatchObject({
      allowed: false,
      rule: { rule: 'deny-any' },
    });
  });

  it('S5: rules are terminating: the first match decides, later rules are not consulted', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('allow', 100, 'Allow', [
            networkRule('allow-22', { ports: ['22'] }),
            networkRule('also-22', { ports: ['20-30'] }),
          ]),
          ruleCollection('deny', 200, 'Deny', [denySsh]),
        ]),
      ],
    };
    expect(verdict(set, tcp('20.1.2.3', 22)).rule?.rule).toBe('allow-22');
  });

  it('S7: application rules only see HTTP, HTTPS and MSSQL', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('apps', 100, 'Allow', [
            applicationRule('github', {
              fqdns: ['github.com'],
              protocols: [['Https', 443]],
            }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, https('github.com')).allowed).toBe(true);
    const sshToGithub: EgressFlow = {
      ...https('github.com'),
      protocol: 'TCP',
      port: 22,
    };
    expect(verdict(set, sshToGithub)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining(
        'application rules see only HTTP, HTTPS and MSSQL',
      ),
    });
  });

  it('S8: with no match, the traffic is denied by default', () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [group(p, 'empty', 100, [])],
    };
    const result = verdict(set, https('example.com'));
    expect(result.allowed).toBe(false);
    expect(result.rule).toBeUndefined();
    expect(result.reason).toMatch(/^default deny/);
  });

  it("the page's example 1: a network Allow wins over an application Deny for the same name", () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('deny-google', 100, 'Deny', [
            applicationRule('Deny-google', {
              fqdns: ['google.com'],
              protocols: [
                ['Http', 80],
                ['Https', 443],
              ],
              sources: ['*'],
            }),
          ]),
          ruleCollection('allow-web', 200, 'Allow', [
            networkRule('Allow-web', { ports: ['80', '443'], sources: ['*'] }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, https('google.com')).rule?.rule).toBe('Allow-web');
  });

  it("the page's example 2: a Deny network collection of higher priority blocks SSH", () => {
    const p = policy('child');
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('Allow-collection', 200, 'Allow', [
            networkRule('Allow-SSH', { ports: ['22'], sources: ['*'] }),
          ]),
          ruleCollection('Deny-collection', 100, 'Deny', [
            networkRule('Deny-SSH', { ports: ['22'], sources: ['*'] }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, tcp('20.1.2.3', 22)).rule?.rule).toBe('Deny-SSH');
  });
});

describe('matching', () => {
  const p = policy('child');
  const ipGroup = {
    id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/ipGroups/ipg-nodes',
    name: 'ipg-nodes',
    properties: { ipAddresses: ['10.240.0.0/16'] },
  };
  const appSet = (rule: unknown) => ({
    policies: [p],
    ipGroups: [ipGroup],
    ruleCollectionGroups: [
      group(p, 'g', 100, [ruleCollection('c', 100, 'Allow', [rule])]),
    ],
  });

  it('resolves source IP groups, and an Allow must cover every source block', () => {
    const rule = applicationRule('mcr', {
      fqdns: ['mcr.microsoft.com'],
      sources: [],
      sourceIpGroups: [ipGroup.id],
    });
    expect(verdict(appSet(rule), https('mcr.microsoft.com')).allowed).toBe(
      true,
    );
    const wider = {
      ...https('mcr.microsoft.com'),
      sources: [NODES, '10.250.0.0/24'],
    };
    expect(verdict(appSet(rule), wider).allowed).toBe(false);
    const model = buildFirewallPolicyModel(p.id!, {
      ...appSet(rule),
      ipGroups: [],
    });
    expect(model.unresolvedIpGroups).toEqual([ipGroup.id]);
  });

  it('matches wildcard FQDNs: an Allow must cover the whole wildcard flow', () => {
    const rule = applicationRule('mcr-data', {
      fqdns: ['*.mcr.microsoft.com'],
    });
    expect(
      verdict(appSet(rule), https('*.data.mcr.microsoft.com')).allowed,
    ).toBe(true);
    expect(
      verdict(appSet(rule), https('eastus.data.mcr.microsoft.com')).allowed,
    ).toBe(true);
    expect(verdict(appSet(rule), https('mcr.microsoft.com')).allowed).toBe(
      false,
    );
    const narrow = applicationRule('one', {
      fqdns: ['westeurope.data.mcr.microsoft.com'],
    });
    expect(
      verdict(appSet(narrow), https('*.data.mcr.microsoft.com')).allowed,
    ).toBe(false);
  });

  it('a Deny that shares part of a wildcard flow blocks it', () => {
    const set = {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('deny', 100, 'Deny', [
            applicationRule('no-eu', {
              fqdns: ['westeurope.data.mcr.microsoft.com'],
            }),
          ]),
          ruleCollection('allow', 200, 'Allow', [
            applicationRule('mcr', { fqdns: ['*.data.mcr.microsoft.com'] }),
          ]),
        ]),
      ],
    };
    expect(verdict(set, https('*.data.mcr.microsoft.com')).rule?.rule).toBe(
      'no-eu',
    );
  });

  it('understands the AzureKubernetesService FQDN tag, and the protocol and port of application rules', () => {
    const tagged = applicationRule('aks', {
      fqdns: [],
      fqdnTags: ['AzureKubernetesService'],
    });
    expect(verdict(appSet(tagged), https('management.azure.com')).allowed).toBe(
      true,
    );
    expect(
      verdict(appSet(tagged), https('*.hcp.westeurope.azmk8s.io')).allowed,
    ).toBe(true);
    expect(verdict(appSet(tagged), https('github.com')).allowed).toBe(false);
    expect(
      verdict(appSet(tagged), https('management.azure.com', 8443)).allowed,
    ).toBe(false);
  });

  it('matches service tags, regional tags inside their parent, and network rule FQDNs', () => {
    const flow: EgressFlow = {
      sources: [NODES],
      destination: { kind: 'serviceTag', value: 'AzureCloud.westeurope' },
      protocol: 'UDP',
      port: 1194,
    };
    const udp = (destinations: string[]) =>
      networkRule('tunnel', {
        ports: ['1194'],
        protocols: ['UDP'],
        destinations,
      });
    expect(verdict(appSet(udp(['AzureCloud'])), flow).allowed).toBe(true);
    expect(verdict(appSet(udp(['AzureCloud.westeurope'])), flow).allowed).toBe(
      true,
    );
    expect(verdict(appSet(udp(['AzureCloud.northeurope'])), flow).allowed).toBe(
      false,
    );
    expect(verdict(appSet(udp(['20.0.0.0/8'])), flow).allowed).toBe(false);
    expect(
      verdict(appSet({ ...udp([]), destinationFqdns: ['ntp.ubuntu.com'] }), {
        ...flow,
        destination: { kind: 'fqdn', value: 'ntp.ubuntu.com' },
      }).allowed,
    ).toBe(true);
    // TCP rules do not carry UDP.
    expect(
      verdict(
        appSet(networkRule('tcp', { ports: ['1194'], destinations: ['*'] })),
        flow,
      ).allowed,
    ).toBe(false);
  });

  it('reads the SDK shape (settings flattened, no properties) like the REST shape', () => {
    const rest = appSet(applicationRule('gh', { fqdns: ['github.com'] }));
    const flattenGroup = (g: any) => ({
      id: g.id,
      name: g.name,
      ...g.properties,
    });
    const sdk = {
      ...rest,
      ruleCollectionGroups: rest.ruleCollectionGroups.map(flattenGroup),
    };
    expect(verdict(sdk, https('github.com')).allowed).toBe(true);
  });
});

describe('rules wider than any requirement', () => {
  it('reports any-port, any-address and * FQDN Allow rules that reach the sources, by name', () => {
    const p = policy('child');
    const model = buildFirewallPolicyModel(p.id!, {
      policies: [p],
      ruleCollectionGroups: [
        group(p, 'g', 100, [
          ruleCollection('wide', 100, 'Allow', [
            networkRule('any-port', {
              ports: ['*'],
              destinations: ['20.1.2.3'],
            }),
            networkRule('anywhere', {
              ports: ['443'],
              destinations: ['0.0.0.0/0'],
            }),
            applicationRule('star', { fqdns: ['*'] }),
            applicationRule('fine', { fqdns: ['github.com'] }),
            networkRule('other-subnet', {
              ports: ['*'],
              sources: ['192.168.0.0/24'],
            }),
          ]),
          ruleCollection('deny', 200, 'Deny', [
            networkRule('deny-everything', { ports: ['*'] }),
          ]),
        ]),
      ],
    });
    expect(broadFirewallRules(model, [NODES]).map(b => b.rule.rule)).toEqual([
      'any-port',
      'anywhere',
      'star',
    ]);
    expect(broadFirewallRules(model, [NODES])[2].reason).toBe(
      'child/g/wide/star: any FQDN (*)',
    );
  });
});
