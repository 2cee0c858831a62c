import {
  ArmResource,
  evaluateBaselineControls,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { LISTED_IN_SUBSCRIPTION, policyAssignmentFacts } from '../inventory';
import { indexInventory } from './inventoryIndex';
import { trackListingGaps, controlsFedBy } from './listingGaps';
import { policyAssignmentsOfCluster } from './policyAssignments';

const NOW = new Date('2026-11-26T12:00:00Z');
const PROD_SUB = `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}`;

/** One assignment as a subscription's list returns it. */
function assignment(
  scope: string,
  listedIn: string,
  notScopes: string[] = [],
): ArmResource {
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/extra`,
    name: 'extra',
    type: 'Microsoft.Authorization/policyAssignments',
    properties: {
      policyDefinitionId:
        '/providers/Microsoft.Authorization/policyDefinitions/0a15ec92-a229-4763-bb14-0ea34a568f8d',
      scope,
      notScopes,
      parameters: { effect: { value: 'Audit' } },
    },
    [LISTED_IN_SUBSCRIPTION]: listedIn,
  };
}

function assignmentsOf(extra: ArmResource[] = []) {
  const inventory = inventoryOf(buildDemoEstate(NOW));
  inventory.policyAssignments.push(...extra);
  const index = indexInventory(inventory);
  return Object.fromEntries(
    inventory.managedClusters.map(cluster => [
      cluster.name!,
      policyAssignmentsOfCluster(cluster, index).map(a => a.id ?? ''),
    ]),
  ) as Record<string, string[]>;
}

describe('policyAssignmentsOfCluster', () => {
  it("takes each cluster's own resource group's assignments, none of another group's", () => {
    const found = assignmentsOf();
    expect(found['aks-prod-weu']).toHaveLength(18);
    expect(
      found['aks-prod-weu'].every(id => id.includes('/rg-aks-prod-weu/')),
    ).toBe(true);
    expect(found['aks-staging-weu']).toHaveLength(18);
    expect(found['aks-legacy-neu']).toEqual([]);
  });

  it('takes subscription and management group assignments from the subscription that listed them', () => {
    const mg = '/providers/Microsoft.Management/managementGroups/contoso-prod';
    const found = assignmentsOf([
      assignment(PROD_SUB, DEMO_SUBSCRIPTIONS.prod),
      // Listed by prod's subscription: its group is above prod, not non-prod.
      assignment(mg, DEMO_SUBSCRIPTIONS.prod),
    ]);
    expect(found['aks-prod-weu']).toHaveLength(20);
    expect(found['aks-staging-weu']).toHaveLength(20);
    expect(found['aks-dev-neu']).toHaveLength(18);
    expect(found['aks-legacy-neu']).toEqual([]);
  });

  it('leaves out a cluster its notScopes exclude', () => {
    const found = assignmentsOf([
      assignment(PROD_SUB, DEMO_SUBSCRIPTIONS.prod, [
        `${PROD_SUB}/resourceGroups/rg-aks-staging-weu`,
      ]),
    ]);
    expect(found['aks-prod-weu']).toHaveLength(19);
    expect(found['aks-staging-weu']).toHaveLength(18);
  });

  it("makes GOV-01 unknown, never a fail, when the cluster's subscription's list failed", () => {
    const estate = buildDemoEstate(NOW).filter(
      r => r.type !== 'Microsoft.Authorization/policyAssignments',
    );
    const inventory = inventoryOf(estate);
    const error = {
      kind: 'subscription' as const,
      scope: DEMO_SUBSCRIPTIONS.nonProd,
      message: 'Listing Microsoft.Authorization/policyAssignments failed: 403',
    };
    inventory.failedListings = [
      {
        kind: 'policyAssignments',
        armType: 'Microsoft.Authorization/policyAssignments',
        subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
        error,
      },
    ];
    const index = indexInventory(inventory);
    const gapsOf = (name: string, subscriptionId: string) => {
      const tracker = trackListingGaps(index, {
        subscriptionId,
        vaultErrors: new Map(),
      });
      const cluster = inventory.managedClusters.find(c => c.name === name)!;
      policyAssignmentsOfCluster(cluster, tracker.index);
      return tracker.gaps();
    };
    const dev = gapsOf('aks-dev-neu', DEMO_SUBSCRIPTIONS.nonProd);
    expect(dev).toEqual([{ input: 'policyAssignments', error }]);
    expect([...controlsFedBy(dev)]).toEqual(['GOV-01']);
    // The other subscription's list did not fail: what it says stands.
    expect(gapsOf('aks-prod-weu', DEMO_SUBSCRIPTIONS.prod)).toEqual([]);
    // And an empty list that did not fail is a judgement: none applies.
    const prod = inventory.managedClusters.find(
      c => c.name === 'aks-prod-weu',
    )!;
    expect(
      evaluateBaselineControls({
        policyAssignments: policyAssignmentsOfCluster(prod, index),
      }).find(r => r.id === 'GOV-01')!.status,
    ).toBe('fail');
  });

  it('judges GOV-01 the same on the facts the inventory keeps of each assignment', () => {
    const inventory = inventoryOf(buildDemoEstate(NOW));
    const withProperties = (extra: Record<string, unknown>) =>
      inventory.policyAssignments.map(a => ({
        ...a,
        properties: { ...(a.properties as object), ...extra },
      }));
    const variants: ArmResource[][] = [
      inventory.policyAssignments,
      withProperties({ enforcementMode: 'DoNotEnforce' }),
      withProperties({ parameters: { effect: { value: 'Disabled' } } }),
      withProperties({ parameters: { effect: { value: 'Audit' } } }),
      withProperties({ parameters: {} }),
    ];
    const governance = (assignments: ArmResource[]) =>
      inventory.managedClusters.map(cluster => {
        const index = indexInventory({
          ...inventory,
          policyAssignments: assignments,
        });
        return evaluateBaselineControls({
          cluster,
          policyAssignments: policyAssignmentsOfCluster(cluster, index),
        }).find(r => r.id === 'GOV-01');
      });

    const statuses = new Set<string>();
    for (const assignments of variants) {
      const kept = assignments.map(a =>
        policyAssignmentFacts(a, String(a[LISTED_IN_SUBSCRIPTION])),
      );
      const judged = governance(assignments);
      judged.forEach(r => statuses.add(r!.status));
      expect(governance(kept)).toEqual(judged);
    }
    // The variants reach more than one outcome, so the comparison means something.
    expect(statuses.size).toBeGreaterThan(1);
  });
});
