#!/usr/bin/env node
// Fleet page in Debian's chromium: time until the table is rendered and until
// it answers a search, for the demo estate (its 5 clusters, the baseline measured
// in the same run) and for 1,000 clusters.
//
// The app is the production build, served by the backend as in production.
// For 1,000 clusters only the list response is substituted, with the real
// body the fleet benchmark captured from the router at 1,000 clusters
// (bench-results/fleet-list-1000.json); everything in the page is the real code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'bench-results');
const ORIGIN = 'http://localhost:7007';
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const yarnRelease = join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs');
mkdirSync(outDir, { recursive: true });

const listFile = join(outDir, 'fleet-list-1000.json');
if (!existsSync(listFile)) {
  console.log(
    '(skipped: run the fleet benchmark first; it writes bench-results/fleet-list-1000.json)',
  );
  process.exit(0);
}
const bigList = readFileSync(listFile, 'utf8');
const bigCount = JSON.parse(bigList).clusters.length;
const needle = JSON.parse(bigList).clusters.at(-1).name;

function yarn(args, options = {}) {
  const result = spawnSync(process.execPath, [yarnRelease, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, YARN_ENABLE_TELEMETRY: '0' },
    ...options,
  });
  if (result.status !== 0) throw new Error(`yarn ${args.join(' ')} failed`);
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

const median = values =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  process.stderr.write('building the app (production bundle)...\n');
  yarn(['workspace', 'app', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  // The backend serves the built app itself, as in production.
  const configFile = join(outDir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    `app:\n  baseUrl: ${ORIGIN}\nbackend:\n  baseUrl: ${ORIGIN}\n  cors:\n    origin: ${ORIGIN}\n`,
  );
  const backend = spawn(
    process.execPath,
    [
      yarnRelease,
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: root,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, YARN_ENABLE_TELEMETRY: '0' },
    },
  );
  let browser;
  try {
    await waitFor(`${ORIGIN}/.backstage/health/v1/readiness`, 180_000);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(ORIGIN);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: 'Catalog' }).first().waitFor();

    async function measure(count, search) {
      const renders = [];
      const searches = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await page.goto(`${ORIGIN}/aks-baseline`);
        await page.getByText(`Clusters (${count})`).waitFor();
        await page.locator('tbody tr').first().waitFor();
        renders.push(performance.now() - t0);

        const box = page.getByPlaceholder(/filter|search/i).first();
        const t1 = performance.now();
        await box.fill(search);
        await page.locator('tbody tr', { hasText: search }).first().waitFor();
        await page.waitForFunction(
          () => document.querySelectorAll('tbody tr').length === 1,
        );
        searches.push(performance.now() - t1);
      }
      return {
        renderMs: median(renders),
        searchMs: median(searches),
        runs: RUNS,
      };
    }

    const DEMO_CLUSTERS = 5;
    const demo = await measure(DEMO_CLUSTERS, 'aks-prod-weu');
    await page.route('**/api/aks-baseline/v1/clusters', route =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: bigList,
      }),
    );
    const big = await measure(bigCount, needle);
    await page.screenshot({ path: join(outDir, 'fleet-page-1000.png') });

    const lines = [
      `### Fleet page in chromium (production bundle, median of ${RUNS})`,
      '',
      '| clusters | table rendered after navigation | search answered | ratio to the demo (render / search) |',
      '|---|---|---|---|',
      `| ${DEMO_CLUSTERS} (demo estate, baseline) | ${demo.renderMs.toFixed(
        0,
      )} ms | ${demo.searchMs.toFixed(0)} ms | 1.0x / 1.0x |`,
      `| ${bigCount} | ${big.renderMs.toFixed(0)} ms | ${big.searchMs.toFixed(
        0,
      )} ms | ${(big.renderMs / demo.renderMs).toFixed(1)}x / ${(
        big.searchMs / demo.searchMs
      ).toFixed(1)}x |`,
    ];
    console.log(lines.join('\n'));
    writeFileSync(
      join(outDir, 'fleet-page.json'),
      JSON.stringify({ demo, big, clusters: bigCount }, null, 2),
    );
  } finally {
    await browser?.close();
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already stopped
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
