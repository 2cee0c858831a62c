import {
  type ArmResource,
  BASELINE_POLICIES,
  evaluateBaselineControls,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  type ArmFixtureFault,
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { AZURE_CLOUDS } from '../azure/cloud';
import { indexInventory } from '../resolver/inventoryIndex';
import { policyAssignmentsOfCluster } from '../resolver/policyAssignments';
import { collectInventory } from './collectInventory';
import { POLICY_ASSIGNMENTS_QUERY } from './policyAssignmentsByGraph';
import { SlowTierCache } from './slowTier';

const NOW = new Date('2026-11-26T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const SUBSCRIPTIONS = Object.values(DEMO_SUBSCRIPTIONS);
const PROD = `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}`;
const NON_PROD = `/subscriptions/${DEMO_SUBSCRIPTIONS.nonProd}`;
const MANAGEMENT_GROUPS = {
  'contoso-prod': [DEMO_SUBSCRIPTIONS.prod],
  // Above both (the tenant's root of the fleet).
  contoso: SUBSCRIPTIONS,
  // Above neither: its assignments apply to no cluster here.
  'contoso-sandbox': ['00000000-0000-4000-8000-00000000dead'],
};

const policy = (key: string) => BASELINE_POLICIES.find(p => p.key === key)!;

/** An assignment as PolicyAssignments_List returns it (2025-11-01), at any scope. */
function assignment(
  scope: string,
  name: string,
  policyKey: string,
  extra: { effect?: string; enforcementMode?: string; notScopes?: string[] },
): ArmResource {
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/policyAssignments',
    properties: {
      displayName: `${name} (${policy(policyKey).displayName})`,
      description: 'Not a fact GOV-01 reads: the inventory drops it.',
      policyDefinitionId: policy(policyKey).definitionId,
      scope,
      notScopes: extra.notScopes ?? [],
      ...(extra.effect && {
        parameters: { effect: { value: extra.effect } },
      }),
      enforcementMode: extra.enforcementMode ?? 'Default',
      metadata: { assignedBy: 'platform-team' },
    },
  };
}

const group = (name: string) =>
  `/providers/Microsoft.Management/managementGroups/${name}`;
const legacyGroup = `${NON_PROD}/resourceGroups/rg-aks-legacy-neu`;
const legacyCluster = `${legacyGroup}/providers/Microsoft.ContainerService/managedClusters/aks-legacy-neu`;

/**
 * The demo estate (the baseline's 18 assignments on each governed stamp's
 * resource group) and an assignment at every other scope GOV-01 reads:
 * management groups above one, both and neither subscription, a
 * subscription, a resource group and a cluster.
 */
const ESTATE: ArmResource[] = [
  ...buildDemoEstate(NOW),
  // Makes staging's audit-only allowed images (a warning) denied from above.
  assignment(group('contoso-prod'), 'mg-images', 'allowedImages', {
    effect: 'Deny',
  }),
  assignment(group('contoso'), 'mg-limits', 'resourceLimits', {
    effect: 'Deny',
    enforcementMode: 'DoNotEnforce',
  }),
  assignment(group('contoso-sandbox'), 'sandbox-https', 'httpsIngress', {
    effect: 'Deny',
  }),
  assignment(NON_PROD, 'sub-https', 'httpsIngress', {
    effect: 'Deny',
    notScopes: [`${NON_PROD}/resourceGroups/rg-aks-dev-neu`],
  }),
  assignment(legacyGroup, 'rg-lb', 'internalLoadBalancers', {
    effect: 'Audit',
  }),
  assignment(legacyCluster, 'cluster-pss', 'podSecurityRestricted', {}),
];

async function inventoryIn(
  mode: 'arm' | 'resourceGraph',
  options: { faults?: ArmFixtureFault[]; slowTier?: SlowTierCache } = {},
) {
  const transport = new ArmFixtureTransport({
    resources: ESTATE,
    managementGroups: MANAGEMENT_GROUPS,
    faults: options.faults,
  });
  const inventory = await collectInventory({
    mode,
    subscriptionIds: SUBSCRIPTIONS,
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    maxRetries: 0,
    slowTier: options.slowTier,
  });
  return { inventory, transport };
}

/** What GOV-01 sees of each subscription and cluster, ids sorted (order is no fact). */
function governanceOf(
  inventory: Awaited<ReturnType<typeof inventoryIn>>['inventory'],
) {
  const index = indexInventory(inventory);
  const byId = (a: ArmResource, b: ArmResource) => a.id!.localeCompare(b.id!);
  const listed = Object.fromEntries(
    SUBSCRIPTIONS.map(s => [
      s,
      [...index.policyAssignmentsListedIn(s)].sort(byId),
    ]),
  );
  const clusters = Object.fromEntries(
    inventory.managedClusters.map(cluster => {
      const assignments = policyAssignmentsOfCluster(cluster, index);
      const gov01 = evaluateBaselineControls({
        policyAssignments: assignments,
      }).find(r => r.id === 'GOV-01')!;
      return [
        cluster.name!,
        { assignments: assignments.map(a => a.id).sort(), gov01 },
      ];
    }),
  );
  return { listed, clusters };
}

describe('policy assignments in Resource Graph mode', () => {
  it('gives the resolver the same assignments and GOV-01 verdicts as the ARM lists', async () => {
    const arm = await inventoryIn('arm');
    const graph = await inventoryIn('resourceGraph');
    expect(arm.inventory.errors).toEqual([]);
    expect(graph.inventory.errors).toEqual([]);
    const fromArm = governanceOf(arm.inventory);
    const fromGraph = governanceOf(graph.inventory);
    expect(fromGraph).toEqual(fromArm);

    // Not vacuous: each scope's assignment reached the clusters it covers.
    const names = (cluster: string) =>
      fromArm.clusters[cluster].assignments.map(id => id!.split('/').pop());
    expect(names('aks-legacy-neu')).toEqual(
      expect.arrayContaining([
        'mg-limits',
        'sub-https',
        'rg-lb',
        'cluster-pss',
      ]),
    );
    expect(names('aks-legacy-neu')).not.toContain('mg-images');
    expect(names('aks-dev-neu')).not.toContain('sub-https');
    expect(names('aks-staging-weu')).toContain('mg-images');
    expect(fromArm.clusters['aks-staging-weu'].gov01.status).toBe('pass');
    expect(
      Object.values(fromArm.listed)
        .flat()
        .map(a => a.name),
    ).not.toContain('sandbox-https');
    // Everything under the subscription, plus its two groups' assignments.
    const underProd = ESTATE.filter(
      r =>
        r.type === 'Microsoft.Authorization/policyAssignments' &&
        r.id!.startsWith(`${PROD}/`),
    );
    expect(underProd.length).toBeGreaterThan(18);
    expect(fromArm.listed[DEMO_SUBSCRIPTIONS.prod]).toHaveLength(
      underProd.length + 2,
    );
  });

  it('reads one PolicyResources query and one atScope() list per subscription, never the unfiltered list', async () => {
    const { transport } = await inventoryIn('resourceGraph');
    const lists = transport.requests.filter(r =>
      /\/policyAssignments$/i.test(r.path),
    );
    expect(lists).toHaveLength(SUBSCRIPTIONS.length);
    for (const list of lists) {
      expect(new URL(list.url).searchParams.get('$filter')).toBe('atScope()');
    }
    // The topology's query and the policy assignments' (one page each here).
    expect(transport.countRequests('/Microsoft.ResourceGraph/resources')).toBe(
      2,
    );
  });

  it('writes the query from a fixed template: no subscription in the text, only the fields GOV-01 reads', () => {
    expect(POLICY_ASSIGNMENTS_QUERY).not.toMatch(/subscriptions\//i);
    expect(POLICY_ASSIGNMENTS_QUERY).toMatch(/^PolicyResources \| /);
    expect(POLICY_ASSIGNMENTS_QUERY).not.toMatch(
      /displayName|metadata|description/,
    );
  });

  it.each([
    [
      'its atScope() list',
      (url: URL) =>
        url.pathname.includes(DEMO_SUBSCRIPTIONS.nonProd) &&
        url.searchParams.get('$filter') === 'atScope()',
      'Listing (atScope())',
    ],
    [
      'the PolicyResources query',
      (url: URL) => /resourcegraph/i.test(url.pathname),
      'Querying Resource Graph for',
    ],
  ])(
    "fails a subscription's policy assignment listing when %s fails, and keeps nothing of it",
    async (_, match, action) => {
      const { inventory } = await inventoryIn('resourceGraph', {
        faults: [{ match, status: 403 }],
      });
      const failed = inventory.failedListings.filter(
        f => f.kind === 'policyAssignments',
      );
      expect(failed.map(f => f.subscriptionId)).toContain(
        DEMO_SUBSCRIPTIONS.nonProd,
      );
      for (const f of failed) {
        expect(f.error.message).toContain(
          `${action} Microsoft.Authorization/policyAssignments failed: 403`,
        );
      }
      const index = indexInventory(inventory);
      expect(
        index.policyAssignmentsListedIn(DEMO_SUBSCRIPTIONS.nonProd),
      ).toEqual([]);
    },
  );

  it("keeps the slow tier's cadence: a fresh subscription is not read again, a failed one is", async () => {
    let now = NOW.getTime();
    const slowTier = new SlowTierCache(4 * HOUR, () => now);
    const first = await inventoryIn('resourceGraph', {
      slowTier,
      faults: [
        {
          match: url =>
            url.pathname.includes(DEMO_SUBSCRIPTIONS.nonProd) &&
            url.searchParams.get('$filter') === 'atScope()',
          status: 500,
        },
      ],
    });
    expect(
      first.inventory.failedListings.map(f => [f.kind, f.subscriptionId]),
    ).toEqual([['policyAssignments', DEMO_SUBSCRIPTIONS.nonProd]]);

    now += HOUR;
    const second = await inventoryIn('resourceGraph', { slowTier });
    expect(second.inventory.failedListings).toEqual([]);
    // Only the subscription that failed is read: its atScope() list, and the query (with the topology's).
    const lists = second.transport.requests.filter(r =>
      /\/policyAssignments$/i.test(r.path),
    );
    expect(lists.map(r => r.path)).toEqual([
      `${NON_PROD}/providers/Microsoft.Authorization/policyAssignments`,
    ]);
    expect(
      second.transport.countRequests('/Microsoft.ResourceGraph/resources'),
    ).toBe(2);
    const readAt = second.inventory.slowTierReadAt!.policyAssignments;
    expect(readAt[DEMO_SUBSCRIPTIONS.prod]).toBe(NOW.toISOString());
    expect(readAt[DEMO_SUBSCRIPTIONS.nonProd]).toBe(
      new Date(now).toISOString(),
    );
    expect(governanceOf(second.inventory)).toEqual(
      governanceOf((await inventoryIn('arm')).inventory),
    );

    now += HOUR;
    const third = await inventoryIn('resourceGraph', { slowTier });
    // Both fresh: only the topology's query.
    expect(third.transport.countRequests('/policyAssignments')).toBe(0);
    expect(
      third.transport.countRequests('/Microsoft.ResourceGraph/resources'),
    ).toBe(1);
  });
});
