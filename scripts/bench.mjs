#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, one after another, each
// printing its figures (ratios against a baseline measured in the same run).
// Results: bench-results/*.json and bench-results/summary.md (ignored by git).
//
//   node scripts/bench.mjs            all benchmarks
//   node scripts/bench.mjs netpol     only those whose name contains "netpol"
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const transform = ['--require', '@backstage/cli/config/nodeTransform.cjs'];
const benches = [
  {
    name: 'netpol: NetworkPolicy matrix, 500 pods / 50 namespaces / 200 policies',
    args: [...transform, 'plugins/aks-baseline-common/bench/netpolBench.ts'],
  },
  {
    name: 'onboard-app: generate + check, no I/O',
    args: [
      ...transform,
      'plugins/scaffolder-backend-module-aks-baseline/bench/onboardAppBench.ts',
    ],
  },
  {
    name: 'create-cluster: generate + check, no I/O',
    args: [
      ...transform,
      'plugins/scaffolder-backend-module-aks-baseline/bench/createClusterBench.ts',
    ],
  },
  {
    name: 'fleet: refresh vs naive, snapshot API',
    args: [...transform, 'plugins/aks-baseline-backend/bench/fleetBench.ts'],
  },
  {
    name: 'catalog provider: what it adds to a refresh, 5 and 1,000 clusters',
    args: [
      ...transform,
      'plugins/aks-baseline-backend/bench/catalogProviderBench.ts',
    ],
  },
  {
    name: 'trace: one packet trace on the largest of 1,000 synthetic clusters',
    args: [...transform, 'plugins/aks-baseline-backend/bench/traceBench.ts'],
  },
  {
    name: 'scale: refresh at 10,000 clusters / 100 subscriptions, arm and resourceGraph, full and steady-state',
    args: [...transform, 'plugins/aks-baseline-backend/bench/scaleBench.ts'],
  },
  {
    name: 'fleet list: paged route, 10,000 clusters, 20 clients',
    args: [
      ...transform,
      'plugins/aks-baseline-backend/bench/fleetListBench.ts',
    ],
  },
  {
    name: 'fleet page: 10,000 clusters in chromium',
    args: ['scripts/bench/fleetPageBench.mjs'],
  },
];

const filter = process.argv[2];
const outDir = join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
const machine = `${
  cpus().length
} cores (${cpus()[0]?.model?.trim()}), ${Math.round(
  totalmem() / 2 ** 30,
)} GiB, Node ${process.version}`;
const sections = [
  `# Benchmarks\n\nMachine: ${machine}. Run: ${new Date().toISOString()}.\n`,
];
let failed = 0;

for (const bench of benches) {
  if (filter && !bench.name.includes(filter)) continue;
  const script = bench.args[bench.args.length - 1];
  if (!existsSync(join(root, script))) {
    console.log(`\n## ${bench.name}\n(skipped: ${script} not found)`);
    continue;
  }
  console.log(`\n## ${bench.name}\n`);
  const result = spawnSync(process.execPath, bench.args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    failed++;
    console.log(`(failed: exit ${result.status})`);
  }
  sections.push(`## ${bench.name}\n\n${result.stdout.trim()}\n`);
}

writeFileSync(join(outDir, 'summary.md'), sections.join('\n'));
console.log(`\nWritten: bench-results/summary.md`);
process.exit(failed ? 1 : 0);
