import { BASELINE_POLICIES } from '@aks-baseline/plugin-aks-baseline-common';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { generateCluster } from '.';
import { POLICY_ASSIGNMENT_ROWS } from './policyComparison';

/*
 * The comparison rows say what the template assigns: each row's effect,
 * excluded namespaces and allowed-images pattern are those of the
 * generated assignment of the same definition.
 */
const [request] = clusterExampleRequests();
const { template, names } = generateCluster(request.spec);
const generatedParameters = (definitionId: string) =>
  (
    template.resources.find(
      r =>
        r.type === 'Microsoft.Authorization/policyAssignments' &&
        r.properties?.policyDefinitionId === definitionId,
    )!.properties as any
  ).parameters;

/** The excluded namespaces a row names: `[]` for "no excluded namespace", undefined when it names none. */
function excludedNamespacesOf(text: string): string[] | undefined {
  if (text.includes('no excluded namespace')) return [];
  return /excluded namespaces ([^;]+)/.exec(text)?.[1].split(', ');
}

describe('the policy rows of the comparison with the reference', () => {
  it.each(BASELINE_POLICIES.map((p, i) => [p.key, p, i] as const))(
    '%s: what the row says we assign is what the template assigns',
    (_key, policy, i) => {
      const row = POLICY_ASSIGNMENT_ROWS[i];
      const generated = generatedParameters(policy.definitionId);
      expect(row.setting).toContain(policy.definitionId.split('/').pop());
      expect(row.ours.split('; ')[0]).toBe(generated.effect.value);
      expect(excludedNamespacesOf(row.ours)).toEqual(
        generated.excludedNamespaces?.value,
      );
    },
  );

  it("gives the allowed-images pattern the template writes, the stamp's registry in its place", () => {
    const i = BASELINE_POLICIES.findIndex(p => p.key === 'allowedImages');
    const pattern = POLICY_ASSIGNMENT_ROWS[i].ours.split('; ')[1];
    expect(pattern.replace("<the stamp's registry>", names.registry.name)).toBe(
      generatedParameters(BASELINE_POLICIES[i].definitionId)
        .allowedContainerImagesRegex.value,
    );
  });

  it('says why wherever the reference differs', () => {
    for (const row of POLICY_ASSIGNMENT_ROWS) {
      expect(row.note === 'same').toBe(row.reference === row.ours);
    }
  });
});
