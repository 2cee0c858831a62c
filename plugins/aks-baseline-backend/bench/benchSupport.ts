/*
 * What the fleet benchmarks share (fleetBench.ts, scaleBench.ts): the estate
 * (from __testUtils__, where the request-count test reads it too), an
 * in-memory SQLite snapshot store, peak RSS sampling.
 */
import knexFactory from 'knex';
import { SnapshotStore } from '../src/store/SnapshotStore';

export {
  benchSubscriptionId,
  buildBenchEstate,
} from '../src/__testUtils__/baselineStampEstate';

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
