#!/usr/bin/env node
// Fleet page in Debian's chromium: time until the table is rendered and until
// it answers a search (the demo) or shows the next page (10,000 clusters), for
// the demo estate (its 5 clusters, the baseline measured in the same run) and
// for 10,000 clusters.
//
// The app is the production build, served by the backend as in production.
// For 10,000 clusters only the list response is substituted, with the real
// first page the fleet list benchmark captured from the router at 10,000
// clusters (bench-results/fleet-list-page-10000.json); the page asks the
// backend for one page at a time, so that is all it ever receives.
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

const listFile = join(outDir, 'fleet-list-page-10000.json');
if (!existsSync(listFile)) {
  console.log(
    '(skipped: run the fleet list benchmark first; it writes bench-results/fleet-list-page-10000.json)',
  );
  process.exit(0);
}
const bigPage = readFileSync(listFile, 'utf8');
const bigCount = JSON.parse(bigPage).total;
const LIST_ROUTE = /\/api\/aks-baseline\/v1\/clusters(\?|$)/;

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

    /** Render time, then the time `interact` takes to see its answer. */
    async function measure(count, interact) {
      const renders = [];
      const searches = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await page.goto(`${ORIGIN}/aks-baseline`);
        await page.getByText(`Clusters (${count})`).waitFor();
        await page.locator('tbody tr').first().waitFor();
        renders.push(performance.now() - t0);

        const t1 = performance.now();
        await interact();
        searches.push(performance.now() - t1);
      }
      return {
        renderMs: median(renders),
        searchMs: median(searches),
        runs: RUNS,
      };
    }

    const DEMO_CLUSTERS = 5;
    const demo = await measure(DEMO_CLUSTERS, async () => {
      await page.getByLabel('Search', { exact: true }).fill('aks-prod-weu');
      await page.waitForFunction(
        () => document.querySelectorAll('tbody tr[index]').length === 1,
      );
    });
    await page.route(LIST_ROUTE, route =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: bigPage,
      }),
    );
    const big = await measure(bigCount, async () => {
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText(`21-40 of ${bigCount}`).waitFor();
    });
    await page.screenshot({ path: join(outDir, 'fleet-page-10000.png') });

    const lines = [
      `### Fleet page in chromium (production bundle, median of ${RUNS})`,
      '',
      '| clusters | table rendered after navigation | search (demo) / next page (10,000) answered | ratio to the demo (render / answer) |',
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
