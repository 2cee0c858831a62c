import { policyAssignmentAppliesTo } from './policyScope';
import { policyAssignment } from '../__testUtils__/controlFixtures';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/rg1`;
const CLUSTER = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks1`;
const on = (scope: string, notScopes: string[] = []) => {
  const a = policyAssignment('policyDefinitions/x', 'Deny', scope);
  a.properties!.notScopes = notScopes;
  return a;
};

describe('which assignments of a subscription list apply to a cluster', () => {
  it.each([
    [
      'a management group above the subscription',
      '/providers/Microsoft.Management/managementGroups/contoso',
    ],
    ['the subscription', SUB],
    ["the cluster's resource group", RG],
    ["the cluster's resource group, spelled in another case", RG.toUpperCase()],
    ['the cluster itself', CLUSTER],
  ])('applies when assigned to %s', (_label, scope) => {
    expect(policyAssignmentAppliesTo(on(scope), CLUSTER)).toBe(true);
  });

  it.each([
    ['another resource group', `${SUB}/resourceGroups/rg10`],
    [
      'another resource in the group',
      `${RG}/providers/Microsoft.KeyVault/vaults/kv1`,
    ],
    [
      'another subscription',
      '/subscriptions/11111111-1111-1111-1111-111111111111',
    ],
  ])('does not apply when assigned to %s', (_label, scope) => {
    expect(policyAssignmentAppliesTo(on(scope), CLUSTER)).toBe(false);
  });

  it('does not apply when a notScope holds the cluster, and does when it holds something else', () => {
    expect(policyAssignmentAppliesTo(on(SUB, [RG]), CLUSTER)).toBe(false);
    expect(
      policyAssignmentAppliesTo(
        on(SUB, [`${SUB}/resourceGroups/rg10`]),
        CLUSTER,
      ),
    ).toBe(true);
  });

  it('does not apply without a scope (nothing says where it holds)', () => {
    const a = on(SUB);
    delete a.properties!.scope;
    expect(policyAssignmentAppliesTo(a, CLUSTER)).toBe(false);
  });
});
