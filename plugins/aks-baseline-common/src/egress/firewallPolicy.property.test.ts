import {
  buildFirewallPolicyModel,
  evaluateFirewallFlow,
  FirewallPolicySet,
} from './firewallPolicy';
import type { EgressFlow } from './types';
import {
  applicationRule,
  group,
  networkRule,
  policy,
  ruleCollection,
} from '../__testUtils__/firewallPolicyFixtures';
import type { ArmResource } from '../arm/types';
import { createRandom } from '../__testUtils__/seededRandom';

/*
 * Property tests over seeded random policies (no property-testing library in
 * the repository; a seeded generator keeps every run reproducible: a
 * failure prints its seed).
 */

function random(seed: number) {
  const base = createRandom(seed);
  const int = (min: number, max: number) => min + base.int(max - min + 1);
  const pick = base.pick;
  const some = <T>(items: readonly T[]): T[] =>
    items.filter(() => base.chance(0.4)).concat([pick(items)]);
  return { int, pick, some, chance: base.chance };
}
type Random = ReturnType<typeof random>;

const SOURCES = ['10.240.0.0/22', '10.240.0.0/16', '*', '192.168.0.0/24'];
const PORTS = ['443', '80', '22', '*', '1000-2000', '53'];
const FQDNS = [
  'github.com',
  '*.github.com',
  '*',
  'mcr.microsoft.com',
  '*.microsoft.com',
  'example.com',
];
const ADDRESSES = [
  '*',
  '20.0.0.0/8',
  '20.1.2.3',
  'AzureCloud',
  'AzureCloud.westeurope',
  '0.0.0.0/0',
];

function randomRule(r: Random, name: string) {
  if (r.chance(0.5)) {
    return networkRule(name, {
      ports: r.some(PORTS),
      protocols: r.some(['TCP', 'UDP', 'Any']),
      destinations: r.some(ADDRESSES),
      sources: r.some(SOURCES),
    });
  }
  return applicationRule(name, {
    fqdns: r.some(FQDNS),
    protocols: r.some([
      ['Https', 443],
      ['Http', 80],
    ] as Array<[string, number]>),
    sources: r.some(SOURCES),
  });
}

function randomSet(r: Random): FirewallPolicySet {
  const policies: ArmResource[] = [];
  const levels = r.int(1, 3);
  for (let level = 0; level < levels; level++)
    policies.push(policy(`p${level}`, policies[level - 1]));
  let n = 0;
  const ruleCollectionGroups = policies.flatMap(p =>
    Array.from({ length: r.int(0, 3) }, (_, g) =>
      group(
        p,
        `${p.name}-g${g}`,
        r.int(2, 650) * 100,
        Array.from({ length: r.int(0, 3) }, (_c, c) =>
          ruleCollection(
            `c${c}`,
            r.int(1, 650) * 100,
            r.pick(['Allow', 'Deny'] as const),
            Array.from({ length: r.int(1, 3) }, () => randomRule(r, `r${n++}`)),
          ),
        ),
      ),
    ),
  );
  return { policies, ruleCollectionGroups };
}

function randomFlow(r: Random): EgressFlow {
  const sources = [
    r.pick(['10.240.0.0/24', '10.240.1.0/24', '192.168.0.0/28']),
  ];
  if (r.chance(0.5)) {
    return {
      sources,
      destination: {
        kind: 'fqdn',
        value: r.pick([
          'github.com',
          'api.github.com',
          'mcr.microsoft.com',
          'example.com',
          '*.data.mcr.microsoft.com',
        ]),
      },
      protocol: r.pick(['Https', 'Http'] as const),
      port: r.pick([443, 80]),
    };
  }
  return {
    sources,
    destination: r.chance(0.5)
      ? { kind: 'cidr', value: r.pick(['20.1.2.3', '20.9.0.0/16', '52.0.0.1']) }
      : {
          kind: 'serviceTag',
          value: r.pick(['AzureCloud.westeurope', 'AzureMonitor']),
        },
    protocol: r.pick(['TCP', 'UDP'] as const),
    port: r.pick([22, 53, 443, 1194, 1500]),
  };
}

const leafOf = (set: FirewallPolicySet) =>
  set.policies[set.policies.length - 1];
const judge = (set: FirewallPolicySet, flow: EgressFlow) =>
  evaluateFirewallFlow(buildFirewallPolicyModel(leafOf(set).id!, set), flow);

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);

describe('properties of the evaluator', () => {
  it('adding an Allow rule anywhere never turns an allowed flow into a denied one', () => {
    let allowedSeen = 0;
    for (const seed of SEEDS) {
      const r = random(seed);
      const set = randomSet(r);
      const flow = randomFlow(r);
      const before = judge(set, flow);
      if (!before.allowed) continue;
      allowedSeen++;
      const extra = randomRule(r, 'added');
      const owner = r.pick(set.policies);
      const withAllow = {
        ...set,
        ruleCollectionGroups: [
          ...set.ruleCollectionGroups,
          group(owner, 'added', r.int(1, 650) * 100, [
            ruleCollection('added', r.int(1, 650) * 100, 'Allow', [extra]),
          ]),
        ],
      };
      expect({ seed, allowed: judge(withAllow, flow).allowed }).toEqual({
        seed,
        allowed: true,
      });
    }
    // The generator must produce allowed flows for the property to say anything.
    expect(allowedSeen).toBeGreaterThan(40);
  });

  it('a Deny collection of higher priority (first group of the root policy) matching the flow always wins', () => {
    for (const seed of SEEDS) {
      const r = random(seed);
      const set = randomSet(r);
      const flow = randomFlow(r);
      const root = set.policies[0];
      const deny = networkRule('deny-first', {
        ports: [String(flow.port)],
        protocols: ['Any'],
        destinations: ['*'],
        sources: flow.sources,
      });
      const withDeny = {
        ...set,
        ruleCollectionGroups: [
          ...set.ruleCollectionGroups,
          group(root, 'deny-first', 100, [
            ruleCollection('deny-first', 100, 'Deny', [deny]),
          ]),
        ],
      };
      const after = judge(withDeny, flow);
      expect({ seed, allowed: after.allowed, rule: after.rule?.rule }).toEqual({
        seed,
        allowed: false,
        rule: 'deny-first',
      });
    }
  });

  it('removing the deciding Allow rule never leaves the flow decided by that rule', () => {
    for (const seed of SEEDS) {
      const r = random(seed);
      const set = randomSet(r);
      const flow = randomFlow(r);
      const before = judge(set, flow);
      if (!before.allowed || !before.rule) continue;
      const withoutRule = {
        ...set,
        ruleCollectionGroups: set.ruleCollectionGroups.map(g => ({
          ...g,
          properties: {
            ...g.properties,
            ruleCollections: (g.properties!.ruleCollections as any[]).map(
              c => ({
                ...c,
                rules: c.rules.filter(
                  (rule: any) => rule.name !== before.rule!.rule,
                ),
              }),
            ),
          },
        })),
      };
      expect(judge(withoutRule, flow).rule?.rule).not.toBe(before.rule.rule);
    }
  });
});
