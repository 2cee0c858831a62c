/*
 * Fleet refresh at ten thousand clusters: per inventory mode (arm,
 * resourceGraph) and cycle kind (full = cold start, steady = the next cycle
 * with the slow tier fresh), against today's design (ARM lists, every list
 * read every cycle) measured in the same run.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/scaleBench.ts [--quick]
 *
 * Each scenario runs in its own process, so its peak RSS is its own, and
 * its estate in a child of that process (bench/fixtureServer.ts), so the
 * RSS is the refresh's alone: the child serves the estate over loopback HTTP
 * with the fixture transport (50 ms per request,
 * ARM's per-subscription throttle of 250 reads per 10 s, Resource Graph's
 * default quota of 15 queries per 5 s per user); the refresh is the plugin's
 * FleetRefresher over a SQLite snapshot store, with the plugin's own
 * collector settings (concurrency 16 overall / 4 per subscription;
 * `--concurrency N` changes the overall limit).
 * Writes bench-results/scale.json (scale-quick.json with --quick) and prints a markdown table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { getCloudSettings } from '../src/azure/cloud';
import { collectInventory, SlowTierCache } from '../src/inventory';
import {
  clusterTelemetryTargets,
  vaultReferenceSignatures,
} from '../src/resolver';
import { FleetRefresher } from '../src/service/FleetRefresher';
import type { SnapshotStore } from '../src/store/SnapshotStore';
import {
  benchSubscriptionId,
  buildBenchEstate,
  fmt,
  silentLogger,
  sqliteStore,
  withPeakRss,
} from './benchSupport';
import {
  LoopbackFixtureClient,
  runFixtureChild,
  startFixtureChild,
} from './fixtureServer';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const THROTTLE = {
  requestsPerWindow: 250,
  windowMs: 10_000,
  retryAfterSeconds: 2,
};
const GRAPH_QUOTA = { queriesPerWindow: 15, windowMs: 5_000 };
const PAGE_SIZE = 100;
/**
 * The inventory's overall limits of requests in flight to measure
 * (`--concurrency 16,64`; the plugin's default is 16, its maximum 64).
 */
const CONCURRENCY_ARG = argValue('--concurrency') ?? '16';
const CONCURRENCIES = CONCURRENCY_ARG.split(',').map(Number);
/** `--only arm@16,resourceGraph@16`: run only these (the baseline always runs). */
const ONLY = argValue('--only')?.split(',');
/**
 * `--heap-mb N`: each scenario runs twice, with V8's own heap limit and
 * with its old space bounded at N MB (as a backend would set with
 * NODE_OPTIONS=--max-old-space-size), and the bounded run is reported
 * with its ratios to the unbounded one.
 */
const HEAP_MB = argValue('--heap-mb');
/**
 * `--phases`: the live heap (after a forced full GC) at the full cycle's
 * phase boundaries. Off by default: the forced collections take garbage
 * out of the peaks the other columns measure.
 */
const PHASES = process.argv.includes('--phases');
const SLOW_TIER_MS = 4 * 60 * 60 * 1000;
const NOW = new Date();
/**
 * The estate's certificates are dated from half a day before the run: a
 * certificate's days left then stay the same through both cycles, as they do
 * for most of a day between two real refreshes (dated from the run's start,
 * every one would lose a day a moment later, and every snapshot change).
 */
const ISSUED_AT = new Date(NOW.getTime() - 12 * 60 * 60 * 1000);

interface Scenario {
  name: string;
  clusters: number;
  subscriptions: number;
  mode: 'arm' | 'resourceGraph';
  /** false: today's design, every list every cycle. */
  slowTier: boolean;
  /** The inventory's overall limit of requests in flight. */
  concurrency: number;
}

const BASELINE: Scenario = {
  name: 'today-1000',
  clusters: 1000,
  subscriptions: 10,
  mode: 'arm',
  slowTier: false,
  concurrency: 16,
};
const QUICK = process.argv.includes('--quick');
/** `--size 2000/20`: another estate size (profiling the growth between sizes). */
const SIZE_ARG = argValue('--size')?.split('/').map(Number);
const DEFAULT_SIZE = QUICK
  ? { clusters: 1000, subscriptions: 10 }
  : { clusters: 10_000, subscriptions: 100 };
const SIZE =
  SIZE_ARG && SIZE_ARG.length === 2 && SIZE_ARG.every(n => n > 0)
    ? { clusters: SIZE_ARG[0], subscriptions: SIZE_ARG[1] }
    : DEFAULT_SIZE;

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const SCENARIOS: Scenario[] = [
  BASELINE,
  ...CONCURRENCIES.flatMap(concurrency =>
    (['arm', 'resourceGraph'] as const).map(
      (mode): Scenario => ({
        name: `${mode}@${concurrency}`,
        ...SIZE,
        mode,
        slowTier: true,
        concurrency,
      }),
    ),
  ),
].filter(s => s === BASELINE || !ONLY || ONLY.includes(s.name));

/** Requests to the slow tier's child lists, by URL path. */
const SLOW_TIER_PATHS = [
  '/secrets',
  '/maintenanceConfigurations',
  '/diagnosticSettings',
  '/dataCollectionRuleAssociations',
  // Per subscription on the slow tier since the governance lists moved there.
  '/policyAssignments',
  '/dataCollectionRules',
];

/** The per-resource child lists: every request that is not a topology or policy listing. */
const CHILD_LIST_PATHS = [
  '/secrets',
  '/maintenanceConfigurations',
  '/diagnosticSettings',
  '/dataCollectionRuleAssociations',
  '/ruleCollectionGroups',
];
const POLICY_LIST_PATH = '/policyAssignments';
const GRAPH_QUERY_PATH = '/Microsoft.ResourceGraph/resources';

interface CycleResult {
  kind: 'full' | 'steady';
  requests: number;
  /**
   * The topology listings: per-type lists and Resource Graph queries,
   * policy assignment and data collection rule lists included; the
   * per-resource child lists excluded.
   */
  topologyRequests: number;
  /** Of those, policy assignment lists on ARM (unfiltered, or atScope()). */
  policyRequests: number;
  /** Of those, Resource Graph queries (pages). */
  graphQueries: number;
  slowTierRequests: number;
  throttled: number;
  wallMs: number;
  /**
   * CPU time of the backend process during the cycle (user + system, all
   * threads); the estate runs in another process. What a cycle costs a
   * core, whatever the machine's load and the simulated latency.
   */
  cpuMs: number;
  writeMs: number;
  peakRssMb: number;
  /** V8 heap in use at its highest (live data and garbage not yet collected). */
  peakHeapMb: number;
  /** V8 heap in use after the cycle and a full GC. */
  keptHeapMb: number;
  /** With --phases, the full cycle's live heap at each phase boundary (MB after a full GC). */
  phases?: Record<string, number>;
  clusters: number;
  status: string;
}

function subscriptionsOf(scenario: Scenario) {
  return Array.from({ length: scenario.subscriptions }, (_, s) =>
    benchSubscriptionId(s),
  );
}

/** In the fixture child: the scenario's estate, served on loopback. */
async function serveEstate(scenario: Scenario) {
  await runFixtureChild({
    resources: buildBenchEstate(
      scenario.clusters,
      scenario.subscriptions,
      ISSUED_AT,
    ),
    pageSize: PAGE_SIZE,
    latencyMs: LATENCY_MS,
    throttle: THROTTLE,
    resourceGraphQuota: GRAPH_QUOTA,
    subscriptions: subscriptionsOf(scenario),
  });
}

/**
 * The live heap (heapUsed after a forced full GC) at a cycle's phase
 * boundaries, taken from outside the refresher: when the inventory is
 * collected; at the first batch's write (the index built, one batch
 * resolved); at the run's write (every batch resolved and written, the
 * inventory and index still held).
 */
class LiveHeapAtPhases {
  measured?: Record<string, number>;

  constructor(store: SnapshotStore) {
    const onFirstCall = <K extends 'saveClusters' | 'saveRefresh'>(
      method: K,
      phase: string,
    ) => {
      const original = (store[method] as Function).bind(store);
      (store as any)[method] = async (...args: unknown[]) => {
        this.take(phase);
        return original(...args);
      };
    };
    onFirstCall('saveClusters', 'index and first batch');
    onFirstCall('saveRefresh', 'resolution');
  }

  start(measure: boolean) {
    this.measured = measure ? {} : undefined;
  }

  async after<T>(phase: string, work: Promise<T>): Promise<T> {
    const result = await work;
    this.take(phase);
    return result;
  }

  private take(phase: string) {
    if (!this.measured || phase in this.measured) return;
    global.gc!();
    this.measured[phase] = process.memoryUsage().heapUsed / 2 ** 20;
  }
}

/**
 * One scenario, in this process (the backend's part: inventory, resolver,
 * store) against its estate in a child process: a full cycle, then (slow
 * tier on) a steady one.
 */
async function runScenario(scenario: Scenario) {
  const subscriptions = subscriptionsOf(scenario);
  const { child, port } = await startFixtureChild(__filename, [
    ...(QUICK ? ['--quick'] : []),
    ...(SIZE_ARG ? ['--size', argValue('--size')!] : []),
    '--concurrency',
    CONCURRENCY_ARG,
    '--fixture-child',
    scenario.name,
  ]);
  const transport = new LoopbackFixtureClient(port);
  // A database file, not memory: in a backend the database is another
  // process (PostgreSQL), and 10,000 snapshots are about 460 MB of JSON.
  const dbDir = mkdtempSync(join(tmpdir(), 'aks-scale-bench-'));
  const { knex, store } = await sqliteStore(join(dbDir, 'snapshots.sqlite'));
  const timing = { writeMs: 0 };
  const timed = <K extends 'saveRefresh' | 'saveClusters'>(method: K) => {
    const original = (store[method] as Function).bind(store);
    (store as any)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        timing.writeMs += performance.now() - started;
      }
    };
  };
  timed('saveRefresh');
  timed('saveClusters');
  const phases = new LiveHeapAtPhases(store);
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
      phases.after(
        'collection',
        collectInventory({
          mode: scenario.mode,
          subscriptionIds: list,
          credential: new StaticTokenCredential(),
          cloud: getCloudSettings('AzurePublicCloud'),
          httpClient: transport,
          concurrency: scenario.concurrency,
          selectTelemetryTargets: clusterTelemetryTargets,
          slowTier,
          vaultSignatures: vaultReferenceSignatures,
          signal,
        }),
      ),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in the benchmark',
  });
  // The backend's part before any refresh (modules, store); the estate is in the child.
  global.gc?.();
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  let estateRssMb = 0;
  const cycles: CycleResult[] = [];
  for (const kind of scenario.slowTier
    ? (['full', 'steady'] as const)
    : (['full'] as const)) {
    await transport.reset();
    timing.writeMs = 0;
    phases.start(PHASES && kind === 'full');
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const {
      result: outcome,
      peakRssMb,
      peakHeapMb,
    } = await withPeakRss(() => refresher.refresh());
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    // What the process keeps between refreshes (the slow tier's lists).
    global.gc?.();
    const keptHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
    const stats = await transport.stats([
      ...new Set([...SLOW_TIER_PATHS, ...CHILD_LIST_PATHS]),
      GRAPH_QUERY_PATH,
    ]);
    const childLists = (paths: string[]) =>
      paths.reduce((sum, p) => sum + stats.counts[p], 0);
    const slowTierRequests = childLists(SLOW_TIER_PATHS);
    estateRssMb = Math.max(estateRssMb, stats.rssMb);
    cycles.push({
      kind,
      requests: stats.requestCount,
      slowTierRequests,
      topologyRequests: stats.requestCount - childLists(CHILD_LIST_PATHS),
      policyRequests: stats.counts[POLICY_LIST_PATH],
      graphQueries: stats.counts[GRAPH_QUERY_PATH],
      throttled: stats.throttledCount,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      writeMs: timing.writeMs,
      peakRssMb,
      peakHeapMb,
      keptHeapMb,
      ...(phases.measured && { phases: phases.measured }),
      clusters: outcome.clusterCount,
      status: outcome.status,
    });
  }
  await knex.destroy();
  rmSync(dbDir, { recursive: true, force: true });
  transport.close();
  child.kill();
  return {
    scenario,
    startRssMb,
    estateRssMb,
    cycles,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20,
  };
}

type ScenarioResult = Awaited<ReturnType<typeof runScenario>> & {
  /** The run's --max-old-space-size, when bounded (see --heap-mb). */
  boundMb?: number;
};

function report(results: ScenarioResult[]) {
  const baseline = results.find(r => r.scenario === BASELINE)!;
  const base = baseline.cycles[0];
  const perCluster = (c: CycleResult, value: number) => value / c.clusters;
  const ratio = (ours: number, theirs: number) => `${fmt(ours / theirs, 2)}x`;
  const rows = results.flatMap(r =>
    r.cycles.map(c => {
      const design = `${
        r.scenario.slowTier
          ? `${r.scenario.mode}, ${r.scenario.concurrency} in flight`
          : "today's design, 16 in flight"
      }${r.boundMb ? `, old space bounded at ${fmt(r.boundMb)} MB` : ''}`;
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
      )}) | ${fmt(c.cpuMs / 1000, 2)} s, ${fmt(
        perCluster(c, c.cpuMs),
        2,
      )} ms/cluster (${ratio(
        perCluster(c, c.cpuMs),
        perCluster(base, base.cpuMs),
      )}) | ${fmt(c.writeMs / 1000, 2)} s (${ratio(
        c.writeMs,
        base.writeMs,
      )}) | ${fmt(c.peakRssMb)} MB (${ratio(
        c.peakRssMb,
        base.peakRssMb,
      )}) | ${fmt(c.peakHeapMb)} MB | ${fmt(c.keptHeapMb)} MB | ${fmt(
        r.maxRssMb,
      )} MB (estate child ${fmt(r.estateRssMb)} MB) | ${c.clusters} ${
        c.status
      } |`;
    }),
  );
  // Request counts do not depend on the concurrency: the first measured.
  const cyclesOf = (mode: string) =>
    results.find(r => r.scenario.slowTier && r.scenario.mode === mode)?.cycles;
  const lines = [
    `### Refresh at scale (latency ${LATENCY_MS} ms, 4 per subscription, ARM throttle 250 req/10 s per subscription, Resource Graph quota 15 queries/5 s, slow tier 4 h)`,
    '',
    `Ratios in brackets: against today's design (ARM lists, every list every cycle) at ${fmt(
      BASELINE.clusters,
    )} / ${BASELINE.subscriptions}, measured in this run.`,
    '',
    '| design | clusters / subs | cycle | requests | topology lists | requests per cluster | 429s | wall time | CPU (backend process) | snapshot write | peak RSS (cycle) | peak heap in use | heap kept after | process max RSS | stored |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...boundedComparison(results),
    ...livePhases(results),
    ...topologyComparison(cyclesOf('arm'), cyclesOf('resourceGraph')),
  ];
  return lines.join('\n');
}

/**
 * Each bounded run against the unbounded run of the same scenario: what
 * the bound saves in memory and what the extra collections cost in time
 * and CPU.
 */
function boundedComparison(results: ScenarioResult[]): string[] {
  const pairs = results.flatMap(bounded => {
    const free = results.find(
      r => r.scenario === bounded.scenario && !r.boundMb,
    );
    return bounded.boundMb && free ? [{ bounded, free }] : [];
  });
  if (pairs.length === 0) return [];
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
  return [
    'Bounded old space against the same scenario unbounded (ratios bounded / unbounded):',
    '',
    '| design | cycle | bound | peak RSS (cycle) | process max RSS | wall time | CPU | heap kept after |',
    '|---|---|---|---|---|---|---|---|',
    ...pairs.flatMap(({ bounded, free }) =>
      bounded.cycles.map((c, i) => {
        const u = free.cycles[i];
        return `| ${bounded.scenario.name} | ${c.kind} | ${fmt(
          bounded.boundMb!,
        )} MB | ${fmt(c.peakRssMb)} / ${fmt(u.peakRssMb)} MB (${ratio(
          c.peakRssMb,
          u.peakRssMb,
        )}) | ${fmt(bounded.maxRssMb)} / ${fmt(free.maxRssMb)} MB (${ratio(
          bounded.maxRssMb,
          free.maxRssMb,
        )}) | ${fmt(c.wallMs / 1000, 1)} / ${fmt(
          u.wallMs / 1000,
          1,
        )} s (${ratio(c.wallMs, u.wallMs)}) | ${fmt(c.cpuMs / 1000, 1)} / ${fmt(
          u.cpuMs / 1000,
          1,
        )} s (${ratio(c.cpuMs, u.cpuMs)}) | ${fmt(c.keptHeapMb)} / ${fmt(
          u.keptHeapMb,
        )} MB |`;
      }),
    ),
    '',
  ];
}

/** With --phases: the full cycle's live heap at each phase boundary. */
function livePhases(results: ScenarioResult[]): string[] {
  const measured = results.flatMap(r =>
    r.cycles.flatMap(c => (c.phases ? [{ r, c, phases: c.phases }] : [])),
  );
  if (measured.length === 0) return [];
  const names = ['collection', 'index and first batch', 'resolution'];
  return [
    'Live heap (MB after a forced full GC) at the phase boundaries of a full cycle, and kept after it:',
    '',
    `| design | bound | ${names
      .map(n => `after ${n}`)
      .join(' | ')} | kept after the cycle |`,
    `|---|---|${names.map(() => '---|').join('')}---|`,
    ...measured.map(
      ({ r, c, phases }) =>
        `| ${r.scenario.name} | ${
          r.boundMb ? `${fmt(r.boundMb)} MB` : 'none'
        } | ${names
          .map(n => (n in phases ? fmt(phases[n]) : '-'))
          .join(' | ')} | ${fmt(c.keptHeapMb)} |`,
    ),
    '',
  ];
}

/**
 * Per cycle kind, the topology listings of both modes in this run (type
 * lists, queries, policy assignment and rule lists; not the per-resource
 * child lists) and how many times fewer Resource Graph makes.
 */
function topologyComparison(
  arm: CycleResult[] | undefined,
  graph: CycleResult[] | undefined,
): string[] {
  if (!arm || !graph) return [];
  return [
    `Topology listing requests at ${fmt(SIZE.clusters)} / ${
      SIZE.subscriptions
    }:`,
    '',
    '| cycle | ARM lists (of which policy assignments) | Resource Graph: queries + policy assignment lists | ARM / Resource Graph |',
    '|---|---|---|---|',
    ...arm.map((a, i) => {
      const g = graph[i];
      const ratio =
        g.topologyRequests > 0
          ? `${fmt(a.topologyRequests / g.topologyRequests, 1)}x`
          : 'no request';
      return `| ${a.kind} | ${fmt(a.topologyRequests)} (${fmt(
        a.policyRequests,
      )}) | ${fmt(g.topologyRequests)}: ${fmt(g.graphQueries)} + ${fmt(
        g.policyRequests,
      )} | ${ratio} |`;
    }),
  ];
}

async function main() {
  const serving = argValue('--fixture-child');
  if (serving) {
    const scenario = SCENARIOS.find(s => s.name === serving);
    if (!scenario) throw new Error(`No scenario ${serving}`);
    await serveEstate(scenario);
    return;
  }
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
  const runs = SCENARIOS.flatMap(scenario => [
    { scenario, boundMb: undefined },
    // The baseline is today's design: measured as it runs, unbounded.
    ...(HEAP_MB && scenario !== BASELINE
      ? [{ scenario, boundMb: Number(HEAP_MB) }]
      : []),
  ]);
  for (const { scenario, boundMb } of runs) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        // To measure the heap kept between cycles (after a full GC), and with --phases.
        '--expose-gc',
        ...(boundMb ? [`--max-old-space-size=${boundMb}`] : []),
        __filename,
        '--scenario',
        scenario.name,
        ...(QUICK ? ['--quick'] : []),
        ...(PHASES ? ['--phases'] : []),
        ...(SIZE_ARG ? ['--size', argValue('--size')!] : []),
        '--concurrency',
        CONCURRENCY_ARG,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: 'pipe' },
    );
    const line = child.stdout.split('\n').find(l => l.startsWith('RESULT '));
    if (child.status !== 0 || !line) {
      throw new Error(`scenario ${scenario.name} failed: ${child.stderr}`);
    }
    const result = JSON.parse(line.slice('RESULT '.length));
    results.push({ ...result, scenario, boundMb });
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
