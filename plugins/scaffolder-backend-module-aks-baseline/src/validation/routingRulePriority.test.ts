import { InputError } from '@backstage/errors';
import { generateCluster } from '../generators/cluster';
import { clusterExampleRequests } from '../__testUtils__/clusterFixtures';
import { validInput } from '../__testUtils__/onboardingFixtures';
import { parseOnboardAppInput } from './onboardAppInput';

/*
 * An onboarded app's routing rule joins the gateway create-cluster built.
 * App Gateway v2 evaluates rules by priority, lowest number first, and
 * priorities are unique per gateway: an app's rule must not take one the
 * cluster's rules hold, and must come before the cluster's catch-all for
 * *.<domain>, or the catch-all would answer for the app's host.
 */

/** The priorities of the request routing rules of every gateway generated. */
function clusterRulePriorities(): number[] {
  return clusterExampleRequests().flatMap(({ spec }) =>
    generateCluster(spec)
      .template.resources.filter(
        (r: any) => r.type === 'Microsoft.Network/applicationGateways',
      )
      .flatMap((gateway: any) =>
        gateway.properties.requestRoutingRules.map(
          (rule: any) => rule.properties.priority as number,
        ),
      ),
  );
}

describe('routingRulePriority', () => {
  const taken = [...new Set(clusterRulePriorities())];

  it('refuses every priority the cluster template gives its own rules', () => {
    expect(taken.length).toBeGreaterThan(0);
    for (const priority of taken) {
      expect(() =>
        parseOnboardAppInput(validInput({ routingRulePriority: priority })),
      ).toThrow(InputError);
      expect(() =>
        parseOnboardAppInput(validInput({ routingRulePriority: priority })),
      ).toThrow("Invalid input 'routingRulePriority'");
    }
  });

  it("takes priorities that come before the cluster's catch-all", () => {
    const catchAll = Math.max(...taken);
    for (const priority of [1, 100, catchAll - 1]) {
      expect(
        parseOnboardAppInput(validInput({ routingRulePriority: priority })).spec
          .appGateway.routingRulePriority,
      ).toBe(priority);
    }
    expect(() =>
      parseOnboardAppInput(validInput({ routingRulePriority: catchAll + 1 })),
    ).toThrow(InputError);
  });
});
