/*
 * Packet trace on the largest cluster of the 1,000-cluster synthetic estate.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/traceBench.ts
 *
 * The estate is the fleet benchmark's 1,000 clusters: baseline stamps in 10
 * subscriptions behind one hub firewall each (the bare `syntheticEstate`
 * gateways carry no listeners, so a trace would end at the first hop). The
 * largest cluster's in-cluster half is the demo's onboarded app and Traefik plus a
 * NetworkPolicy-heavy cluster beside it (500 pods, 50 namespaces, 200
 * policies), so the trace's NetworkPolicy hop has real work. Times one
 * inbound and one outbound trace on the stored snapshot (p50/p95), against
 * the chain resolution of the same cluster measured in the same run.
 * Writes bench-results/trace.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ArmResource,
  DEFAULT_EXPIRY_THRESHOLDS,
  KubernetesObject,
  traceRequest,
  TraceRequest,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  baselineClusterObjects,
  buildBaselineStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  hubVirtualNetworkId,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../src/__testUtils__/inventoryOf';
import { indexInventory, resolveCluster } from '../src/resolver';

const RUNS = 200;
const NOW = new Date();

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function time(run: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const snapshotHost = (cluster: ArmResource) =>
  `app${Number(cluster.name!.slice(4))}.contoso.com`;

/**
 * A policy-heavy cluster beside the app: 50 namespaces of 10 pods, each
 * namespace isolated by default and opening ingress from its own pods and
 * from Traefik's namespace, and egress to DNS (200 policies).
 */
function policyHeavyObjects(): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  const policy = (namespace: string, name: string, spec: object) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace, name },
    spec: { podSelector: {}, ...spec },
  });
  for (let n = 0; n < 50; n++) {
    const namespace = `team-${String(n).padStart(2, '0')}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'kubernetes.io/metadata.name': namespace, team: `t${n % 7}` },
      },
    });
    for (let p = 0; p < 10; p++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          namespace,
          name: `app-${p}`,
          labels: { app: `app-${p % 3}`, tier: p % 2 ? 'backend' : 'frontend' },
        },
        spec: {
          containers: [
            { name: 'app', ports: [{ name: 'http', containerPort: 8080 }] },
          ],
        },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      });
    }
    objects.push(
      policy(namespace, 'default-deny', { policyTypes: ['Ingress', 'Egress'] }),
      policy(namespace, 'allow-same-namespace', {
        ingress: [{ from: [{ podSelector: {} }] }],
        policyTypes: ['Ingress'],
      }),
      policy(namespace, 'allow-from-traefik', {
        podSelector: { matchLabels: { tier: 'frontend' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'a0008' },
                },
              },
            ],
            ports: [{ port: 8080 }],
          },
        ],
        policyTypes: ['Ingress'],
      }),
      policy(namespace, 'allow-dns', {
        egress: [
          {
            to: [{ namespaceSelector: {} }],
            ports: [{ port: 53, protocol: 'UDP' }],
          },
        ],
        policyTypes: ['Egress'],
      }),
    );
  }
  return objects;
}

/** 1,000 baseline stamps round-robin over 10 subscriptions, as in fleetBench. */
function baselineEstate(): ArmResource[] {
  const sub = (i: number) =>
    `00000000-0000-4000-8000-${String(i % 10).padStart(12, '0')}`;
  const hubLocations = Array.from({ length: 10 }, (_, s) => ({
    subscriptionId: sub(s),
    location: 'westeurope',
    privateIp: '10.200.0.4',
  }));
  const hubs = hubLocations.map(hub => buildHubFirewall(hub));
  const stamps = Array.from({ length: 1000 }, (_, i) =>
    buildBaselineStamp({
      subscriptionId: sub(i),
      resourceGroup: `rg-aks-${i}`,
      name: `aks-${String(i).padStart(4, '0')}`,
      location: 'westeurope',
      spokeOctet: i % 250,
      firewall: {
        id: hubs[i % 10].id!,
        privateIp: '10.200.0.4',
        hubVirtualNetworkId: hubVirtualNetworkId(hubLocations[i % 10]),
      },
      host: `app${i}.contoso.com`,
      certificateDaysLeft: { edge: 90, backendTrustRoot: 200, ingress: 120 },
      tagGateway: true,
      now: NOW,
    }),
  );
  return [
    ...hubLocations.map(hub => buildHubVirtualNetwork(hub)),
    ...hubs,
    ...stamps.flat(),
  ];
}

function main() {
  const estate = { resources: baselineEstate() };
  const inventory = inventoryOf(estate.resources);
  const index = indexInventory(inventory);
  // The largest cluster: the one whose resource group holds the most resources.
  const perGroup = new Map<string, number>();
  for (const r of estate.resources) {
    const group = r.id!.split('/providers/')[0].toLowerCase();
    perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
  }
  const sizeOf = (cluster: ArmResource) =>
    perGroup.get(cluster.id!.split('/providers/')[0].toLowerCase()) ?? 0;
  const cluster = [...inventory.managedClusters].sort(
    (a, b) => sizeOf(b) - sizeOf(a),
  )[0];
  const objects = [
    ...baselineClusterObjects({
      clusterName: cluster.name!,
      resourceGroup: cluster.id!.split('/')[4],
      spokeOctet: Number(cluster.name!.slice(4)) % 250,
      app: {
        name: 'payments-api',
        namespace: 'payments',
        host: snapshotHost(cluster),
        owner: 'payments-team',
      },
    }),
    ...policyHeavyObjects(),
  ];
  const resolve = () =>
    resolveCluster(cluster, index, {
      now: NOW,
      thresholds: DEFAULT_EXPIRY_THRESHOLDS,
      vaultErrors: new Map(),
      subscriptionErrors: [],
      kubernetes: { objects },
    });
  const snapshot = resolve();
  const listener = snapshotHost(cluster);
  const requests: Record<string, TraceRequest> = {
    inbound: {
      direction: 'inbound',
      clientAddress: '203.0.113.10',
      scheme: 'https',
      host: listener.replace('*', 'app'),
      port: 443,
      path: '/',
    },
    outbound: {
      direction: 'outbound',
      source: {
        namespace: 'payments',
        labels: { 'app.kubernetes.io/name': 'payments-api' },
      },
      destination: { fqdn: 'api.partner.com' },
      port: 443,
      protocol: 'TCP',
    },
  };
  // Warm-up, and what each trace decides (so the figures say what was timed).
  const verdicts = Object.fromEntries(
    Object.entries(requests).map(([name, request]) => {
      const result = traceRequest(snapshot, request);
      return [
        name,
        `${result.verdict} after ${
          result.steps.length
        } hops: ${result.summary.slice(0, 140)}`,
      ];
    }),
  );
  const baseline = time(resolve);
  const traces = Object.fromEntries(
    Object.entries(requests).map(([name, request]) => [
      name,
      time(() => traceRequest(snapshot, request)),
    ]),
  );
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(
    `cluster ${cluster.name} of 1,000 baseline stamps (10 subscriptions): ${objects.length} Kubernetes objects; ${RUNS} runs each; node ${process.version}`,
  );
  console.log('| what | p50 | p95 | p95 / chain resolution p95 |');
  console.log('|---|---|---|---|');
  console.log(
    `| chain resolution (baseline) | ${ms(baseline.p50)} | ${ms(
      baseline.p95,
    )} | 1.00 |`,
  );
  for (const [name, t] of Object.entries(traces)) {
    console.log(
      `| trace, ${name} | ${ms(t.p50)} | ${ms(t.p95)} | ${(
        t.p95 / baseline.p95
      ).toFixed(2)} |`,
    );
  }
  for (const [name, verdict] of Object.entries(verdicts))
    console.log(`${name}: ${verdict}`);
  const worst = Math.max(...Object.values(traces).map(t => t.p95));
  console.log(
    `target p95 < 50 ms: ${worst < 50 ? 'met' : 'MISSED'} (${ms(worst)})`,
  );
  const out = join(__dirname, '..', '..', '..', 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'trace.json'),
    JSON.stringify(
      {
        cluster: cluster.name,
        objects: objects.length,
        runs: RUNS,
        baseline,
        traces,
        verdicts,
      },
      null,
      2,
    ),
  );
}

main();
