#!/usr/bin/env node
// Browser test: starts the portal (backend + frontend dev server) on the
// embedded default, drives Debian's chromium through playwright-core, and
// saves screenshots under test-results/ (ignored by git).
//
//   node scripts/e2e.mjs                      run the checks
//   UPDATE_README_SCREENSHOT=1 node scripts/e2e.mjs   also refresh docs/screenshot.png
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';
import { checks as uiChecks } from './e2e/checks.mjs';
import { checks as apiChecks } from './e2e/apiChecks.mjs';
import { checks as catalogChecks } from './e2e/catalogChecks.mjs';
import { checks as traceChecks } from './e2e/traceChecks.mjs';
import { checks as fleetChecks } from './e2e/fleetChecks.mjs';
import { checks as uxChecks } from './e2e/uxChecks.mjs';
import { checks as kubernetesChecks } from './e2e/kubernetesChecks.mjs';

const checks = [
  ...uiChecks,
  ...apiChecks,
  ...traceChecks,
  ...catalogChecks,
  ...uxChecks,
  ...fleetChecks,
  ...kubernetesChecks,
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
// E2E_PORTS=3100,7107 runs the portal on another pair of ports (through
// APP_CONFIG_* overrides of app-config.yaml), e.g. while 3000/7007 are taken.
const [FRONTEND_PORT, BACKEND_PORT] = (process.env.E2E_PORTS ?? '3000,7007')
  .split(',')
  .map(Number);
const FRONTEND = `http://localhost:${FRONTEND_PORT}`;
const BACKEND = `http://localhost:${BACKEND_PORT}`;
const PORT_OVERRIDES = {
  APP_CONFIG_app_baseUrl: FRONTEND,
  APP_CONFIG_backend_baseUrl: BACKEND,
  APP_CONFIG_backend_listen_port: String(BACKEND_PORT),
  APP_CONFIG_backend_cors_origin: FRONTEND,
};
mkdirSync(resultsDir, { recursive: true });

function portInUse(port) {
  return new Promise(resolve => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(url, timeoutMs, accept = res => res.ok) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (accept(await fetch(url))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} not ready after ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

function startPortal() {
  const yarnRelease = join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs');
  // Its own process group, so stopping it stops the backend and the dev server.
  const child = spawn(process.execPath, [yarnRelease, 'dev'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...PORT_OVERRIDES,
      YARN_ENABLE_TELEMETRY: '0',
      BROWSER: 'none',
    },
  });
  const log = [];
  const keep = chunk => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    log: () => log.join(''),
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

async function main() {
  for (const port of [FRONTEND_PORT, BACKEND_PORT]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use: stop the running portal before the browser test`,
      );
    }
  }
  const portal = startPortal();
  const started = Date.now();
  let browser;
  const results = [];
  try {
    await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 240_000);
    await waitFor(FRONTEND, 300_000);
    console.log(
      `portal ready in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );

    browser = await launchChromium();
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    page.setDefaultTimeout(60_000);
    for (const check of checks) {
      const t0 = Date.now();
      try {
        await check.run({
          page,
          frontend: FRONTEND,
          backend: BACKEND,
          screenshot: name =>
            page.screenshot({ path: join(resultsDir, `${name}.png`) }),
        });
        results.push({ name: check.name, ok: true });
        console.log(`  ✓ ${check.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        await page
          .screenshot({
            path: join(resultsDir, `failed-${results.length + 1}.png`),
          })
          .catch(() => {});
        results.push({
          name: check.name,
          ok: false,
          error: String(error?.message ?? error),
        });
        console.log(
          `  ✖ ${check.name}\n    ${String(error?.message ?? error)
            .split('\n')
            .join('\n    ')}`,
        );
      }
    }
  } catch (error) {
    results.push({ name: 'portal starts', ok: false, error: String(error) });
    console.log(
      `  ✖ portal starts: ${error}\n--- portal log (tail) ---\n${portal
        .log()
        .slice(-6000)}`,
    );
  } finally {
    await browser?.close();
    portal.stop();
  }

  if (
    process.env.UPDATE_README_SCREENSHOT &&
    existsSync(join(resultsDir, 'readme.png'))
  ) {
    copyFileSync(
      join(resultsDir, 'readme.png'),
      join(root, 'docs', 'screenshot.png'),
    );
  }
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(
    join(resultsDir, 'e2e.json'),
    JSON.stringify({ passed, failed, results }, null, 2),
  );
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  writeFileSync(
    join(resultsDir, 'e2e.json'),
    JSON.stringify({ passed: 0, failed: 1, error: String(error) }),
  );
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
