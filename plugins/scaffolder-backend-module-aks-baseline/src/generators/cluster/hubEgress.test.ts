import {
  EgressFlow,
  buildFirewallPolicyModel,
  evaluateFirewallFlow,
} from '@aks-baseline/plugin-aks-baseline-common';
import { strictArmSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { validateTemplateResource } from '../../__testUtils__/armTemplateSchemas';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { stampEgressRequirements } from './arm/hubEgress';
import { checkClusterControls, generateCluster } from '.';

/*
 * hub/egress-rules.json: valid against Microsoft's specs, allowing every
 * requirement of the stamp and nothing else, and every rule necessary.
 */

const NETWORK_SPEC =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01/firewallPolicy.json';
const requests = clusterExampleRequests();
const [plain] = requests;

const groupOf = (generated: ReturnType<typeof generateCluster>): any =>
  generated.hubEgress.resources.find(r =>
    r.type.endsWith('/ruleCollectionGroups'),
  );

/** The generated group as the only group of a hub policy, for the evaluator. */
function hubModel(generated: ReturnType<typeof generateCluster>) {
  const hub = {
    id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw-policies-hub',
    name: 'fw-policies-hub',
  };
  return buildFirewallPolicyModel(hub.id, {
    policies: [hub],
    ruleCollectionGroups: [
      { ...groupOf(generated), id: `${hub.id}/ruleCollectionGroups/rcg` },
    ],
    ipGroups: generated.hubEgress.resources.filter(
      r => r.type === 'Microsoft.Network/ipGroups',
    ),
  });
}

describe('hub/egress-rules.json', () => {
  it.each(requests.map(r => [r.spec.clusterName, r] as const))(
    '%s: every resource, collection and rule validates strictly against the ARM specs',
    (_name, request) => {
      const generated = generateCluster(request.spec);
      for (const resource of generated.hubEgress.resources) {
        expect(validateTemplateResource(resource)).toMatchObject({
          valid: true,
          errors: [],
        });
      }
      // The specs' collections and rules are discriminated unions, which
      // the resource schema leaves open: each is checked as its own type.
      const specs = strictArmSchemas();
      for (const collection of groupOf(generated).properties.ruleCollections) {
        expect(
          specs.validate(
            NETWORK_SPEC,
            'FirewallPolicyFilterRuleCollection',
            collection,
          ).errors,
        ).toEqual([]);
        for (const rule of collection.rules) {
          expect(
            specs.validate(NETWORK_SPEC, rule.ruleType, rule).errors,
          ).toEqual([]);
        }
      }
    },
  );

  it('rejects a misspelt rule field (the strict check can fail)', () => {
    const rule = {
      ...groupOf(generateCluster(plain.spec)).properties.ruleCollections[0]
        .rules[0],
      targetFqdn: ['x'],
    };
    expect(
      strictArmSchemas().validate(NETWORK_SPEC, 'ApplicationRule', rule).valid,
    ).toBe(false);
  });

  it('allows every requirement of the stamp, and denies what no requirement names', () => {
    const generated = generateCluster(plain.spec);
    const model = hubModel(generated);
    const requirements = stampEgressRequirements(plain.spec, generated.names);
    expect(
      requirements.filter(r => !evaluateFirewallFlow(model, r).allowed),
    ).toEqual([]);
    const sources = [plain.spec.network.nodeSubnet];
    const denied: EgressFlow[] = [
      {
        sources,
        destination: { kind: 'fqdn', value: 'example.com' },
        protocol: 'Https',
        port: 443,
      },
      {
        sources,
        destination: { kind: 'cidr', value: '0.0.0.0/0' },
        protocol: 'TCP',
        port: 22,
      },
      {
        sources,
        destination: { kind: 'fqdn', value: 'mcr.microsoft.com' },
        protocol: 'Https',
        port: 8443,
      },
      {
        sources,
        destination: { kind: 'fqdn', value: 'mcr.microsoft.com' },
        protocol: 'Http',
        port: 80,
      },
      {
        sources,
        destination: { kind: 'cidr', value: '20.1.2.3' },
        protocol: 'UDP',
        port: 123,
      },
      // The rules are for the node subnet only.
      {
        sources: ['10.99.0.0/24'],
        destination: { kind: 'fqdn', value: 'mcr.microsoft.com' },
        protocol: 'Https',
        port: 443,
      },
    ];
    for (const flow of denied) {
      const verdict = evaluateFirewallFlow(model, flow);
      expect({ flow, allowed: verdict.allowed, by: verdict.rule }).toEqual({
        flow,
        allowed: false,
        by: undefined,
      });
    }
  });

  it('removing any one rule fails FW-02 naming exactly the requirement in its description', () => {
    const generated = generateCluster(plain.spec);
    const rules: any[] = groupOf(generated).properties.ruleCollections.flatMap(
      (c: any) => c.rules,
    );
    expect(rules.length).toBe(
      stampEgressRequirements(plain.spec, generated.names).length,
    );
    for (const rule of rules) {
      const mutated = structuredClone(generated);
      for (const collection of groupOf(mutated).properties.ruleCollections)
        collection.rules = collection.rules.filter(
          (r: any) => r.name !== rule.name,
        );
      const fw02 = checkClusterControls(
        plain.spec,
        mutated.names,
        mutated,
      ).results.find(r => r.id === 'FW-02')!;
      const requirement = /^requirement (\S+) /.exec(rule.description)![1];
      expect({
        rule: rule.name,
        status: fw02.status,
        found: fw02.found.split('; blocked: ')[1],
      }).toEqual({
        rule: rule.name,
        status: 'fail',
        found: requirement,
      });
    }
  });

  it('counts the requirements per stamp (Container insights always on)', () => {
    const counts = requests.map(
      r =>
        stampEgressRequirements(r.spec, generateCluster(r.spec).names).length,
    );
    // Core AKS 7, Azure Policy 3, Flux 3 + GitHub 1, Azure Monitor 6: the
    // stamp creates a workspace when none is given.
    for (const count of counts) expect(count).toBe(20);
  });

  it("needs no public registry: the stamp's images come through its registry's private endpoint", () => {
    for (const request of requests) {
      const generated = generateCluster(request.spec);
      const destinations = groupOf(generated)
        .properties.ruleCollections.flatMap((c: any) => c.rules)
        .flatMap((r: any) => [
          ...(r.targetFqdns ?? []),
          ...(r.destinationFqdns ?? []),
        ]);
      expect(
        destinations.filter((d: string) =>
          /docker\.(io|com)$|azurecr\.io$/.test(d),
        ),
      ).toEqual([]);
      expect(destinations).toContain('github.com');
      const model = hubModel(generated);
      const dockerHub = evaluateFirewallFlow(model, {
        sources: [request.spec.network.nodeSubnet],
        destination: { kind: 'fqdn', value: 'registry-1.docker.io' },
        protocol: 'Https',
        port: 443,
      });
      expect(dockerHub.allowed).toBe(false);
    }
  });
});
