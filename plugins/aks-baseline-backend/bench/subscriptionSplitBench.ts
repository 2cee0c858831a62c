/*
 * What a refresh that works one subscription at a time would hold (issue
 * #20, item 1: memory that follows the largest subscription, not the fleet).
 *
 *   node --expose-gc --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/subscriptionSplitBench.ts [--size 10000/100]
 *
 * Prints three measurements the design rests on:
 *
 * 1. the resolver's lookups that return a resource of another subscription
 *    than the cluster's, per fixture estate (the demo, the benchmarks'
 *    baseline stamps, the synthetic estate with a vault per cluster or per
 *    subscription): what a cross-subscription index must answer;
 * 2. the inventory of the benchmarks' estate (default 10,000 clusters in 100
 *    subscriptions, served from a child process over loopback, latency 0, no
 *    slow tier) by class, as JSON and as V8 heap after a full GC: topology
 *    reached only through the cluster's own ids, topology found by value
 *    from any subscription, and the slow tier's lists (which the plugin keeps
 *    between cycles);
 * 3. the resolver's CPU per cluster alone (index, resolve, judge,
 *    summarise), without the SDK or the store: the part of a cycle that
 *    overlapping collection with resolution cannot hide.
 */
import { performance } from 'node:perf_hooks';
import {
  ArmResource,
  DEFAULT_EXPIRY_THRESHOLDS,
} from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { getCloudSettings } from '../src/azure/cloud';
import { collectInventory, SLOW_TIER_PARTS } from '../src/inventory';
import type { ArmInventory } from '../src/inventory';
import {
  clusterTelemetryTargets,
  indexInventory,
  type InventoryIndex,
  resolveClusterWithGaps,
  summarizeCluster,
} from '../src/resolver';
import { inventoryOf } from '../src/__testUtils__/inventoryOf';
import { syntheticEstate } from '../src/__testUtils__/syntheticEstate';
import { benchSubscriptionId, buildBenchEstate, fmt } from './benchSupport';
import {
  LoopbackFixtureClient,
  runFixtureChild,
  startFixtureChild,
} from './fixtureServer';

const SIZE = (process.argv[process.argv.indexOf('--size') + 1] ?? '')
  .split('/')
  .map(Number);
const [CLUSTERS, SUBSCRIPTIONS] =
  process.argv.includes('--size') && SIZE.every(n => n > 0)
    ? SIZE
    : [10_000, 100];
const NOW = new Date();

/** Reached through the cluster's own ids: its node subnet, route table, NSGs. */
const OWN_TOPOLOGY = [
  'managedClusters',
  'virtualNetworks',
  'routeTables',
  'networkSecurityGroups',
] as const;
/** Found by value (tag, address, name, link target), so from any subscription. */
const SHARED_TOPOLOGY = [
  'applicationGateways',
  'wafPolicies',
  'publicIpAddresses',
  'azureFirewalls',
  'firewallPolicies',
  'ruleCollectionGroups',
  'ipGroups',
  'keyVaults',
  'privateEndpoints',
  'containerRegistries',
] as const;

/** Extension resources (diagnostic settings) included: the subscription their id starts with. */
const subscriptionOf = (id: string | undefined) =>
  id ? /^\/subscriptions\/([^/]+)/i.exec(id)?.[1].toLowerCase() : undefined;

/** The index, counting each lookup whose answer lives in another subscription than `current()`. */
function countingIndex(
  index: InventoryIndex,
  current: () => string,
  counts: Map<string, number>,
): InventoryIndex {
  const counting = { ...index } as Record<string, unknown>;
  for (const [name, lookup] of Object.entries(index)) {
    // The whole rule list, which the resolver scans for the ids a cluster's
    // associations name: it crosses subscriptions by construction.
    if (typeof lookup !== 'function' || name === 'dataCollectionRules') {
      continue;
    }
    counting[name] = (...args: unknown[]) => {
      const found = lookup(...args);
      for (const resource of [found ?? []].flat() as ArmResource[]) {
        // A subnet lookup answers { subnet, vnet }.
        const id = (resource as any).vnet?.id ?? resource.id;
        if (subscriptionOf(id) !== current()) {
          counts.set(name, (counts.get(name) ?? 0) + 1);
        }
      }
      return found;
    };
  }
  return counting as unknown as InventoryIndex;
}

function crossSubscriptionLookups(name: string, resources: ArmResource[]) {
  const inventory = inventoryOf(resources);
  const counts = new Map<string, number>();
  let current = '';
  const index = countingIndex(indexInventory(inventory), () => current, counts);
  for (const cluster of inventory.managedClusters) {
    current = subscriptionOf(cluster.id)!;
    resolveClusterWithGaps(cluster, index, {
      now: NOW,
      thresholds: DEFAULT_EXPIRY_THRESHOLDS,
      vaultErrors: new Map(),
      subscriptionErrors: [],
    });
  }
  // An IP held by firewalls in several hubs (the spoke VNet's peering says which one it meets).
  const firewallsByIp = new Map<string, number>();
  for (const firewall of inventory.azureFirewalls) {
    for (const config of (firewall.properties as any)?.ipConfigurations ?? []) {
      const ip = config.properties?.privateIPAddress;
      if (ip) firewallsByIp.set(ip, (firewallsByIp.get(ip) ?? 0) + 1);
    }
  }
  const sharedIps = [...firewallsByIp.values()].filter(n => n > 1).length;
  const found = [...counts].map(([lookup, n]) => `${lookup} ${n}`).join(', ');
  return `| ${name} | ${inventory.managedClusters.length} | ${
    found || 'none'
  } | ${sharedIps} |`;
}

async function inventoryByClass() {
  const { child, port } = await startFixtureChild(__filename, [
    '--fixture-child',
    '--size',
    `${CLUSTERS}/${SUBSCRIPTIONS}`,
  ]);
  const heapMb = () => {
    // Twice: what the first collection frees can release more (weak maps).
    global.gc!();
    global.gc!();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const before = heapMb();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const inventory: Partial<ArmInventory> = await collectInventory({
    subscriptionIds: subscriptions(),
    credential: new StaticTokenCredential(),
    cloud: getCloudSettings('AzurePublicCloud'),
    httpClient: new LoopbackFixtureClient(port),
    concurrency: 64,
    selectTelemetryTargets: clusterTelemetryTargets,
  });
  const collectMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const collectCpuMs = (cpu.user + cpu.system) / 1000;
  const largestSubscriptionMb = largestSubscription(inventory);
  const rows: string[] = [];
  // Serialized before anything is measured: the strings are garbage by then.
  const jsonMb = new Map(
    [...OWN_TOPOLOGY, ...SHARED_TOPOLOGY, ...SLOW_TIER_PARTS].map(kind => [
      kind,
      JSON.stringify(inventory[kind] ?? null).length / 2 ** 20,
    ]),
  );
  let held = heapMb();
  const total = held - before;
  for (const [name, kinds] of [
    ['topology reached by own ids', OWN_TOPOLOGY],
    ['topology found by value', SHARED_TOPOLOGY],
    // Read on the slow tier's cadence, and kept between cycles by the plugin.
    ['slow tier', SLOW_TIER_PARTS],
  ] as const) {
    // Each kind dropped in turn: the heap it alone retained (the class is their sum).
    const kindRows: string[] = [];
    let classJson = 0;
    const classHeld = held;
    for (const kind of kinds) {
      const json = jsonMb.get(kind)!;
      delete inventory[kind];
      const after = heapMb();
      kindRows.push(
        `| | ${kind} | ${fmt(json, 1)} MB | ${fmt(held - after, 1)} MB |`,
      );
      classJson += json;
      held = after;
    }
    rows.push(
      `| ${name} | (all) | ${fmt(classJson, 1)} MB | ${fmt(
        classHeld - held,
      )} MB |`,
      ...kindRows,
    );
  }
  child.kill();
  return [
    `Inventory of ${fmt(
      CLUSTERS,
    )} clusters / ${SUBSCRIPTIONS} subscriptions: ${fmt(
      inventory.requestCount!,
    )} requests in ${fmt(
      collectMs / 1000,
      1,
    )} s (latency 0, 64 in flight; ${fmt(
      collectCpuMs / 1000,
      1,
    )} s of this process's CPU, ${fmt(
      collectCpuMs / CLUSTERS,
      2,
    )} ms per cluster), ${fmt(
      total,
    )} MB of heap after GC; the largest subscription's own topology ${fmt(
      largestSubscriptionMb,
      2,
    )} MB of JSON.`,
    '',
    '| class | list | JSON | heap after GC (retained: dropped in turn) |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** JSON MB of the own-ids topology of the subscription that has the most. */
function largestSubscription(inventory: Partial<ArmInventory>): number {
  const bytes = new Map<string, number>();
  for (const kind of OWN_TOPOLOGY) {
    for (const resource of inventory[kind] ?? []) {
      const key = subscriptionOf(resource.id) ?? '';
      bytes.set(key, (bytes.get(key) ?? 0) + JSON.stringify(resource).length);
    }
  }
  return Math.max(0, ...bytes.values()) / 2 ** 20;
}

function resolverCpu() {
  const inventory = inventoryOf(buildBenchEstate(CLUSTERS, SUBSCRIPTIONS, NOW));
  const cpuStart = process.cpuUsage();
  const index = indexInventory(inventory);
  for (const cluster of inventory.managedClusters) {
    const { snapshot } = resolveClusterWithGaps(cluster, index, {
      now: NOW,
      thresholds: DEFAULT_EXPIRY_THRESHOLDS,
      vaultErrors: new Map(),
      subscriptionErrors: [],
    });
    summarizeCluster(snapshot);
  }
  const cpu = process.cpuUsage(cpuStart);
  const ms = (cpu.user + cpu.system) / 1000;
  return `Resolver alone (index, resolve, judge, summarise; no SDK, no store): ${fmt(
    ms / 1000,
    1,
  )} s of CPU for ${fmt(CLUSTERS)} clusters, ${fmt(
    ms / CLUSTERS,
    2,
  )} ms per cluster.`;
}

function subscriptions() {
  return Array.from({ length: SUBSCRIPTIONS }, (_, s) =>
    benchSubscriptionId(s),
  );
}

async function main() {
  if (process.argv.includes('--fixture-child')) {
    await runFixtureChild({
      resources: buildBenchEstate(CLUSTERS, SUBSCRIPTIONS, NOW),
      pageSize: 100,
      subscriptions: subscriptions(),
    });
    return;
  }
  const lookups = [
    crossSubscriptionLookups('demo', buildDemoEstate(NOW)),
    crossSubscriptionLookups(
      'baseline stamps 30 / 3',
      buildBenchEstate(30, 3, NOW),
    ),
    crossSubscriptionLookups(
      'synthetic 30 / 3, vault per cluster',
      syntheticEstate({ clusters: 30, subscriptions: 3, now: NOW }).resources,
    ),
    crossSubscriptionLookups(
      'synthetic 30 / 3, vault per subscription',
      syntheticEstate({
        clusters: 30,
        subscriptions: 3,
        vaults: 'per-subscription',
        now: NOW,
      }).resources,
    ),
  ];
  process.stdout.write(
    [
      '| estate | clusters | lookups answered from another subscription | private IPs held by several firewalls |',
      '|---|---|---|---|',
      ...lookups,
      '',
      await inventoryByClass(),
      '',
      resolverCpu(),
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
