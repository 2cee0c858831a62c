/*
 * The fleet list route at 10,000 clusters in 100 subscriptions, under 20
 * concurrent clients, through the real router with its auth and permission
 * checks; side by side with today's design (the unpaged list, whole fleet per
 * request) measured in the same run on the same database.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/fleetListBench.ts
 *
 * The store is the plugin's SnapshotStore on SQLite (in memory, as the
 * default embedded database), filled with one stored row per cluster as a
 * refresh writes it: the summary the list reads and a snapshot of realistic
 * size it does not. The HTTP auth and permission services are Backstage's
 * test implementations: the route still reads the caller's credentials from
 * the Authorization header and asks for aks-baseline.cluster.read on every
 * request. The 20 clients run in a worker thread, outside the route's event
 * loop; a run of the same clients against `/v1/about` (no database) gives
 * the floor HTTP and the auth check set on this machine under its current
 * load. The route keeps its answers per data generation; the same route with
 * nothing kept (every request reads the database, as before) runs the same
 * mix, the two interleaved, and each query's first request after a write
 * (a cold generation) is timed alone. Writes bench-results/fleet-list.json and
 * bench-results/fleet-list-page-10000.json (a real first page, for the fleet
 * page benchmark in chromium).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  aksBaselineClusterReadPermission,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import knexFactory from 'knex';
import { FleetReader } from '../src/service/FleetReader';
import { createRouter } from '../src/service/router';
import { SnapshotStore } from '../src/store/SnapshotStore';

const CLUSTERS = Number(process.env.BENCH_LIST_CLUSTERS ?? 10_000);
const SUBSCRIPTIONS = 100;
const CLIENTS = 20;
const PAGED_REQUESTS_PER_CLIENT = 25;
const UNPAGED_REQUESTS_PER_CLIENT = 2;
const NOW = new Date();
const STATUSES: HopStatus[] = ['ok', 'ok', 'ok', 'warning', 'error'];
const REGIONS = ['westeurope', 'northeurope', 'eastus2', 'swedencentral'];
const OWNERS = ['platform-team', 'payments-team', 'storefront-team', 'data'];

const subscriptionId = (i: number) =>
  `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** One stored row as a refresh writes it. */
function storedCluster(i: number) {
  const sub = subscriptionId(i % SUBSCRIPTIONS);
  const name = `aks-${String(i).padStart(5, '0')}`;
  const worstStatus = STATUSES[i % STATUSES.length];
  const daysLeft = ((i * 7) % 400) - 10;
  const notAfter = new Date(NOW.getTime() + daysLeft * 86_400_000);
  const reasons =
    worstStatus === 'ok'
      ? []
      : [
          `edge certificate gateway-external-pfx-cert expires in ${daysLeft} days`,
          'WAF-02 WAF enforcing: the Application Gateway WAF policy is in Detection mode',
        ];
  const resourceId = `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`;
  const soonestExpiry = {
    name: 'gateway-external-pfx-cert',
    purpose: 'edge',
    notAfter: notAfter.toISOString(),
    daysLeft,
    status: daysLeft < 0 ? 'expired' : 'ok',
  };
  return {
    cluster: {
      resourceId,
      name,
      subscriptionId: sub,
      subscriptionName: `Contoso workload ${i % SUBSCRIPTIONS}`,
      resourceGroup: `rg-${name}`,
      location: REGIONS[i % REGIONS.length],
      owner: OWNERS[i % OWNERS.length],
      worstStatus,
      soonestExpiry: notAfter,
      failingControls: worstStatus === 'ok' ? 0 : 2,
      refreshedAt: NOW,
      // A refresh stores tens of KiB per cluster; the list never reads it.
      snapshot: { resourceId, padding: 'x'.repeat(8_000) },
      summary: {
        resourceId,
        soonestExpiry,
        reasons,
        errorCount: 0,
        entityRef: `resource:default/${name}`,
      },
    },
    certificates: [],
  };
}

async function filledStore() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const store = await SnapshotStore.create({
    database: mockServices.database({ knex }),
  });
  const refreshed = Array.from({ length: CLUSTERS }, (_, i) =>
    storedCluster(i),
  );
  await store.saveRefresh({
    run: {
      startedAt: NOW,
      finishedAt: NOW,
      status: 'succeeded',
      clusterCount: CLUSTERS,
      requestCount: 0,
      errors: [],
    },
    refreshed,
    failed: [],
    removed: [],
  });
  return { knex, store };
}

/** The clients' side of `load`, run in a worker thread (plain JavaScript). */
const CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { origin, headers, paths, perClient, clients } = workerData;
(async () => {
  const times = [];
  let maxBytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) {
        const path = paths[(client + i) % paths.length];
        const started = performance.now();
        const res = await fetch(origin + path, { headers });
        const body = await res.text();
        times.push(performance.now() - started);
        if (!res.ok) throw new Error(path + ': ' + res.status + ' ' + body.slice(0, 200));
        maxBytes = Math.max(maxBytes, Buffer.byteLength(body));
      }
    }),
  );
  parentPort.postMessage({ times, maxBytes, wallMs: performance.now() - t0 });
})().catch(error => { throw error; });
`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** What the fleet page asks for: first pages, filters, search, deep pages, sorts. */
const PAGED_PATHS = [
  '/v1/clusters',
  '/v1/clusters?status=error&status=warning',
  `/v1/clusters?subscriptionId=${subscriptionId(42)}`,
  '/v1/clusters?region=eastus2&owner=payments-team',
  '/v1/clusters?expiringWithinDays=30&sort=expiry',
  '/v1/clusters?search=aks-0999',
  '/v1/clusters?sort=name&order=desc&offset=9000',
  '/v1/clusters?sort=owner&limit=100&offset=4000',
];

async function main() {
  const { knex, store } = await filledStore();
  const httpAuth = mockServices.httpAuth();
  const permissions = mockServices.permissions({
    result: AuthorizeResult.ALLOW,
  });
  const reader = new FleetReader(store);
  const routeOver = (fleetReader: FleetReader) =>
    createRouter({
      httpAuth,
      permissions,
      scheduler: { triggerTask: async () => {} },
      catalog: { getEntityByRef: async () => undefined },
      reader: fleetReader,
      config: { sources: [], cloud: 'AzurePublicCloud' } as any,
      sources: ['bench'],
      pluginVersion: 'bench',
    });
  const router = await routeOver(reader);
  // The design before answers were kept: every page and count from the database.
  const uncached = await routeOver(
    new FleetReader(store, undefined, {
      pageCache: { maxEntries: 0, maxWeight: 0 },
    }),
  );
  // Today's design, with the same checks: the whole fleet in one response.
  const today = Router();
  today.get('/v1/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: aksBaselineClusterReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError();
    res.json(await reader.listClusters());
  });
  const app = express()
    .use('/api/aks-baseline', router)
    .use('/uncached', uncached)
    .use('/today', today);
  const server = createServer(app);
  // Slow unpaged answers leave pooled sockets idle past Node's 5 s default,
  // and a socket closed as the client reuses it resets the request.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const headers = {
    authorization: mockCredentials.user.header('user:default/bench'),
  };

  async function get(path: string) {
    const t0 = performance.now();
    const res = await fetch(origin + path, { headers });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok)
      throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    return { ms, bytes: Buffer.byteLength(body), body };
  }

  /**
   * CLIENTS clients at once, each sending its requests one after another.
   * The clients run in a worker thread: a browser is not in the backend's
   * process, and clients sharing its event loop would bill their own HTTP
   * parsing to the route.
   */
  async function load(paths: string[], perClient: number) {
    const { times, maxBytes, wallMs } = await new Promise<{
      times: number[];
      maxBytes: number;
      wallMs: number;
    }>((resolve, reject) => {
      const worker = new Worker(CLIENTS_WORKER, {
        eval: true,
        workerData: { origin, headers, paths, perClient, clients: CLIENTS },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    times.sort((a, b) => a - b);
    return {
      requests: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      maxBytes,
      requestsPerSecond: (times.length / wallMs) * 1000,
    };
  }

  // Warm-up: every route once, so none pays for the first query plan.
  await get('/api/aks-baseline/v1/clusters');
  await get('/uncached/v1/clusters');
  await get('/today/v1/clusters');

  /** A write as a refresh makes it: one cluster saved again, a new generation. */
  const write = () => store.saveClusters([storedCluster(0)], NOW);

  // One client, each query alone: what each costs without queueing, kept
  // (the answer of this generation) and cold (the first request after a
  // write, which also reads the filter options again).
  const perQuery: Array<{
    path: string;
    p50: number;
    coldP50: number;
    uncachedP50: number;
    bytes: number;
  }> = [];
  const p50Of = async (times: number, timed: () => Promise<number>) => {
    const all: number[] = [];
    for (let i = 0; i < times; i++) all.push(await timed());
    return percentile(
      all.sort((a, b) => a - b),
      50,
    );
  };
  for (const path of PAGED_PATHS) {
    const kept = `/api/aks-baseline${path}`;
    const coldP50 = await p50Of(9, async () => {
      await write();
      return (await get(kept)).ms;
    });
    const p50 = await p50Of(15, async () => (await get(kept)).ms);
    const uncachedP50 = await p50Of(
      15,
      async () => (await get(`/uncached${path}`)).ms,
    );
    const { bytes } = await get(kept);
    perQuery.push({ path, p50, coldP50, uncachedP50, bytes });
  }

  // The floor under the same load: an authenticated route without the
  // database (what HTTP, express and the auth check cost on this machine).
  const floor = await load(
    ['/api/aks-baseline/v1/about'],
    PAGED_REQUESTS_PER_CLIENT,
  );
  // Kept answers and nothing kept, interleaved so both see the same load.
  const rounds = [];
  for (let round = 0; round < 2; round++) {
    rounds.push({
      kept: await load(
        PAGED_PATHS.map(p => `/api/aks-baseline${p}`),
        PAGED_REQUESTS_PER_CLIENT,
      ),
      uncached: await load(
        PAGED_PATHS.map(p => `/uncached${p}`),
        PAGED_REQUESTS_PER_CLIENT,
      ),
    });
  }
  const paged = rounds[1].kept;
  const unpaged = await load(
    ['/today/v1/clusters'],
    UNPAGED_REQUESTS_PER_CLIENT,
  );

  // The whole-fleet export: streamed, so its memory is a row, not the fleet.
  const rssBefore = process.memoryUsage().rss;
  const csv = await get('/api/aks-baseline/v1/clusters.csv');
  const csvRssMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;

  const firstPage = await get('/api/aks-baseline/v1/clusters');
  server.close();
  await knex.destroy();

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const row = (design: string, r: typeof paged) =>
    `| ${design} | ${r.requests} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(
      r.p99,
    )} | ${kib(r.maxBytes)} | ${r.requestsPerSecond.toFixed(1)} |`;
  const lines = [
    `### Fleet list route: ${CLUSTERS.toLocaleString(
      'en-US',
    )} clusters in ${SUBSCRIPTIONS} subscriptions, ${CLIENTS} concurrent clients (SQLite)`,
    '',
    '| design | requests | p50 | p95 | p99 | largest response | requests/s |',
    '|---|---|---|---|---|---|---|',
    row('today: unpaged list (baseline)', unpaged),
    ...rounds.flatMap((r, round) => [
      row(`paged, answers kept per generation (round ${round + 1})`, r.kept),
      row(`paged, nothing kept (round ${round + 1})`, r.uncached),
    ]),
    row('floor: `/v1/about` (no database)', floor),
    `| ratio paged kept / today | | ${(paged.p50 / unpaged.p50).toFixed(
      3,
    )}x | ${(paged.p95 / unpaged.p95).toFixed(3)}x | | ${(
      paged.maxBytes / unpaged.maxBytes
    ).toFixed(4)}x | ${(
      paged.requestsPerSecond / unpaged.requestsPerSecond
    ).toFixed(1)}x |`,
    `| ratio kept / nothing kept (round 2) | | ${(
      paged.p50 / rounds[1].uncached.p50
    ).toFixed(3)}x | ${(paged.p95 / rounds[1].uncached.p95).toFixed(
      3,
    )}x | | | ${(
      paged.requestsPerSecond / rounds[1].uncached.requestsPerSecond
    ).toFixed(1)}x |`,
    '',
    '| one client, one query at a time (p50) | kept | cold: first after a write | nothing kept | response |',
    '|---|---|---|---|---|',
    ...perQuery.map(
      q =>
        `| \`${q.path}\` | ${ms(q.p50)} | ${ms(q.coldP50)} | ${ms(
          q.uncachedP50,
        )} | ${kib(q.bytes)} |`,
    ),
    '',
    `Load average during the run: ${loadavg()
      .map(l => l.toFixed(1))
      .join(', ')} (${cpus().length} cores).`,
    '',
    `Targets: p95 < 50 ms (${
      paged.p95 < 50 ? 'met' : 'MISSED'
    }), page response < 100 KiB (${
      paged.maxBytes < 100 * 1024 ? 'met' : 'MISSED'
    }). Whole-fleet CSV export: ${kib(csv.bytes)} in ${ms(
      csv.ms,
    )}, RSS change ${csvRssMb.toFixed(1)} MiB.`,
  ];
  console.log(lines.join('\n'));
  const outDir = join(process.cwd(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'fleet-list.json'),
    JSON.stringify(
      {
        clusters: CLUSTERS,
        subscriptions: SUBSCRIPTIONS,
        clients: CLIENTS,
        paged,
        rounds,
        unpaged,
        floor,
        loadAverage: loadavg(),
        perQuery,
        csv: { bytes: csv.bytes, ms: csv.ms, rssChangeMb: csvRssMb },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(outDir, `fleet-list-page-${CLUSTERS}.json`),
    firstPage.body,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
