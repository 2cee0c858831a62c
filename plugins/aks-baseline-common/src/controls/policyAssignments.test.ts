import { evaluateBaselineControls } from './evaluate';
import {
  REFERENCE_POLICY_ASSIGNMENTS,
  baselineResources,
  policyAssignment,
} from '../__testUtils__/controlFixtures';
import { BASELINE_POLICIES } from '../governance/baselinePolicies';
import type { BaselineResources } from './types';

const gov01 = (input: BaselineResources) =>
  evaluateBaselineControls(input).find(r => r.id === 'GOV-01')!;
const assignmentOf = (input: BaselineResources, guid: string) =>
  input.policyAssignments!.find(a =>
    String(a.properties!.policyDefinitionId).endsWith(guid),
  )!.properties!;

const HOST_PATHS = '098fc59e-46c7-4d99-9b16-64990e543d75';
const DEFENDER = 'a1840de2-8088-4ea8-b153-b4c723e9cb01';

describe('GOV-01 baseline policy assignments present', () => {
  it("expects exactly the reference's built-ins, with the reference's effects", () => {
    expect(
      BASELINE_POLICIES.map(p => [
        p.definitionId.replace('/providers/Microsoft.Authorization/', ''),
        p.effect,
      ]),
    ).toEqual(REFERENCE_POLICY_ASSIGNMENTS);
  });

  it("passes the reference's assignments", () => {
    expect(gov01(baselineResources())).toMatchObject({
      status: 'pass',
      area: 'governance',
      severity: 'high',
      found: '18 of 18 baseline policies assigned',
    });
  });

  it('is not observed when the assignments were not read', () => {
    const input = baselineResources();
    delete input.policyAssignments;
    expect(gov01(input)).toMatchObject({
      status: 'not-observed',
      reason: 'the policy assignments were not read',
    });
  });

  it('names every missing assignment by display name and definition id, with the fix', () => {
    const input = baselineResources();
    input.policyAssignments = input.policyAssignments!.filter(
      a =>
        ![HOST_PATHS, DEFENDER].some(guid =>
          String(a.properties!.policyDefinitionId).endsWith(guid),
        ),
    );
    const result = gov01(input);
    expect(result.status).toBe('fail');
    expect(result.found).toBe(
      `16 of 18 baseline policies assigned; missing: "Kubernetes cluster pod hostPath volumes should only use allowed host paths" (${HOST_PATHS}), "Azure Kubernetes Service clusters should have Defender profile enabled" (${DEFENDER})`,
    );
    expect(result.reason).toContain(
      `az policy assignment create --policy ${HOST_PATHS}`,
    );
    expect(result.reason).toContain(
      'https://learn.microsoft.com/azure/aks/use-azure-policy',
    );
  });

  it('fails with every one named when none applies', () => {
    const input = baselineResources();
    input.policyAssignments = [];
    const result = gov01(input);
    expect(result.status).toBe('fail');
    for (const [definition] of REFERENCE_POLICY_ASSIGNMENTS)
      expect(result.found).toContain(definition.split('/')[1]);
  });

  it.each<[string, (a: Record<string, unknown>) => void]>([
    [
      'enforcementMode DoNotEnforce',
      a => {
        a.enforcementMode = 'DoNotEnforce';
      },
    ],
    [
      'effect Disabled',
      a => {
        a.parameters = { effect: { value: 'Disabled' } };
      },
    ],
  ])('fails an assignment that is not in force: %s', (_label, edit) => {
    const input = baselineResources();
    edit(assignmentOf(input, HOST_PATHS));
    const result = gov01(input);
    expect(result.status).toBe('fail');
    expect(result.found).toBe('18 of 18 baseline policies assigned');
    expect(result.reason).toMatch(
      /assigned but not in force.*allowed host paths/,
    );
  });

  it('warns when a Deny policy only audits (or leaves the effect to the definition)', () => {
    const input = baselineResources();
    delete (assignmentOf(input, HOST_PATHS).parameters as any).effect;
    expect(gov01(input)).toMatchObject({ status: 'warning' });
    expect(gov01(input).reason).toMatch(/audits where the baseline denies/);
  });

  it('takes the strongest of several assignments of one definition (an Audit one above a Deny one)', () => {
    const input = baselineResources();
    input.policyAssignments!.push(
      policyAssignment(
        `policyDefinitions/${HOST_PATHS}`,
        'Audit',
        '/providers/Microsoft.Management/managementGroups/contoso',
      ),
    );
    expect(gov01(input).status).toBe('pass');
  });

  it('matches definition ids in any case (ARM ids are case-insensitive)', () => {
    const input = baselineResources();
    const a = assignmentOf(input, HOST_PATHS);
    a.policyDefinitionId = String(a.policyDefinitionId).toUpperCase();
    expect(gov01(input).status).toBe('pass');
  });

  it('leaves SEC-06 the add-on check, its reason pointing at GOV-01 either way', () => {
    const input = baselineResources();
    input.policyAssignments = [];
    const results = evaluateBaselineControls(input);
    const sec06 = results.find(r => r.id === 'SEC-06')!;
    // The add-on runs with nothing assigned: SEC-06 passes, GOV-01 fails.
    expect(sec06.status).toBe('pass');
    expect(sec06.reason).toContain('GOV-01');
    expect(results.find(r => r.id === 'GOV-01')!.status).toBe('fail');
    delete (input.cluster!.properties as any).addonProfiles.azurepolicy;
    const off = evaluateBaselineControls(input).find(r => r.id === 'SEC-06')!;
    expect(off.status).toBe('fail');
    expect(off.reason).toMatch(
      /GOV-01.*az aks enable-addons --addons azure-policy/,
    );
  });
});
