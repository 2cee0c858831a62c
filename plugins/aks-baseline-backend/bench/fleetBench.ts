/*
 * Fleet refresh and snapshot API at scale, side by side with the naive way.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/fleetBench.ts [--quick]
 *
 * Every estate is served by the fixture transport with a per-request latency
 * (BENCH_LATENCY_MS, default 50) and an ARM-like per-subscription throttle
 * (BENCH_THROTTLE_PER_10S, default 250 requests per 10 s, then 429 with
 * Retry-After). Our refresh (the plugin's FleetRefresher: inventory through the
 * Azure SDK clients, resolution, snapshot store on SQLite) and a naive refresh
 * written here (list clusters, then GET every related resource and secret one
 * by one, sequentially per subscription) run against identical estates in
 * this process. Writes bench-results/fleet.json and prints a markdown table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ArmResource,
  asString,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import express from 'express';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { getCloudSettings } from '../src/azure/cloud';
import {
  benchSubscriptionId,
  buildBenchEstate,
  fmt,
  silentLogger,
  sqliteStore,
  withPeakRss,
} from './benchSupport';
import { collectInventory, RESOURCE_LISTINGS } from '../src/inventory';

import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { FleetReader } from '../src/service/FleetReader';
import { FleetRefresher } from '../src/service/FleetRefresher';
import { createRouter } from '../src/service/router';
import { SnapshotStore } from '../src/store/SnapshotStore';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const THROTTLE = {
  requestsPerWindow: Number(process.env.BENCH_THROTTLE_PER_10S ?? 250),
  windowMs: 10_000,
  retryAfterSeconds: 2,
};
const PAGE_SIZE = 100;
const CONCURRENCY = 16;
const PER_SUBSCRIPTION = 4;
const QUICK = process.argv.includes('--quick');
const ESTATES = QUICK
  ? [
      { clusters: 10, subscriptions: 1 },
      { clusters: 100, subscriptions: 10 },
    ]
  : [
      { clusters: 10, subscriptions: 1 },
      { clusters: 100, subscriptions: 10 },
      { clusters: 1000, subscriptions: 10 },
      { clusters: 1000, subscriptions: 50 },
    ];
const NOW = new Date();
const cloud = getCloudSettings('AzurePublicCloud');
const subscriptionId = benchSubscriptionId;

/** N baseline stamps round-robin over S subscriptions, one hub firewall each. */
function buildEstate(clusters: number, subscriptions: number): ArmResource[] {
  return buildBenchEstate(clusters, subscriptions, NOW);
}

// Every type the inventory lists per subscription, from its own table.
const LISTED_TYPES = RESOURCE_LISTINGS.map(l => l.armType.toLowerCase());

/**
 * Fewest requests any complete refresh needs, and its critical path at this
 * latency under the same limits (overall and per subscription), with the
 * secrets lists after the type lists they depend on.
 */
function lowerBound(estate: ArmResource[], subscriptions: number) {
  let phase1 = 0;
  let phase2 = 0;
  let rounds1 = 0;
  let rounds2 = 0;
  for (let s = 0; s < subscriptions; s++) {
    const sub = subscriptionId(s);
    const inSub = estate.filter(r => r.id!.includes(sub));
    let pages = 0;
    for (const type of LISTED_TYPES) {
      const n = inSub.filter(r => r.type?.toLowerCase() === type).length;
      pages += Math.max(1, Math.ceil(n / PAGE_SIZE));
    }
    // Then one list per vault (its secrets) and per firewall policy (its
    // rule collection groups).
    const perResource = inSub.filter(r =>
      [
        'Microsoft.KeyVault/vaults',
        'Microsoft.Network/firewallPolicies',
      ].includes(r.type ?? ''),
    ).length;
    phase1 += pages;
    phase2 += perResource;
    rounds1 = Math.max(rounds1, Math.ceil(pages / PER_SUBSCRIPTION));
    rounds2 = Math.max(rounds2, Math.ceil(perResource / PER_SUBSCRIPTION));
  }
  rounds1 = Math.max(rounds1, Math.ceil(phase1 / CONCURRENCY));
  rounds2 = Math.max(rounds2, Math.ceil(phase2 / CONCURRENCY));
  return { requests: phase1 + phase2, ms: (rounds1 + rounds2) * LATENCY_MS };
}

function transportFor(estate: ArmResource[], subscriptions: number) {
  return new ArmFixtureTransport({
    resources: estate,
    pageSize: PAGE_SIZE,
    latencyMs: LATENCY_MS,
    throttle: THROTTLE,
    subscriptions: Array.from({ length: subscriptions }, (_, s) =>
      subscriptionId(s),
    ),
  });
}

async function ourRefresh(estate: ArmResource[], subscriptions: number) {
  const transport = transportFor(estate, subscriptions);
  const { knex, store } = await sqliteStore();
  const subs = Array.from({ length: subscriptions }, (_, s) =>
    subscriptionId(s),
  );
  const refresher = new FleetRefresher({
    store,
    logger: silentLogger,
    select: async () => ({
      all: true,
      ids: new Set(),
      subscriptions: subs,
      entityRefs: new Map(),
    }),
    collect: list =>
      collectInventory({
        subscriptionIds: list,
        credential: new StaticTokenCredential(),
        cloud,
        httpClient: transport,
        concurrency: CONCURRENCY,
      }),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in the benchmark',
  });
  const start = performance.now();
  const outcome = await refresher.refresh();
  const ms = performance.now() - start;
  return {
    ms,
    requests: transport.requestCount,
    throttled: transport.throttledCount,
    clusters: outcome.clusterCount,
    store,
    knex,
  };
}

/** What a hand-written script does: one GET per related resource, one cluster after another. */
async function naiveRefresh(estate: ArmResource[], subscriptions: number) {
  const transport = transportFor(estate, subscriptions);
  const base = cloud.armEndpoint;
  let throttled = 0;
  async function get(path: string): Promise<any> {
    const url = path.startsWith('http')
      ? path
      : `${base}${path}${path.includes('?') ? '&' : '?'}api-version=2024-01-01`;
    for (;;) {
      const response = await transport.sendRequest(
        createPipelineRequest({ url, method: 'GET' }),
      );
      if (response.status === 429) {
        throttled++;
        await new Promise(r =>
          setTimeout(
            r,
            Number(response.headers.get('retry-after') ?? 1) * 1000,
          ),
        );
        continue;
      }
      return response.status === 200
        ? JSON.parse(response.bodyAsText ?? 'null')
        : undefined;
    }
  }
  async function list(path: string): Promise<any[]> {
    const items: any[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: any = await get(next);
      items.push(...(page?.value ?? []));
      next = page?.nextLink;
    }
    return items;
  }
  let resolved = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: subscriptions }, async (_, s) => {
      const clusters = await list(
        `/subscriptions/${subscriptionId(
          s,
        )}/providers/Microsoft.ContainerService/managedClusters`,
      );
      for (const listed of clusters) {
        const cluster = await get(listed.id);
        const rg = listed.id.split('/providers/')[0];
        const [gateway] = await list(
          `${rg}/providers/Microsoft.Network/applicationGateways`,
        );
        await get(asString(readArm(gateway, 'firewallPolicy.id'))!);
        await get(
          asString(
            readArm(
              readArmList(gateway, 'frontendIPConfigurations')[0],
              'publicIPAddress.id',
            ),
          )!,
        );
        const subnetId = asString(
          readArm(readArmList(cluster, 'agentPoolProfiles')[0], 'vnetSubnetID'),
        )!;
        const vnet = await get(subnetId.replace(/\/subnets\/.*/, ''));
        const subnet = readArmList(vnet, 'subnets').find(
          (x: any) => x.id === subnetId,
        );
        await get(asString(readArm(subnet, 'routeTable.id'))!);
        const [vault] = await list(`${rg}/providers/Microsoft.KeyVault/vaults`);
        await list(`${rg}/providers/Microsoft.Network/privateEndpoints`);
        for (const name of [
          'gateway-external-pfx-cert',
          'appgw-ingress-internal-aks-ingress-tls',
          'traefik-ingress-internal-aks-ingress-tls',
        ]) {
          await get(`${vault.id}/secrets/${name}`);
        }
        resolved++;
      }
    }),
  );
  return {
    ms: performance.now() - start,
    requests: transport.requestCount,
    throttled,
    clusters: resolved,
  };
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** p50/p95 of the list and detail routes through the real router, on the stored snapshot. */
async function apiLatency(store: SnapshotStore) {
  const allow: any = {
    httpAuth: {
      credentials: async () => ({
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      }),
    },
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: 'ALLOW' })),
    },
  };
  const router = await createRouter({
    ...allow,
    scheduler: { triggerTask: async () => {} },
    catalog: { getEntityByRef: async () => undefined },
    reader: new FleetReader(store),
    config: { sources: [], cloud: 'AzurePublicCloud' } as any,
    sources: ['bench'],
    pluginVersion: 'bench',
  });
  const app = express().use('/api/aks-baseline', router);
  const server = createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}/api/aks-baseline`;
  const [first] = (await store.listClusters()).slice(0, 1);
  const detailPath = first.resourceId.replace(
    /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft.containerservice\/managedclusters\/(.+)$/i,
    '/v1/clusters/$1/$2/$3',
  );

  async function measure(path: string, n: number) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch(origin + path);
      const text = await res.text();
      times.push(performance.now() - t0);
      if (!res.ok)
        throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
      bytes = text.length;
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
  }
  await measure('/v1/clusters', 5); // warm-up
  // The real list body at this scale, for the fleet page benchmark in chromium.
  const listBody = await (await fetch(`${origin}/v1/clusters`)).text();
  const list = await measure('/v1/clusters', 100);
  const detail = await measure(detailPath, 100);
  server.close();
  return { list, detail, listBody };
}

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main() {
  const rows: any[] = [];
  let api: any;
  for (const { clusters, subscriptions } of ESTATES) {
    const estate = buildEstate(clusters, subscriptions);
    const bound = lowerBound(estate, subscriptions);
    (global as any).gc?.();
    const { result: refreshed, peakRssMb } = await withPeakRss(() =>
      ourRefresh(estate, subscriptions),
    );
    const ours = { ...refreshed, peakRssMb };
    if (clusters === 1000 && !api) api = await apiLatency(ours.store);
    await ours.knex.destroy();
    const naive = await naiveRefresh(estate, subscriptions);
    rows.push({
      clusters,
      subscriptions,
      ours: {
        ms: ours.ms,
        requests: ours.requests,
        throttled: ours.throttled,
        clustersResolved: ours.clusters,
        peakRssMb: ours.peakRssMb,
      },
      naive: {
        ms: naive.ms,
        requests: naive.requests,
        throttled: naive.throttled,
        clustersResolved: naive.clusters,
      },
      lowerBound: bound,
      ratios: {
        naiveOverOursRequests: naive.requests / ours.requests,
        naiveOverOursTime: naive.ms / ours.ms,
        oursOverBoundRequests: ours.requests / bound.requests,
        oursOverBoundTime: ours.ms / bound.ms,
      },
    });
    process.stderr.write(`estate ${clusters}/${subscriptions} done\n`);
  }

  const lines = [
    `### Fleet refresh (latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY} overall / ${PER_SUBSCRIPTION} per subscription, page size ${PAGE_SIZE}, throttle ${THROTTLE.requestsPerWindow} req/10 s per subscription)`,
    '',
    '| clusters / subs | ours: requests | ours: 429s | ours: time | ours: peak RSS | naive: requests | naive: 429s | naive: time | naive/ours requests | naive/ours time | ours/bound requests | ours/bound time |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      r =>
        `| ${r.clusters} / ${r.subscriptions} | ${fmt(r.ours.requests)} | ${
          r.ours.throttled
        } | ${fmt(r.ours.ms / 1000, 2)} s | ${fmt(r.ours.peakRssMb)} MB | ${fmt(
          r.naive.requests,
        )} | ${r.naive.throttled} | ${fmt(r.naive.ms / 1000, 2)} s | ${fmt(
          r.ratios.naiveOverOursRequests,
          1,
        )}x | ${fmt(r.ratios.naiveOverOursTime, 1)}x | ${fmt(
          r.ratios.oursOverBoundRequests,
          2,
        )}x (bound ${fmt(r.lowerBound.requests)}) | ${fmt(
          r.ratios.oursOverBoundTime,
          2,
        )}x (bound ${fmt(r.lowerBound.ms / 1000, 2)} s) |`,
    ),
    '',
    `Peak RSS of the whole benchmark process (both refreshes, estates, API phase): ${fmt(
      maxRssMb(),
    )} MB.`,
  ];
  if (api) {
    lines.push(
      '',
      '### Snapshot API at 1,000 clusters (real router, SQLite snapshot, 100 requests each)',
      '',
      '| route | p50 | p95 | response size |',
      '|---|---|---|---|',
      `| GET /v1/clusters | ${fmt(api.list.p50, 1)} ms | ${fmt(
        api.list.p95,
        1,
      )} ms | ${fmt(api.list.bytes / 1024)} KiB |`,
      `| GET /v1/clusters/:sub/:rg/:name | ${fmt(api.detail.p50, 1)} ms | ${fmt(
        api.detail.p95,
        1,
      )} ms | ${fmt(api.detail.bytes / 1024)} KiB |`,
    );
  }
  console.log(lines.join('\n'));
  const outDir = join(__dirname, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  if (api) {
    writeFileSync(join(outDir, 'fleet-list-1000.json'), api.listBody);
    delete api.listBody;
  }
  writeFileSync(
    join(outDir, 'fleet.json'),
    JSON.stringify(
      {
        latencyMs: LATENCY_MS,
        throttle: THROTTLE,
        pageSize: PAGE_SIZE,
        concurrency: CONCURRENCY,
        perSubscription: PER_SUBSCRIPTION,
        estates: rows,
        api,
        maxRssMb: maxRssMb(),
      },
      null,
      2,
    ),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
