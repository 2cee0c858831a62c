/*
 * Fleet refresh at ten thousand clusters: per inventory mode (arm,
 * resourceGraph) and cycle kind (full = cold start, steady = the next cycle
 * with the slow tier fresh), against today's design (ARM lists, every list
 * read every cycle) measured in the same run.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/scaleBench.ts [--quick]
 *
 * Each scenario runs in its own process, so its peak RSS is its own. The
 * estate is served in-process by the fixture transport (50 ms per request,
 * ARM's per-subscription throttle of 250 reads per 10 s, Resource Graph's
 * default quota of 15 queries per 5 s per user); the refresh is the plugin's
 * FleetRefresher over a SQLite snapshot store, with the plugin's own
 * collector settings (concurrency 16 overall / 4 per subscription).
 * Writes bench-results/scale.json (scale-quick.json with --quick) and prints a markdown table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { getCloudSettings } from '../src/azure/cloud';
import { collectInventory, SlowTierCache } from '../src/inventory';
import {
  clusterTelemetryTargets,
  vaultReferenceSignatures,
} from '../src/resolver';
import { FleetRefresher } from '../src/service/FleetRefresher';
import {
  benchSubscriptionId,
  buildBenchEstate,
  fmt,
  silentLogger,
  sqliteStore,
  withPeakRss,
} from './benchSupport';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const THROTTLE = {
  requestsPerWindow: 250,
  windowMs: 10_000,
  retryAfterSeconds: 2,
};
const GRAPH_QUOTA = { queriesPerWindow: 15, windowMs: 5_000 };
const PAGE_SIZE = 100;
const SLOW_TIER_MS = 4 * 60 * 60 * 1000;
const NOW = new Date();

interface Scenario {
  name: string;
  clusters: number;
  subscriptions: number;
  mode: 'arm' | 'resourceGraph';
  /** false: today's design, every list every cycle. */
  slowTier: boolean;
}

const BASELINE: Scenario = {
  name: 'today-1000',
  clusters: 1000,
  subscriptions: 10,
  mode: 'arm',
  slowTier: false,
};
const QUICK = process.argv.includes('--quick');
/** `--size 2000/20`: another estate size (profiling the growth between sizes). */
const SIZE_ARG = argValue('--size')?.split('/').map(Number);
const SIZE =
  SIZE_ARG && SIZE_ARG.length === 2 && SIZE_ARG.every(n => n > 0)
    ? { clusters: SIZE_ARG[0], subscriptions: SIZE_ARG[1] }
    : QUICK
    ? { clusters: 1000, subscriptions: 10 }
    : { clusters: 10_000, subscriptions: 100 };

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const SCENARIOS: Scenario[] = [
  BASELINE,
  { name: 'arm', ...SIZE, mode: 'arm', slowTier: true },
  { name: 'resourceGraph', ...SIZE, mode: 'resourceGraph', slowTier: true },
];

/** Requests to the slow tier's child lists, by URL path. */
const SLOW_TIER_PATHS = [
  '/secrets',
  '/maintenanceConfigurations',
  '/diagnosticSettings',
  '/dataCollectionRuleAssociations',
];

interface CycleResult {
  kind: 'full' | 'steady';
  requests: number;
  /** Type lists and Resource Graph queries (the topology listings). */
  topologyRequests: number;
  /** Of those, the policy assignment lists (on ARM in both modes). */
  policyRequests: number;
  slowTierRequests: number;
  throttled: number;
  wallMs: number;
  writeMs: number;
  peakRssMb: number;
  clusters: number;
  status: string;
}

/** One scenario, in this process: a full cycle, then (slow tier on) a steady one. */
async function runScenario(scenario: Scenario) {
  const subscriptions = Array.from({ length: scenario.subscriptions }, (_, s) =>
    benchSubscriptionId(s),
  );
  const transport = new ArmFixtureTransport({
    resources: buildBenchEstate(scenario.clusters, scenario.subscriptions, NOW),
    pageSize: PAGE_SIZE,
    latencyMs: LATENCY_MS,
    throttle: THROTTLE,
    resourceGraphQuota: GRAPH_QUOTA,
    subscriptions,
  });
  const { knex, store } = await sqliteStore();
  const timing = { writeMs: 0 };
  const save = store.saveRefresh.bind(store);
  (store as any).saveRefresh = async (...args: Parameters<typeof save>) => {
    const started = performance.now();
    try {
      return await save(...args);
    } finally {
      timing.writeMs += performance.now() - started;
    }
  };
  const slowTier = scenario.slowTier
    ? new SlowTierCache(SLOW_TIER_MS)
    : undefined;
  const refresher = new FleetRefresher({
    store,
    logger: silentLogger,
    select: async () => ({
      all: true,
      ids: new Set(),
      subscriptions,
      entityRefs: new Map(),
    }),
    collect: (list, signal) =>
      collectInventory({
        mode: scenario.mode,
        subscriptionIds: list,
        credential: new StaticTokenCredential(),
        cloud: getCloudSettings('AzurePublicCloud'),
        httpClient: transport,
        selectTelemetryTargets: clusterTelemetryTargets,
        slowTier,
        vaultSignatures: vaultReferenceSignatures,
        signal,
      }),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in the benchmark',
  });
  // What the in-process estate and its fixture transport take, before any refresh.
  global.gc?.();
  const estateRssMb = process.memoryUsage().rss / 2 ** 20;
  const cycles: CycleResult[] = [];
  for (const kind of scenario.slowTier
    ? (['full', 'steady'] as const)
    : (['full'] as const)) {
    transport.resetCounters();
    timing.writeMs = 0;
    const started = performance.now();
    const { result: outcome, peakRssMb } = await withPeakRss(() =>
      refresher.refresh(),
    );
    const wallMs = performance.now() - started;
    const childLists = (paths: string[]) =>
      paths.reduce((sum, p) => sum + transport.countRequests(p), 0);
    const slowTierRequests = childLists(SLOW_TIER_PATHS);
    cycles.push({
      kind,
      requests: transport.requestCount,
      slowTierRequests,
      topologyRequests:
        transport.requestCount -
        slowTierRequests -
        childLists(['/ruleCollectionGroups']),
      policyRequests: transport.countRequests('/policyAssignments'),
      throttled: transport.throttledCount,
      wallMs,
      writeMs: timing.writeMs,
      peakRssMb,
      clusters: outcome.clusterCount,
      status: outcome.status,
    });
  }
  await knex.destroy();
  return {
    scenario,
    estateRssMb,
    cycles,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

type ScenarioResult = Awaited<ReturnType<typeof runScenario>>;

function report(results: ScenarioResult[]) {
  const baseline = results.find(r => r.scenario === BASELINE)!;
  const base = baseline.cycles[0];
  const perCluster = (c: CycleResult, value: number) => value / c.clusters;
  const ratio = (ours: number, theirs: number) => `${fmt(ours / theirs, 2)}x`;
  const rows = results.flatMap(r =>
    r.cycles.map(c => {
      const design = r.scenario.slowTier ? r.scenario.mode : "today's design";
      return `| ${design} | ${fmt(r.scenario.clusters)} / ${
        r.scenario.subscriptions
      } | ${c.kind} | ${fmt(c.requests)} (${ratio(
        c.requests,
        base.requests,
      )}) | ${fmt(c.topologyRequests)} | ${fmt(
        perCluster(c, c.requests),
        3,
      )} (${ratio(
        perCluster(c, c.requests),
        perCluster(base, base.requests),
      )}) | ${c.throttled} | ${fmt(c.wallMs / 1000, 2)} s (${ratio(
        c.wallMs,
        base.wallMs,
      )}) | ${fmt(c.writeMs / 1000, 2)} s (${ratio(
        c.writeMs,
        base.writeMs,
      )}) | ${fmt(c.peakRssMb)} MB (${ratio(
        c.peakRssMb,
        base.peakRssMb,
      )}) | ${fmt(r.maxRssMb)} MB, estate ${fmt(r.estateRssMb)} MB | ${
        c.clusters
      } ${c.status} |`;
    }),
  );
  const full = (mode: string) =>
    results.find(r => r.scenario.name === mode)?.cycles[0];
  const arm = full('arm');
  const graph = full('resourceGraph');
  const lines = [
    `### Refresh at scale (latency ${LATENCY_MS} ms, concurrency 16 / 4 per subscription, ARM throttle 250 req/10 s per subscription, Resource Graph quota 15 queries/5 s, slow tier 4 h)`,
    '',
    `Ratios in brackets: against today's design (ARM lists, every list every cycle) at ${fmt(
      BASELINE.clusters,
    )} / ${BASELINE.subscriptions}, measured in this run.`,
    '',
    '| design | clusters / subs | cycle | requests | topology lists | requests per cluster | 429s | wall time | snapshot write | peak RSS (cycle) | process max RSS | stored |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
  if (arm && graph) {
    lines.push(
      '',
      `Topology listing requests at ${fmt(SIZE.clusters)} / ${
        SIZE.subscriptions
      }: ARM lists ${fmt(arm.topologyRequests)}, Resource Graph ${fmt(
        graph.topologyRequests,
      )} (queries plus the policy assignment lists that stay on ARM): ${fmt(
        arm.topologyRequests / graph.topologyRequests,
        1,
      )}x fewer; without the policy assignment lists both modes make (${fmt(
        graph.policyRequests,
      )}), ${fmt(arm.topologyRequests - arm.policyRequests)} against ${fmt(
        graph.topologyRequests - graph.policyRequests,
      )}: ${fmt(
        (arm.topologyRequests - arm.policyRequests) /
          (graph.topologyRequests - graph.policyRequests),
        1,
      )}x.`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const only = process.argv.indexOf('--scenario');
  if (only >= 0) {
    const scenario = SCENARIOS.find(s => s.name === process.argv[only + 1]);
    if (!scenario) throw new Error(`No scenario ${process.argv[only + 1]}`);
    const result = await runScenario(scenario);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const outDir = join(__dirname, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--scenario',
        scenario.name,
        ...(QUICK ? ['--quick'] : []),
        ...(SIZE_ARG ? ['--size', argValue('--size')!] : []),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: 'pipe' },
    );
    const line = child.stdout.split('\n').find(l => l.startsWith('RESULT '));
    if (child.status !== 0 || !line) {
      throw new Error(`scenario ${scenario.name} failed: ${child.stderr}`);
    }
    const result = JSON.parse(line.slice('RESULT '.length));
    results.push({ ...result, scenario });
    // Written after each scenario: a long run that is stopped keeps what it measured.
    writeFileSync(
      join(outDir, QUICK ? 'scale-quick.json' : 'scale.json'),
      JSON.stringify({ latencyMs: LATENCY_MS, results }, null, 2),
    );
    process.stderr.write(`scenario ${scenario.name} done\n`);
  }
  console.log(report(results));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
