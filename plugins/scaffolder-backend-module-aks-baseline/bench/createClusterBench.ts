/*
 * Micro benchmark of the create-cluster action's pure path: validate input
 * -> spec -> generate the ARM template and Traefik's manifests -> run the
 * baseline control evaluator on them -> serialize the files. No I/O, no
 * Azure (deploy is not part of it).
 *
 * From the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/scaffolder-backend-module-aks-baseline/bench/createClusterBench.ts
 * BENCH_ITERATIONS overrides the number of timed runs (default 300).
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { examples } from '../src/actions/createCluster.examples';
import {
  checkClusterControls,
  generateCluster,
  renderCluster,
} from '../src/generators/cluster';
import { parseCreateClusterInput } from '../src/validation/createClusterInput';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = 30;

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

function report(label: string, run: () => void) {
  // The first run pays for module loading and JIT warm-up, as the first task
  // after a backend start would.
  const first = timed(run);
  for (let i = 0; i < WARMUP; i++) run();
  const times = Array.from({ length: ITERATIONS }, () => timed(run)).sort(
    (a, b) => a - b,
  );
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  process.stdout.write(
    `${label}: first ${ms(first)}, mean ${ms(mean)}, p95 ${ms(
      percentile(times, 0.95),
    )}, max ${ms(times[times.length - 1])} over ${ITERATIONS} runs\n`,
  );
}

for (const [index, example] of examples.entries()) {
  const input = parse(example.example).steps[0].input;
  report(
    `example ${index + 1} (${
      input.clusterName
    }) validate+generate+check+serialize`,
    () => {
      const request = parseCreateClusterInput(input);
      renderCluster(request.spec, {
        outputDir: request.outputDir,
        notes: request.notes,
      });
    },
  );
}

// The control evaluator's share of it, on the default example.
const { spec } = parseCreateClusterInput(
  parse(examples[0].example).steps[0].input,
);
const generated = generateCluster(spec);
report('example 1 control gate only', () => {
  checkClusterControls(spec, generated.names, generated);
});
