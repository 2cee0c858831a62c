/* eslint-disable no-console -- a benchmark script: its console output is its result */
/**
 * NetworkPolicy evaluator benchmark (not a test): a deterministic synthetic
 * cluster of 500 pods in 50 namespaces with 200 policies, full connectivity
 * matrix. Prints wall time, heap and RSS growth, and the speed-up over a
 * naive per-pair re-evaluation measured in the same run. See bench/README.md.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-common/bench/netpolBench.ts     (from the repo root)
 *
 * Add --expose-gc (before --require) for steadier memory figures.
 */
import { performance } from 'node:perf_hooks';
import {
  analyzeNetworkPolicies,
  ConnectivityEntry,
  ConnectivityPeer,
  NetpolSnapshot,
} from '../src/netpol';
import { createNaiveEvaluator } from '../src/__testUtils__/netpol/naiveEvaluator';
import { syntheticCluster } from '../src/__testUtils__/netpol/syntheticCluster';

const TARGET_MS = 1000;
const TARGET_MB = 200;
const WARM_RUNS = 5;
const SHAPE = { namespaces: 50, pods: 500, policies: 200, seed: 20240611 };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (millis: number) => `${millis.toFixed(0)} ms`;
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const podRef = (peer: ConnectivityPeer) =>
  'pod' in peer ? `${peer.pod.namespace}/${peer.pod.name}` : 'external';

/** Validate + index + full matrix (pods and external ranges of both families). */
function measureFullMatrix(snapshot: NetpolSnapshot) {
  collectGarbage();
  const before = process.memoryUsage();
  const start = performance.now();
  const analysis = analyzeNetworkPolicies(snapshot);
  const indexed = performance.now();
  const entries = analysis.connectivity();
  const end = performance.now();
  const after = process.memoryUsage();
  return {
    entries,
    indexMs: indexed - start,
    matrixMs: end - indexed,
    totalMs: end - start,
    heapDelta: after.heapUsed - before.heapUsed,
    rssDelta: after.rss - before.rss,
  };
}

/** The pod-to-pod part only (validate + index included), to compare with the naive baseline. */
function timePodMatrix(snapshot: NetpolSnapshot): number {
  collectGarbage();
  const start = performance.now();
  analyzeNetworkPolicies(snapshot).connectivity({ ipFamilies: [] });
  return performance.now() - start;
}

/**
 * The naive baseline: every pod pair re-evaluated from the raw policies, with
 * no index, no selector cache and no port-set interning.
 */
function naivePodMatrix(snapshot: NetpolSnapshot) {
  const naive = createNaiveEvaluator(snapshot);
  const peers = snapshot.pods.map(p => ({
    pod: { namespace: p.namespace, name: p.name },
  }));
  collectGarbage();
  const start = performance.now();
  const allowed = new Map<string, string>();
  for (const src of peers) {
    for (const dst of peers) {
      if (src === dst) continue;
      const ports = naive.allowed(src, dst);
      if (ports.length > 0) {
        allowed.set(`${podRef(src)}>${podRef(dst)}`, JSON.stringify(ports));
      }
    }
  }
  return { allowed, millis: performance.now() - start };
}

function countDifferences(
  podPairs: ConnectivityEntry[],
  naiveAllowed: Map<string, string>,
): number {
  const differing = podPairs.filter(
    e =>
      naiveAllowed.get(`${podRef(e.src)}>${podRef(e.dst)}`) !==
      JSON.stringify(e.ports),
  ).length;
  return differing + Math.abs(naiveAllowed.size - podPairs.length);
}

function main() {
  const snapshot = syntheticCluster(SHAPE);
  const podCount = snapshot.pods.length;
  console.log(
    `cluster: ${podCount} pods, ${snapshot.namespaces.length} namespaces (+1 undeclared), ` +
      `${snapshot.policies.length} policies, seed ${SHAPE.seed}; node ${process.version}` +
      `${(globalThis as { gc?: unknown }).gc ? ', --expose-gc' : ''}`,
  );

  const cold = measureFullMatrix(snapshot);
  const podPairs = cold.entries.filter(e => 'pod' in e.src && 'pod' in e.dst);
  console.log(
    `full matrix, cold: ${ms(cold.totalMs)} (validate+index ${ms(
      cold.indexMs,
    )}, ` +
      `matrix ${ms(cold.matrixMs)}); ${cold.entries.length} allowed entries, ` +
      `${podPairs.length} of ${podCount * (podCount - 1)} pod pairs`,
  );
  console.log(
    `memory, cold run: heap +${mb(cold.heapDelta)} MB, rss +${mb(
      cold.rssDelta,
    )} MB ` +
      `(results still held); process peak rss ${mb(
        process.resourceUsage().maxRSS * 1024,
      )} MB`,
  );

  const warm = Array.from(
    { length: WARM_RUNS },
    () => measureFullMatrix(snapshot).totalMs,
  );
  console.log(
    `full matrix, warm: median ${ms(median(warm))} of ${WARM_RUNS} runs`,
  );

  const naive = naivePodMatrix(snapshot);
  const indexedPodMatrix = median(
    Array.from({ length: WARM_RUNS }, () => timePodMatrix(snapshot)),
  );
  const differences = countDifferences(podPairs, naive.allowed);
  console.log(
    `pod-to-pod matrix: naive ${ms(naive.millis)}, indexed ${ms(
      indexedPodMatrix,
    )} (median) ` +
      `-> ${(naive.millis / indexedPodMatrix).toFixed(
        1,
      )}x faster; results agree: ` +
      `${differences === 0 ? 'yes' : `NO (${differences} differences)`}`,
  );

  const withinTime = cold.totalMs < TARGET_MS;
  const withinMemory =
    Math.max(cold.heapDelta, cold.rssDelta) / 1024 / 1024 < TARGET_MB;
  console.log(
    `targets (cold run): time < ${TARGET_MS} ms ${
      withinTime ? 'OK' : 'MISSED'
    }, ` + `memory < ${TARGET_MB} MB ${withinMemory ? 'OK' : 'MISSED'}`,
  );
  if (differences !== 0) process.exitCode = 1;
}

main();
