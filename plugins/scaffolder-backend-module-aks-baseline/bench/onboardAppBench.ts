/*
 * Micro benchmark of the action's pure path (validate input -> spec ->
 * generate objects -> check -> serialize files), without any I/O.
 * Target: under 100 ms per run.
 *
 * From the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/scaffolder-backend-module-aks-baseline/bench/onboardAppBench.ts
 * BENCH_ITERATIONS overrides the number of timed runs (default 500).
 */
import { performance } from 'node:perf_hooks';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { createClusterExampleInputs } from '../src/actions/createCluster.examples';
import { examples } from '../src/actions/onboardApp.examples';
import { clusterCatalogEntity } from '../src/generators/cluster/catalogInfo';
import { renderOnboarding } from '../src/generators/onboarding';
import { parseCreateClusterInput } from '../src/validation/createClusterInput';
import {
  OnboardingCatalogView,
  parseOnboardAppInput,
} from '../src/validation/onboardAppInput';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 500);
const WARMUP = 50;

/**
 * What the catalog holds for the clusters create-cluster's examples make:
 * an example naming one reads its stamp contract. The catalog lookup is I/O,
 * so it stays outside the timed path.
 */
const clusterEntities = createClusterExampleInputs().map(input =>
  clusterCatalogEntity(parseCreateClusterInput(input).spec),
);

function catalogViewFor(input: { cluster: string }): OnboardingCatalogView {
  const clusterEntity = clusterEntities.find(
    entity => stringifyEntityRef(entity) === input.cluster,
  );
  return clusterEntity ? { asked: true, clusterEntity, appsOnCluster: [] } : {};
}

function runOnce(input: { cluster: string }): number {
  const start = performance.now();
  const { spec, dirs } = parseOnboardAppInput(input, catalogViewFor(input));
  renderOnboarding(spec, dirs);
  return performance.now() - start;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

for (const [index, example] of examples.entries()) {
  const input = parse(example.example).steps[0].input;
  // The first run pays for module loading and JIT warm-up, as the first
  // task after a backend start would.
  const first = runOnce(input);
  for (let i = 0; i < WARMUP; i++) runOnce(input);
  const times = Array.from({ length: ITERATIONS }, () => runOnce(input)).sort(
    (a, b) => a - b,
  );
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  process.stdout.write(
    `example ${index + 1} (${input.appName}): first ${ms(first)}, ` +
      `mean ${ms(mean)}, p95 ${ms(percentile(times, 0.95))}, ` +
      `max ${ms(times[times.length - 1])} over ${ITERATIONS} runs\n`,
  );
}
