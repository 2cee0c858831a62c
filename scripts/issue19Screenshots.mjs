#!/usr/bin/env node
// Before/after screenshots for issue #19's numbered items, one per item, taken
// in Debian's chromium against a running demo portal (localhost:3000/7007).
//
//   node scripts/issue19Screenshots.mjs after
//       the portal is already running (npm start)
//   flock <the e2e lock> node scripts/issue19Screenshots.mjs before --start <checkout>
//       starts `yarn dev` in another checkout (e.g. a worktree of the commit
//       before #19), takes the screenshots and stops it
//
// Writes docs/screenshots/issue-19/<before|after>/NN-name.jpg (JPEG, quality
// 60). Each item's steps are the same for both phases; a step the old portal
// cannot do (a button it does not have) is skipped after a short wait and the
// screenshot shows what the page offers instead.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';
import {
  portInUse,
  portalPorts,
  startPortal,
  waitFor,
} from './lib/portalProcess.mjs';
import { gotoSignedIn, sidebarLink } from './e2e/checks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ports = portalPorts();
const { frontend: FRONTEND, backend: BACKEND } = ports;

const [phase, ...rest] = process.argv.slice(2);
if (phase !== 'before' && phase !== 'after') {
  console.error(
    'usage: node scripts/issue19Screenshots.mjs <before|after> [--start <checkout>] [--only NN,NN]',
  );
  process.exit(2);
}
const option = name => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const startIn = option('--start');
const only = option('--only')?.split(',');
const outDir = join(root, 'docs', 'screenshots', 'issue-19', phase);
mkdirSync(outDir, { recursive: true });

const VIEWPORT = { width: 1280, height: 800 };

/** A short wait for something the old portal may not have. */
const SHORT = 8_000;

/** Runs `step`, but gives up quietly after `timeout` (the old portal lacks it). */
async function tryStep(what, step) {
  try {
    await step();
    return true;
  } catch (error) {
    console.log(
      `    (skipped: ${what}: ${String(error.message).split('\n')[0]})`,
    );
    return false;
  }
}

async function openAksTab(page, kind, name) {
  await gotoSignedIn(page, `${FRONTEND}/catalog/default/${kind}/${name}`);
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'AKS Baseline', exact: true })
    .click();
  await page.locator('[data-testid="aks-baseline-entity"]').waitFor();
}

const next = page => page.getByRole('button', { name: 'Next', exact: true });
const formData = values =>
  `?formData=${encodeURIComponent(JSON.stringify(values))}`;

const ONBOARDING = `${FRONTEND}/create/templates/default/aks-baseline-app-onboarding`;
const CLUSTER = `${FRONTEND}/create/templates/default/aks-baseline-cluster`;

/** Everything the onboarding form needs, in either version of the template. */
const ONBOARDING_VALUES = {
  appName: 'orders',
  owner: 'group:default/platform-team',
  cluster: 'resource:default/aks-generated-weu',
  host: 'orders.contoso-demo.com',
  certificateName: 'orders-tls',
  certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
  // The new template's field filled from the cluster (whose contract has no reader yet).
  clusterContract: {
    certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
  },
  // The old template's required GitOps repository (the new one defaults to download).
  repoUrl: 'github.com?owner=contoso&repo=aks-gitops',
};

/** Clicks Next until `marker` shows (a template page), at most `max` times. */
async function nextUntil(page, marker, max = 7) {
  for (let i = 0; i < max; i++) {
    if (await marker.isVisible()) return;
    await next(page).click();
    await page.waitForTimeout(600);
  }
  await marker.waitFor({ timeout: SHORT });
}

const items = [
  {
    id: '01',
    name: 'onboarding-run-without-token',
    async run(page) {
      await gotoSignedIn(page, `${ONBOARDING}${formData(ONBOARDING_VALUES)}`);
      const review = page.getByRole('button', { name: 'Review', exact: true });
      for (let i = 0; i < 8 && !(await review.isVisible()); i++) {
        await next(page).click();
        await page.waitForTimeout(800);
      }
      await review.click();
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      // The new template ends with its summary; the old one fails publishing.
      await page
        .getByRole('heading', {
          name: 'What was generated and what is left to do',
        })
        .or(page.getByText(/No token available/).first())
        .first()
        .waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1500);
    },
  },
  {
    id: '02',
    name: 'onboarding-form-and-cluster',
    async run(page) {
      await gotoSignedIn(page, `${ONBOARDING}${formData(ONBOARDING_VALUES)}`);
      // The page asking for the cluster's Key Vault: a plain field before, the
      // field the cluster's contract fills after.
      const keyVault = page.getByLabel('Key Vault').first();
      await nextUntil(page, keyVault);
      await tryStep('contract filled', () =>
        page
          .getByText(/Filled from resource:default\/aks-generated-weu/)
          .first()
          .waitFor({ timeout: SHORT }),
      );
      await keyVault.scrollIntoViewIfNeeded();
    },
  },
  {
    id: '03',
    name: 'host-name-error',
    async run(page) {
      await gotoSignedIn(
        page,
        `${ONBOARDING}${formData({ ...ONBOARDING_VALUES, host: 'https://x' })}`,
      );
      const host = page.getByLabel('Public host name');
      await nextUntil(page, host);
      await next(page).click();
      await page.waitForTimeout(1000);
      await host.scrollIntoViewIfNeeded();
    },
  },
  {
    id: '04',
    name: 'help-text-placeholders',
    async run(page) {
      await gotoSignedIn(
        page,
        `${CLUSTER}${formData({
          clusterName: 'aks-e2e-weu',
          owner: 'group:default/platform-team',
          subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
          resourceGroup: 'rg-aks-e2e-weu',
        })}`,
      );
      const domain = page.getByLabel('Public domain');
      await nextUntil(page, domain);
      await domain.scrollIntoViewIfNeeded();
    },
  },
  {
    id: '05',
    name: 'egress-editor',
    // Tall enough for a whole destination with its buttons.
    viewport: { width: 1280, height: 1400 },
    async run(page) {
      await gotoSignedIn(page, `${ONBOARDING}${formData(ONBOARDING_VALUES)}`);
      const intro = page
        .getByText('Everything the app sends is denied', { exact: false })
        .first();
      await nextUntil(page, intro, 8);
      // Add a destination and a second port with the editor's own buttons.
      const form = page.locator('form').first();
      const add = form.getByRole('button', { name: /add/i });
      await add.first().click();
      await page.waitForTimeout(500);
      await form.getByRole('button', { name: /add/i }).last().click();
      await page.waitForTimeout(500);
      await page
        .getByText('Allowed destinations', { exact: true })
        .first()
        .scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 250));
      await page.waitForTimeout(300);
    },
  },
  {
    id: '06',
    name: 'waf-control-remediation',
    async run(page) {
      await openAksTab(page, 'resource', 'aks-staging-weu');
      await page
        .getByRole('button', { name: /^WAF policy .*: error$/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('[role="dialog"]'))
            .opacity === '1',
      );
      await page.waitForTimeout(500);
    },
  },
  {
    id: '07',
    name: 'landing-after-sign-in',
    async run(page) {
      await gotoSignedIn(page, `${FRONTEND}/`);
      await page.waitForTimeout(2500);
    },
  },
  {
    id: '07b',
    name: 'cluster-overview-summary',
    async run(page) {
      await gotoSignedIn(
        page,
        `${FRONTEND}/catalog/default/resource/aks-staging-weu`,
      );
      await page.getByText('AKS staging (West Europe)').first().waitFor();
      await tryStep('summary card', () =>
        page
          .locator('[data-testid="aks-baseline-summary"]')
          .waitFor({ timeout: SHORT }),
      );
      await page.waitForTimeout(1500);
    },
  },
  {
    id: '08',
    name: 'fleet-page-filters',
    async run(page) {
      await gotoSignedIn(page, `${FRONTEND}/catalog`);
      await sidebarLink(page, 'AKS Baseline').click();
      await page
        .locator('[data-testid="aks-baseline-fleet"] tr[index]')
        .first()
        .waitFor();
      // The old page's "Filters (0)" toggle (the new one shows its filters).
      await tryStep('filters toggle', () =>
        page
          .getByText(/^Filters/)
          .first()
          .click({ timeout: SHORT }),
      );
      await page.waitForTimeout(1500);
    },
  },
  {
    id: '09',
    name: 'private-api-server',
    // The chain's header, its hops and the note under them.
    viewport: { width: 1280, height: 1200 },
    async run(page) {
      await openAksTab(page, 'resource', 'aks-dev-neu');
      await page
        .getByText(/private cluster/)
        .first()
        .waitFor();
      // The chain's header (its status) and the note under the hops.
      const header = page.getByText('dev.contoso-demo.com', { exact: true });
      await header.first().scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -40));
      await page.waitForTimeout(800);
    },
  },
  {
    id: '10',
    name: 'networkpolicy-sentences',
    async run(page) {
      await openAksTab(page, 'component', 'payments-api');
      const id = page.getByText('K8S-07', { exact: true }).first();
      if (!(await id.isVisible())) {
        // The old tab folds each area that needs no attention.
        await page
          .getByRole('button', { name: /^Kubernetes/ })
          .first()
          .click();
        // Let the area finish unfolding before measuring where the row is.
        await page.waitForTimeout(1500);
      }
      await id.waitFor();
      // The row's top at the top of the page: all of it shows below.
      await id.evaluate(el =>
        el.closest('tr').scrollIntoView({ block: 'start' }),
      );
      await page.evaluate(() => window.scrollBy(0, -60));
      await page.waitForTimeout(800);
    },
  },
];

async function main() {
  if (startIn) {
    for (const port of [ports.frontendPort, ports.backendPort]) {
      if (await portInUse(port)) {
        // Screenshots of another checkout's portal would be wrong ones.
        throw new Error(`port ${port} is in use: stop that portal first`);
      }
    }
  }
  const portal = startIn
    ? startPortal(resolve(startIn), ports, 300)
    : undefined;
  let browser;
  const failed = [];
  try {
    await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
    await waitFor(FRONTEND, 300_000);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(45_000);
    for (const item of items) {
      if (only && !only.includes(item.id)) continue;
      const path = join(outDir, `${item.id}-${item.name}.jpg`);
      await page.setViewportSize(item.viewport ?? VIEWPORT);
      try {
        await item.run(page);
      } catch (error) {
        failed.push(item.id);
        console.log(`  ✖ ${item.id} ${item.name}: ${error.message}`);
      }
      await page.screenshot({ path, type: 'jpeg', quality: 60 });
      console.log(
        `  ${item.id} ${item.name}: ${Math.round(
          statSync(path).size / 1024,
        )} KB`,
      );
    }
  } catch (error) {
    console.log(`✖ ${error.message}`);
    if (portal) console.log(portal.log().slice(-4000));
    process.exitCode = 1;
  } finally {
    await browser?.close();
    portal?.stop();
  }
  if (failed.length) {
    console.log(`steps that did not finish: ${failed.join(', ')}`);
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
