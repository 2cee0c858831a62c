import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { AZURE_CLOUDS } from '../azure/cloud';
import { syntheticEstate } from '../__testUtils__/syntheticEstate';
import { vaultReferenceSignatures } from '../resolver';
import { collectInventory } from './collectInventory';
import { RESOURCE_LISTINGS } from './resourceListings';
import { SlowTierCache } from './slowTier';
import { telemetryTargets } from './telemetryTargets';

const SUBSCRIPTIONS = 4;
const CLUSTERS = 40;
const HOUR = 60 * 60 * 1000;

/** One refresh's inventory through a fresh transport over `resources`. */
async function collect(
  resources: ArmResource[],
  subscriptionIds: string[],
  slowTier: SlowTierCache,
  faults: ConstructorParameters<typeof ArmFixtureTransport>[0]['faults'] = [],
) {
  const transport = new ArmFixtureTransport({
    resources,
    pageSize: 5_000,
    faults,
  });
  const inventory = await collectInventory({
    subscriptionIds,
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    maxRetries: 0,
    slowTier,
    vaultSignatures: vaultReferenceSignatures,
  });
  expect(inventory.requestCount).toBe(transport.requestCount);
  return { inventory, transport };
}

/** What the resolver reads: the inventory without its bookkeeping. */
function resolverInput(inventory: Record<string, unknown>) {
  const { requestCount, throttledCount, slowTierReadAt, ...rest } = inventory;
  return rest;
}

describe('slow tier', () => {
  const estate = syntheticEstate({
    clusters: CLUSTERS,
    subscriptions: SUBSCRIPTIONS,
  });
  // Per subscription, its policy assignments and its data collection rules
  // (one page each here): governance, on the slow tier.
  const slowTypeLists = 2 * SUBSCRIPTIONS;
  // Every other subscription-wide type list, and the one hub policy's rule
  // collection groups per subscription: topology, read every refresh.
  const topologyRequests =
    RESOURCE_LISTINGS.length * SUBSCRIPTIONS - slowTypeLists + 4;

  function clock() {
    const state = { now: Date.parse('2026-12-07T12:00:00Z') };
    return {
      state,
      cache: new SlowTierCache(4 * HOUR, () => state.now),
    };
  }

  it('reads every list cold, then only topology while the cadence runs, with the same result', async () => {
    const { state, cache } = clock();
    const cold = await collect(estate.resources, estate.subscriptionIds, cache);
    // Cold: per vault its secrets, per cluster its maintenance and
    // association lists, per watched resource its diagnostic settings.
    const targets = telemetryTargets(cold.inventory).length;
    expect(cold.inventory.requestCount).toBe(
      topologyRequests +
        slowTypeLists +
        estate.vaultCount +
        2 * CLUSTERS +
        targets,
    );

    state.now += 3 * HOUR;
    const steady = await collect(
      estate.resources,
      estate.subscriptionIds,
      cache,
    );
    expect(steady.inventory.requestCount).toBe(topologyRequests);
    expect(steady.transport.countRequests('/secrets')).toBe(0);
    expect(steady.transport.countRequests('/policyAssignments')).toBe(0);
    expect(steady.transport.countRequests('/dataCollectionRules')).toBe(0);
    expect(steady.inventory.policyAssignments).toHaveLength(
      cold.inventory.policyAssignments.length,
    );
    expect(resolverInput(steady.inventory as any)).toEqual(
      resolverInput(cold.inventory as any),
    );
    // The reused lists carry the time they were read, not this refresh's.
    const vaultId = Object.keys(cold.inventory.vaultSecrets)[0];
    expect(steady.inventory.slowTierReadAt?.vaultSecrets[vaultId]).toBe(
      '2026-12-07T12:00:00.000Z',
    );

    state.now += 1 * HOUR; // the cadence (4 h) is up
    const due = await collect(estate.resources, estate.subscriptionIds, cache);
    expect(due.inventory.requestCount).toBe(cold.inventory.requestCount);
    expect(due.inventory.slowTierReadAt?.vaultSecrets[vaultId]).toBe(
      '2026-12-07T16:00:00.000Z',
    );
    // Subscription-wide slow lists carry their time per subscription.
    const subscription = estate.subscriptionIds[0].toLowerCase();
    expect(
      steady.inventory.slowTierReadAt?.policyAssignments[subscription],
    ).toBe('2026-12-07T12:00:00.000Z');
    expect(
      due.inventory.slowTierReadAt?.dataCollectionRules[subscription],
    ).toBe('2026-12-07T16:00:00.000Z');
  });

  it("reads a subscription's policy assignments again at the next refresh when their list failed", async () => {
    const { state, cache } = clock();
    const failing = await collect(
      estate.resources,
      estate.subscriptionIds,
      cache,
      [
        {
          match: url =>
            url.pathname.includes(estate.subscriptionIds[1]) &&
            url.pathname.endsWith('/policyAssignments'),
          status: 500,
        },
      ],
    );
    expect(failing.inventory.errors.map(e => e.kind)).toEqual(['subscription']);
    state.now += HOUR;
    const next = await collect(estate.resources, estate.subscriptionIds, cache);
    expect(next.inventory.errors).toEqual([]);
    expect(next.transport.countRequests('/policyAssignments')).toBe(1);
    expect(next.inventory.requestCount).toBe(topologyRequests + 1);
    expect(next.inventory.policyAssignments).toHaveLength(
      failing.inventory.policyAssignments.length *
        (SUBSCRIPTIONS / (SUBSCRIPTIONS - 1)),
    );
  });

  it('reads a vault again at once when a cluster names another of its secrets, and a new cluster at once', async () => {
    const { state, cache } = clock();
    await collect(estate.resources, estate.subscriptionIds, cache);
    state.now += HOUR;
    const retag = (resources: ArmResource[]) =>
      resources.map(r =>
        r.name === 'aks-3'
          ? {
              ...r,
              tags: {
                ...r.tags,
                'aks-baseline.io/ingress-certificate': 'kv-aks-3/traefik-new',
              },
            }
          : r,
      );
    const changed = await collect(
      retag(estate.resources),
      estate.subscriptionIds,
      cache,
    );
    // That one vault's secrets, nothing else.
    expect(changed.inventory.requestCount).toBe(topologyRequests + 1);
    expect(changed.transport.countRequests('/vaults/kv-aks-3/secrets')).toBe(1);

    const bigger = syntheticEstate({
      clusters: CLUSTERS + SUBSCRIPTIONS,
      subscriptions: SUBSCRIPTIONS,
    });
    const grown = await collect(
      retag(bigger.resources),
      bigger.subscriptionIds,
      cache,
    );
    expect(grown.transport.countRequests('/secrets')).toBe(SUBSCRIPTIONS);
    expect(grown.transport.countRequests('/maintenanceConfigurations')).toBe(
      SUBSCRIPTIONS,
    );
  });

  it('never caches a failed list: it is read again at the next refresh', async () => {
    const { cache } = clock();
    const failing = await collect(
      estate.resources,
      estate.subscriptionIds,
      cache,
      [
        {
          match: url => url.pathname.includes('/kv-aks-5/secrets'),
          status: 403,
        },
      ],
    );
    expect(failing.inventory.errors.map(e => e.kind)).toEqual(['vault']);
    const next = await collect(estate.resources, estate.subscriptionIds, cache);
    expect(next.inventory.errors).toEqual([]);
    expect(next.inventory.requestCount).toBe(topologyRequests + 1);
  });
});
