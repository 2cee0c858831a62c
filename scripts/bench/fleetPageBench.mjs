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
// backend for one page at a time, so that is all it ever receives. The page's
// own fetch answers it (an init script), not Playwright routing: routing
// turns the HTTP cache off and sends every request through the driver, which
// made the app's start 0.65 s slower than the demo's it was compared with.
// Both estates are measured in browser contexts of their own, signed in first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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
  // BENCH_PAGE_SKIP_BUILD=1 reuses a production build already in packages/app/dist.
  if (
    process.env.BENCH_PAGE_SKIP_BUILD === '1' &&
    existsSync(join(root, 'packages', 'app', 'dist', 'index.html'))
  ) {
    process.stderr.write('reusing packages/app/dist (BENCH_PAGE_SKIP_BUILD)\n');
  } else {
    process.stderr.write('building the app (production bundle)...\n');
    yarn(['workspace', 'app', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

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

    /**
     * A signed-in page in its own browser context. With `listBody`, the
     * page's own `fetch` answers the list route with it: no Playwright
     * routing, which would disable the HTTP cache and send every request of
     * the app's start through the driver (measured: +650 ms of app start at
     * load average 7).
     */
    async function openPage(listBody) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
      });
      // Marks when the table's first row enters the document, on every load.
      await context.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('tbody tr')) {
            performance.mark('bench:rows');
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      if (listBody) {
        await context.addInitScript(body => {
          const realFetch = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const url =
              typeof input === 'string' ? input : input.url ?? String(input);
            if (!/\/api\/aks-baseline\/v1\/clusters(\?|$)/.test(url)) {
              return realFetch(input, init);
            }
            performance.mark('bench:list-start');
            const response = new Response(body, {
              status: 200,
              headers: { 'content-type': 'application/json' },
            });
            performance.mark('bench:list-end');
            return response;
          };
        }, listBody);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(ORIGIN);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
      return page;
    }

    /** Render time, then the time `interact` takes to see its answer. */
    async function measure(page, count, interact) {
      const renders = [];
      const searches = [];
      const phases = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await page.goto(`${ORIGIN}/aks-baseline`);
        await page.getByText(`Clusters (${count})`).waitFor();
        await page.locator('tbody tr').first().waitFor();
        renders.push(performance.now() - t0);
        // Where the time went, on the page's own clock (from navigation):
        // the app starting until it asks for the list, the list request,
        // and rendering the rows after the answer.
        phases.push(
          await page.evaluate(() => {
            const mark = name =>
              performance.getEntriesByName(name, 'mark')[0]?.startTime;
            const list =
              performance
                .getEntriesByType('resource')
                .filter(e =>
                  /\/api\/aks-baseline\/v1\/clusters(\?|$)/.test(e.name),
                )
                .pop() ??
              (mark('bench:list-start') === undefined
                ? undefined
                : {
                    startTime: mark('bench:list-start'),
                    responseEnd: mark('bench:list-end'),
                  });
            const paint = performance
              .getEntriesByType('mark')
              .find(m => m.name === 'bench:rows');
            return {
              appStartMs: list?.startTime ?? NaN,
              listRequestMs: list ? list.responseEnd - list.startTime : NaN,
              rowsAfterResponseMs:
                list && paint ? paint.startTime - list.responseEnd : NaN,
            };
          }),
        );

        const t1 = performance.now();
        await interact();
        searches.push(performance.now() - t1);
      }
      const phase = key => median(phases.map(p => p[key]));
      return {
        renderMs: median(renders),
        searchMs: median(searches),
        appStartMs: phase('appStartMs'),
        listRequestMs: phase('listRequestMs'),
        rowsAfterResponseMs: phase('rowsAfterResponseMs'),
        runs: RUNS,
      };
    }

    const DEMO_CLUSTERS = 5;
    const demoPage = await openPage();
    const demo = await measure(demoPage, DEMO_CLUSTERS, async () => {
      await demoPage.getByLabel('Search', { exact: true }).fill('aks-prod-weu');
      await demoPage.waitForFunction(
        () => document.querySelectorAll('tbody tr[index]').length === 1,
      );
    });
    const page = await openPage(bigPage);
    const big = await measure(page, bigCount, async () => {
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText(`21-40 of ${bigCount}`).waitFor();
    });
    await page.screenshot({ path: join(outDir, 'fleet-page-10000.png') });

    const lines = [
      `### Fleet page in chromium (production bundle, median of ${RUNS})`,
      '',
      '| clusters | table rendered after navigation | search (demo) / next page (10,000) answered | ratio to the demo (render / answer) | app start until the list request | list request | rows after its answer |',
      '|---|---|---|---|---|---|---|',
      ...[
        [`${DEMO_CLUSTERS} (demo estate, baseline)`, demo],
        [String(bigCount), big],
      ].map(
        ([label, r]) =>
          `| ${label} | ${r.renderMs.toFixed(0)} ms | ${r.searchMs.toFixed(
            0,
          )} ms | ${(r.renderMs / demo.renderMs).toFixed(1)}x / ${(
            r.searchMs / demo.searchMs
          ).toFixed(1)}x | ${r.appStartMs.toFixed(
            0,
          )} ms | ${r.listRequestMs.toFixed(
            0,
          )} ms | ${r.rowsAfterResponseMs.toFixed(0)} ms |`,
      ),
      '',
      `Load average: ${loadavg()
        .map(l => l.toFixed(1))
        .join(', ')} (${cpus().length} cores).`,
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
