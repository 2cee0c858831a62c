import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  type ArmResource,
  DEFAULT_EXPIRY_THRESHOLDS,
} from '@aks-baseline/plugin-aks-baseline-common';
import { AZURE_CLOUDS } from '../azure/cloud';
import { fixtureCollector } from '../__testUtils__/fixtureCollector';
import { syntheticEstate } from '../__testUtils__/syntheticEstate';
import {
  benchSubscriptionId,
  buildBenchEstate,
} from '../__testUtils__/baselineStampEstate';
import { FleetRefresher } from '../service/FleetRefresher';
import { SnapshotStore } from '../store/SnapshotStore';
import { collectInventory } from './collectInventory';
import { RESOURCE_GRAPH_LISTINGS, topologyQuery } from './resourceGraph';
import { RESOURCE_LISTINGS } from './resourceListings';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const NOW = new Date('2026-11-26T12:00:00Z');

/** Every stored snapshot after one refresh of `estate` in `mode`. */
async function snapshotsOf(
  estate: ArmResource[],
  subscriptions: string[],
  mode: 'arm' | 'resourceGraph',
) {
  const store = await SnapshotStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
  const outcome = await new FleetRefresher({
    store,
    logger: mockServices.logger.mock(),
    select: async () => ({
      all: true,
      ids: new Set(),
      subscriptions,
      entityRefs: new Map(),
    }),
    collect: fixtureCollector(() => estate, undefined, mode),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in this test',
    now: () => NOW,
  }).refresh();
  const stored = await store.listClusters();
  return { outcome, snapshots: stored.map(c => c.snapshot) };
}

/** Resource Graph mode's inventory of the bench stamps in their 4 subscriptions. */
function collectBenchStampsByGraph(
  transport: ArmFixtureTransport,
  options: { maxRetries?: number } = {},
) {
  return collectInventory({
    mode: 'resourceGraph',
    subscriptionIds: [0, 1, 2, 3].map(benchSubscriptionId),
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    ...options,
  });
}

describe('Resource Graph inventory', () => {
  it.each([
    [
      'the demo estate',
      () => buildDemoEstate(NOW),
      Object.values(DEMO_SUBSCRIPTIONS),
    ],
    [
      'a synthetic estate of 60 clusters in 4 subscriptions',
      () =>
        syntheticEstate({ clusters: 60, subscriptions: 4, now: NOW }).resources,
      syntheticEstate({ clusters: 60, subscriptions: 4, now: NOW })
        .subscriptionIds,
    ],
  ])(
    'stores the same snapshots as the ARM lists for %s',
    async (_, estate, subscriptions) => {
      const arm = await snapshotsOf(estate(), subscriptions, 'arm');
      const graph = await snapshotsOf(estate(), subscriptions, 'resourceGraph');
      expect(arm.snapshots.length).toBeGreaterThan(0);
      expect(graph.outcome.errors).toEqual(arm.outcome.errors);
      expect(graph.snapshots).toEqual(arm.snapshots);
      // Fewer requests for the same result.
      expect(graph.outcome.requestCount).toBeLessThan(arm.outcome.requestCount);
    },
  );

  it('asks one paged query for the topology, one for the policy assignments, and an atScope() list per subscription', async () => {
    // Baseline stamps: 18 policy assignments each on their resource group.
    const resources = buildBenchEstate(300, 4, NOW);
    const transport = new ArmFixtureTransport({ resources, pageSize: 5_000 });
    const inventory = await collectBenchStampsByGraph(transport);
    expect(inventory.errors).toEqual([]);
    const graphTypes = new Set(
      RESOURCE_GRAPH_LISTINGS.map(l => l.armType.toLowerCase()),
    );
    const rows = resources.filter(r => graphTypes.has(r.type!.toLowerCase()));
    const assignments = resources.filter(
      r => r.type === 'Microsoft.Authorization/policyAssignments',
    );
    // Pages of 1,000 rows, counted from the estate itself.
    const pages = Math.ceil(rows.length / 1000);
    const assignmentPages = Math.ceil(assignments.length / 1000);
    expect(pages).toBeGreaterThan(1);
    expect(assignmentPages).toBeGreaterThan(1);
    expect(transport.countRequests('/Microsoft.ResourceGraph/resources')).toBe(
      pages + assignmentPages,
    );
    expect(transport.countRequests('/policyAssignments')).toBe(4);
    expect(inventory.policyAssignments).toHaveLength(assignments.length);
    const armTypeLists = transport.requests.filter(r =>
      RESOURCE_LISTINGS.some(
        l =>
          l.kind !== 'policyAssignments' &&
          r.path.toLowerCase().endsWith(l.armType.toLowerCase()),
      ),
    );
    expect(armTypeLists).toEqual([]);
    expect(inventory.managedClusters).toHaveLength(300);
  });

  it('starts the per-resource reads once the topology is in, while the policy assignment pages still arrive', async () => {
    const resources = buildBenchEstate(300, 4, NOW);
    const transport = new ArmFixtureTransport({ resources, pageSize: 5_000 });
    const inventory = await collectBenchStampsByGraph(transport);

    const paths = transport.requests.map(r => r.path);
    const lastGraphQuery = paths.findLastIndex(p =>
      p.endsWith('/Microsoft.ResourceGraph/resources'),
    );
    const firstChildRead = paths.findIndex(p =>
      /\/(secrets|maintenanceConfigurations|diagnosticSettings|dataCollectionRuleAssociations|ruleCollectionGroups)$/i.test(
        p,
      ),
    );
    // Only the resolver reads policy assignments: nothing waits for them.
    expect(firstChildRead).toBeGreaterThan(-1);
    expect(firstChildRead).toBeLessThan(lastGraphQuery);
    // ...and they still arrive whole before the inventory is returned.
    expect(inventory.errors).toEqual([]);
    expect(inventory.policyAssignments).toHaveLength(
      resources.filter(
        r => r.type === 'Microsoft.Authorization/policyAssignments',
      ).length,
    );
  });

  it("shares Resource Graph's quota between its two queries: waits for the window to reset, is never throttled", async () => {
    const resources = buildBenchEstate(300, 4, NOW);
    const transport = new ArmFixtureTransport({
      resources,
      pageSize: 5_000,
      // A few pages of each query, three queries a second.
      resourceGraphQuota: { queriesPerWindow: 3, windowMs: 1000 },
    });
    const inventory = await collectBenchStampsByGraph(transport, {
      maxRetries: 0,
    });
    expect(inventory.errors).toEqual([]);
    expect(
      transport.countRequests('/Microsoft.ResourceGraph/resources'),
    ).toBeGreaterThan(4);
    expect(transport.throttledCount).toBe(0);
  });

  it('fails every topology listing it stood for when the query fails, and names the cause', async () => {
    const { resources, subscriptionIds } = syntheticEstate({
      clusters: 4,
      subscriptions: 2,
    });
    const inventory = await collectInventory({
      mode: 'resourceGraph',
      subscriptionIds,
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzurePublicCloud,
      httpClient: new ArmFixtureTransport({
        resources,
        faults: [
          {
            match: url => /resourcegraph/i.test(url.pathname),
            status: 403,
          },
        ],
      }),
      maxRetries: 0,
    });
    expect(inventory.managedClusters).toEqual([]);
    // The policy assignments' query failed too.
    expect(inventory.failedListings).toHaveLength(
      2 * (RESOURCE_GRAPH_LISTINGS.length + 1),
    );
    expect(inventory.errors[0]).toMatchObject({
      kind: 'subscription',
      status: 403,
    });
    expect(inventory.errors[0].message).toContain('Querying Resource Graph');
  });

  it('writes the query from a fixed template: types from the constant list, no subscription in the text', () => {
    const query = topologyQuery();
    expect(query).toMatch(
      /^Resources \| where type in~ \('microsoft\.containerservice\/managedclusters', .*\) \| project id, name, type, location, kind, sku, identity, zones, tags, properties \| order by id asc$/,
    );
    expect(query).not.toMatch(/subscriptions\//i);
    expect(() =>
      topologyQuery([
        { ...RESOURCE_LISTINGS[0], armType: "x') | union (Secrets" },
      ]),
    ).toThrow('Not a resource type');
  });
});
