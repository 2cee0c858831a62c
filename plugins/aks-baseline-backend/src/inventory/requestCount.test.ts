import { AZURE_CLOUDS } from '../azure/cloud';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { collectInventory } from './collectInventory';
import { RESOURCE_LISTINGS } from './resourceListings';
import { SLOW_TIER_LISTINGS, SlowTierCache } from './slowTier';
import { telemetryTargets } from './telemetryTargets';
import {
  syntheticEstate,
  type SyntheticEstateOptions,
} from '../__testUtils__/syntheticEstate';
import {
  benchSubscriptionId,
  buildBenchEstate,
} from '../__testUtils__/baselineStampEstate';

const SUBSCRIPTIONS = 4;
/** Large enough for every list of the 1,000-cluster estate to fit one page. */
const PAGE_SIZE = 5_000;

async function measure(options: SyntheticEstateOptions, pageSize = PAGE_SIZE) {
  const estate = syntheticEstate(options);
  const transport = new ArmFixtureTransport({
    resources: estate.resources,
    pageSize,
  });
  const started = performance.now();
  const inventory = await collectInventory({
    subscriptionIds: estate.subscriptionIds,
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
  });
  const elapsedMs = Math.round(performance.now() - started);
  expect(inventory.errors).toEqual([]);
  expect(inventory.managedClusters).toHaveLength(options.clusters);
  expect(inventory.requestCount).toBe(transport.requestCount);
  const diagnosticRequests = transport.countRequests('/diagnosticSettings');
  const associationRequests = transport.countRequests(
    '/dataCollectionRuleAssociations',
  );
  // LOG-01..03: one diagnostic settings list per watched resource, one
  // association list per cluster (one page each here).
  const targets = telemetryTargets(inventory);
  expect(diagnosticRequests).toBe(targets.length);
  expect(associationRequests).toBe(options.clusters);
  return {
    inventory,
    estate,
    vaults: estate.vaultCount,
    telemetryRequests: diagnosticRequests + associationRequests,
    /** Watched resources by kind: clusters, gateways, vaults, NSGs. */
    targets: {
      clusters: inventory.managedClusters.length,
      gateways: inventory.applicationGateways.length,
      vaults: inventory.keyVaults.length,
      nsgs: targets.filter(t => /networkSecurityGroups/i.test(t.id ?? ''))
        .length,
    },
    listRequests:
      transport.requestCount -
      transport.countRequests('/secrets') -
      transport.countRequests('/ruleCollectionGroups') -
      diagnosticRequests -
      associationRequests -
      transport.countRequests('/maintenanceConfigurations'),
    maintenanceRequests: transport.countRequests('/maintenanceConfigurations'),
    secretRequests: transport.countRequests('/secrets'),
    policyRequests: transport.countRequests('/ruleCollectionGroups'),
    elapsedMs,
  };
}

/**
 * types × subscriptions × pages + vaults × secret pages + firewall policies ×
 * rule collection group pages, with one page each (the synthetic estate has
 * one hub policy per subscription) + clusters × maintenance configuration
 * pages: maintenance windows (UPG-01) are a child list of each cluster, in
 * no GET body and with no subscription-wide list. The telemetry reads (per
 * resource) are counted apart: `telemetryBound`.
 */
function lowerBound(
  vaults: number,
  clusters: number,
  policies = SUBSCRIPTIONS,
) {
  return (
    RESOURCE_LISTINGS.length * SUBSCRIPTIONS + vaults + policies + clusters
  );
}

/**
 * LOG-01..03 per cluster: its associations and its diagnostic settings, and
 * those of each gateway, vault and NSG of its VNet (read once however many
 * clusters share them).
 */
function telemetryBound(targets: {
  clusters: number;
  gateways: number;
  vaults: number;
  nsgs: number;
}) {
  return (
    2 * targets.clusters + targets.gateways + targets.vaults + targets.nsgs
  );
}

describe('inventory request count', () => {
  it('grows with clusters only by their maintenance lists and telemetry reads when vaults are shared per subscription', async () => {
    const small = await measure({
      clusters: 10,
      subscriptions: SUBSCRIPTIONS,
      vaults: 'per-subscription',
    });
    const large = await measure({
      clusters: 1_000,
      subscriptions: SUBSCRIPTIONS,
      vaults: 'per-subscription',
    });
    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `shared vaults: N=10 -> ${small.inventory.requestCount} requests (${small.elapsedMs} ms), ` +
        `N=1000 -> ${large.inventory.requestCount} requests (${large.elapsedMs} ms), ` +
        `lower bound ${lowerBound(SUBSCRIPTIONS, 1_000)} + telemetry ${
          small.telemetryRequests
        } / ${large.telemetryRequests} (${JSON.stringify(large.targets)})`,
    );
    const perSubscription = (m: typeof small) =>
      m.inventory.requestCount - m.telemetryRequests - m.maintenanceRequests;
    expect(perSubscription(large)).toBe(perSubscription(small));
    expect(small.maintenanceRequests).toBe(10);
    expect(large.maintenanceRequests).toBe(1_000);
    expect(perSubscription(large) + large.maintenanceRequests).toBe(
      lowerBound(SUBSCRIPTIONS, 1_000),
    );
    for (const m of [small, large])
      expect(m.telemetryRequests).toBe(telemetryBound(m.targets));
    expect(Object.values(large.inventory.vaultSecrets).flat()).toHaveLength(
      3_000,
    );
  });

  it('grows only with vaults, maintenance lists and telemetry reads when every cluster has its own vault', async () => {
    const small = await measure({ clusters: 10, subscriptions: SUBSCRIPTIONS });
    const large = await measure({
      clusters: 1_000,
      subscriptions: SUBSCRIPTIONS,
    });
    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `vault per cluster: N=10 -> ${small.inventory.requestCount} requests ` +
        `(${small.listRequests} type lists + ${small.secretRequests} vault lists, ${small.elapsedMs} ms), ` +
        `N=1000 -> ${large.inventory.requestCount} requests ` +
        `(${large.listRequests} type lists + ${large.secretRequests} vault lists, ${large.elapsedMs} ms)`,
    );
    // The per-type lists are the same for 10 and 1,000 clusters ...
    expect(large.listRequests).toBe(small.listRequests);
    expect(large.listRequests).toBe(RESOURCE_LISTINGS.length * SUBSCRIPTIONS);
    // ... and each vault costs exactly one secrets list: the lower bound.
    expect(small.inventory.requestCount).toBe(
      lowerBound(small.vaults, 10) + telemetryBound(small.targets),
    );
    expect(large.inventory.requestCount).toBe(
      lowerBound(large.vaults, 1_000) + telemetryBound(large.targets),
    );
    expect(Object.keys(large.inventory.vaultSecrets)).toHaveLength(1_000);
  });

  it('lists rule collection groups once per firewall policy, whatever the clusters behind it', async () => {
    const small = await measure({
      clusters: 10,
      subscriptions: SUBSCRIPTIONS,
      vaults: 'per-subscription',
    });
    const large = await measure({
      clusters: 1_000,
      subscriptions: SUBSCRIPTIONS,
      vaults: 'per-subscription',
    });
    const policies = large.inventory.firewallPolicies.length;
    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `rule collection groups: ${policies} policies -> ${small.policyRequests} requests for N=10, ${large.policyRequests} for N=1000; ipGroups: ${SUBSCRIPTIONS} lists`,
    );
    expect(policies).toBe(SUBSCRIPTIONS);
    expect(small.policyRequests).toBe(policies);
    expect(large.policyRequests).toBe(policies);
    expect(Object.keys(large.inventory.ruleCollectionGroups)).toHaveLength(
      policies,
    );
  });

  it('equals the lower bound when lists span several pages', async () => {
    const pageSize = 100;
    const { inventory, estate, telemetryRequests, targets } = await measure(
      { clusters: 1_000, subscriptions: SUBSCRIPTIONS },
      pageSize,
    );
    // Count each list's items straight from the estate.
    const listed = RESOURCE_LISTINGS.map(l => l.armType.toLowerCase());
    const perList = new Map<string, number>();
    for (const sub of estate.subscriptionIds) {
      for (const type of listed) perList.set(`${sub}|${type}`, 0);
    }
    for (const resource of estate.resources) {
      const sub = resource.id!.split('/')[2];
      const key = resource.type!.toLowerCase().endsWith('/secrets')
        ? resource.id!.split('/secrets/')[0]
        : `${sub}|${resource.type!.toLowerCase()}`;
      perList.set(key, (perList.get(key) ?? 0) + 1);
      // Each policy's rule collection groups: one list (empty here).
      if (resource.type === 'Microsoft.Network/firewallPolicies')
        perList.set(`${resource.id}/ruleCollectionGroups`, 0);
      // Each cluster's maintenance configurations: one list (empty here).
      if (resource.type === 'Microsoft.ContainerService/managedClusters')
        perList.set(`${resource.id}/maintenanceConfigurations`, 0);
    }
    const pages = [...perList.values()].reduce(
      (sum, items) => sum + Math.max(1, Math.ceil(items / pageSize)),
      0,
    );
    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `page size ${pageSize}, N=1000: ${inventory.requestCount} requests, lower bound ${pages} + telemetry ${telemetryRequests}`,
    );
    expect(inventory.requestCount).toBe(pages + telemetryBound(targets));
  });

  it('makes at most 0.2 requests per cluster in a steady ARM cycle: the topology lists alone', async () => {
    // 1,000 baseline stamps (18 policy assignments each, as the scaffolder
    // writes them) in 10 subscriptions, one hub firewall each, 100 items a
    // page: the benchmark's estate at its quick size.
    const subscriptions = 10;
    const clusters = 1_000;
    const subscriptionIds = Array.from({ length: subscriptions }, (_, s) =>
      benchSubscriptionId(s),
    );
    const resources = buildBenchEstate(
      clusters,
      subscriptions,
      new Date('2026-12-07T12:00:00Z'),
    );
    const pageSize = 100;
    const now = { ms: Date.parse('2026-12-07T12:00:00Z') };
    const cache = new SlowTierCache(4 * 60 * 60 * 1000, () => now.ms);
    const cycle = async () => {
      const transport = new ArmFixtureTransport({ resources, pageSize });
      const inventory = await collectInventory({
        subscriptionIds,
        credential: new StaticTokenCredential(),
        cloud: AZURE_CLOUDS.AzurePublicCloud,
        httpClient: transport,
        slowTier: cache,
      });
      expect(inventory.errors).toEqual([]);
      return { inventory, transport };
    };
    const full = await cycle();
    now.ms += 60 * 60 * 1000;
    const steady = await cycle();

    // The expected count, from the estate: per subscription, the pages of
    // each type read every cycle, plus each firewall policy's rule
    // collection groups (one page).
    const everyCycle = RESOURCE_LISTINGS.filter(
      l => !SLOW_TIER_LISTINGS[l.kind],
    ).map(l => l.armType.toLowerCase());
    const items = new Map<string, number>();
    for (const r of resources) {
      const key = `${r.id!.split('/')[2]}|${r.type!.toLowerCase()}`;
      items.set(key, (items.get(key) ?? 0) + 1);
    }
    const pages = subscriptionIds
      .flatMap(sub => everyCycle.map(type => items.get(`${sub}|${type}`) ?? 0))
      .reduce((sum, n) => sum + Math.max(1, Math.ceil(n / pageSize)), 0);
    const policies = full.inventory.firewallPolicies.length;
    expect(steady.inventory.requestCount).toBe(pages + policies);
    expect(steady.transport.countRequests('/policyAssignments')).toBe(0);
    expect(full.transport.countRequests('/policyAssignments')).toBe(
      subscriptions * Math.ceil((18 * (clusters / subscriptions)) / pageSize),
    );
    expect(steady.inventory.policyAssignments).toEqual(
      full.inventory.policyAssignments,
    );
    const perCluster = steady.inventory.requestCount / clusters;
    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `steady ARM cycle, ${clusters} clusters / ${subscriptions} subscriptions: ${
        steady.inventory.requestCount
      } requests (${perCluster.toFixed(2)} per cluster; full cycle ${
        full.inventory.requestCount
      }, of which ${full.transport.countRequests(
        '/policyAssignments',
      )} policy assignment pages)`,
    );
    expect(perCluster).toBeLessThanOrEqual(0.2);
  });
});
