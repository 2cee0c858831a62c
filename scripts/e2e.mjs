#!/usr/bin/env node
// Browser test: starts the portal (backend + frontend dev server) on the
// embedded default, drives Debian's chromium through playwright-core, and
// saves screenshots under test-results/ (ignored by git).
//
//   node scripts/e2e.mjs                      run the checks
//   UPDATE_README_SCREENSHOT=1 node scripts/e2e.mjs   also refresh docs/screenshot.png
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';
import {
  portInUse,
  portalPorts,
  startPortal,
  waitFor,
} from './lib/portalProcess.mjs';
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
const ports = portalPorts();
const { frontendPort: FRONTEND_PORT, backendPort: BACKEND_PORT } = ports;
const { frontend: FRONTEND, backend: BACKEND } = ports;
mkdirSync(resultsDir, { recursive: true });

async function main() {
  for (const port of [FRONTEND_PORT, BACKEND_PORT]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use: stop the running portal before the browser test`,
      );
    }
  }
  const portal = startPortal(root, ports);
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
