/*
 * What the fleet benchmarks share (fleetBench.ts, scaleBench.ts): the estate
 * (N baseline stamps round-robin over S subscriptions, one hub firewall per
 * subscription), an in-memory SQLite snapshot store, peak RSS sampling.
 */
import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import knexFactory from 'knex';
import { SnapshotStore } from '../src/store/SnapshotStore';
import {
  buildBaselineStamp,
  buildHubFirewall,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';

export function benchSubscriptionId(i: number) {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function buildBenchEstate(
  clusters: number,
  subscriptions: number,
  now: Date,
): ArmResource[] {
  const resources: ArmResource[] = [];
  for (let s = 0; s < subscriptions; s++) {
    resources.push(
      buildHubFirewall({
        subscriptionId: benchSubscriptionId(s),
        location: 'westeurope',
        privateIp: '10.200.0.4',
      }),
    );
  }
  for (let i = 0; i < clusters; i++) {
    const sub = benchSubscriptionId(i % subscriptions);
    resources.push(
      ...buildBaselineStamp({
        subscriptionId: sub,
        resourceGroup: `rg-aks-${i}`,
        name: `aks-${String(i).padStart(4, '0')}`,
        location: 'westeurope',
        spokeOctet: i % 250,
        firewall: {
          id: `/subscriptions/${sub}/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/azureFirewalls/fw-westeurope`,
          privateIp: '10.200.0.4',
        },
        host: `app${i}.contoso.com`,
        certificateDaysLeft: {
          edge: ((i * 7) % 400) - 10,
          backendTrustRoot: 200,
          ingress: 120,
        },
        tagGateway: true,
        now,
      }),
    );
  }
  return resources;
}

export const silentLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silentLogger,
};

/** Peak RSS (and V8 heap in use) while `work` runs, sampled every 20 ms. */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; peakHeapMb: number }> {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return {
      result,
      peakRssMb: peak / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A snapshot store on an in-memory SQLite database, or in the file at
 * `filename` (its pages then live in the kernel's page cache, not in the
 * process, as a database server's would).
 */
export async function sqliteStore(filename = ':memory:') {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const store = await SnapshotStore.create({
    database: { getClient: async () => knex } as any,
  });
  return { knex, store };
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
