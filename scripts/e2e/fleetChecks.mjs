// The fleet page's filters, CSV export and paging (issues #19, #20, #21), as
// browser checks run by scripts/e2e.mjs after checks.mjs. Each check throws
// when the page does not show what it should.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertEqual,
  axeViolations,
  fleetRows,
  gotoSignedIn,
  sidebarLink,
} from './checks.mjs';

const resultsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-results',
);
const LIST_ROUTE = /\/api\/aks-baseline\/v1\/clusters(\?|$)/;
const NON_PROD = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
/** What the demo's GET /subscriptions names it (DEMO_SUBSCRIPTION_NAMES). */
const NON_PROD_NAME = 'Contoso Non-Production';

async function guestToken(backend) {
  const auth = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!auth.ok) throw new Error(`guest sign-in failed: ${auth.status}`);
  return (await auth.json()).backstageIdentity.token;
}

/** The whole demo fleet, unfiltered, straight from the API: what filters are checked against. */
async function demoFleet(backend) {
  const token = await guestToken(backend);
  const res = await fetch(`${backend}/api/aks-baseline/v1/clusters?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`fleet: ${res.status}`);
  return (await res.json()).clusters;
}

const rowNames = page =>
  fleetRows(page).evaluateAll(rows =>
    rows
      .map(r => r.querySelector('td')?.querySelector('a, span')?.textContent)
      .sort(),
  );

/** Waits until the table shows exactly these clusters (any order). */
async function expectRows(page, expected, what) {
  const names = [...expected].sort();
  await page.getByText(`Clusters (${names.length})`, { exact: true }).waitFor();
  await page.waitForFunction(
    n =>
      document.querySelectorAll('[data-testid="aks-baseline-fleet"] tr[index]')
        .length === n,
    names.length,
  );
  assertEqual(await rowNames(page), names, what);
}

/** Opens one of the filter selects by its label and picks an option. */
async function choose(page, label, option) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function clearFilters(page, all) {
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectRows(page, all, 'fleet after clearing the filters');
}

async function openFleet(page, frontend) {
  await gotoSignedIn(page, `${frontend}/catalog`);
  await sidebarLink(page, 'AKS Baseline').click();
  await page.getByText('Clusters (5)', { exact: true }).waitFor();
}

/** `count` clusters shaped like the backend's rows. */
function syntheticFleet(count) {
  const statuses = ['error', 'warning', 'not-observed', 'ok'];
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const name = `aks-synthetic-${String(i).padStart(5, '0')}`;
    const subscriptionId = `00000000-0000-4000-8000-${String(i % 100).padStart(
      12,
      '0',
    )}`;
    const daysLeft = ((i * 7) % 400) - 10;
    return {
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      subscriptionId,
      subscriptionName: `Contoso workload ${i % 100}`,
      resourceGroup: `rg-${name}`,
      location: ['westeurope', 'northeurope', 'eastus', 'swedencentral'][i % 4],
      owner: ['platform-team', 'payments-team', 'data-team'][i % 3],
      worstStatus: statuses[i % 4],
      soonestExpiry: {
        name: `cert-${i}`,
        purpose: 'edge',
        notAfter: new Date(now + daysLeft * 86_400_000).toISOString(),
        daysLeft,
        status: daysLeft < 0 ? 'expired' : 'ok',
      },
      failingControls: i % 5,
      reasons: [],
      errorCount: 0,
      refreshedAt: new Date(now - 60_000).toISOString(),
      stale: false,
    };
  });
}

/**
 * Answers the list route for a synthetic fleet as the backend pages it
 * (offset, limit, search by name): the page's own code does the rest.
 */
function syntheticBackend(fleet) {
  return route => {
    const url = new URL(route.request().url());
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const search = url.searchParams.get('search')?.toLowerCase();
    const matching = search
      ? fleet.filter(c => c.name.includes(search))
      : fleet;
    const body = {
      clusters: matching.slice(offset, offset + limit),
      total: matching.length,
      offset,
      limit,
      filterOptions: {
        subscriptions: [],
        regions: [],
        owners: [],
      },
      lastRefresh: {
        finishedAt: new Date().toISOString(),
        status: 'succeeded',
        clusterCount: fleet.length,
        requestCount: 250,
        errors: [],
      },
    };
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(body),
    });
  };
}

export const checks = [
  {
    name: 'each fleet filter narrows the demo fleet to the expected clusters',
    async run({ page, frontend, backend, screenshot }) {
      const fleet = await demoFleet(backend);
      const all = fleet.map(c => c.name);
      await openFleet(page, frontend);
      await screenshot('issue19/fleet-after');

      // Subscriptions by display name, though the demo configures their ids.
      for (const cluster of fleet.filter(c => c.subscriptionId === NON_PROD)) {
        assertEqual(
          cluster.subscriptionName,
          NON_PROD_NAME,
          `${cluster.name}'s subscription name`,
        );
        await fleetRows(page)
          .filter({ hasText: cluster.name })
          .getByText(NON_PROD_NAME, { exact: true })
          .waitFor();
      }

      // Each filter's expected clusters come from the unfiltered list.
      const cases = [
        ['Status', 'error', c => c.worstStatus === 'error'],
        ['Region', 'northeurope', c => c.location === 'northeurope'],
        ['Owner', 'platform-team', c => c.owner === 'platform-team'],
        ['Owner', 'payments-team', c => c.owner === 'payments-team'],
        // By its display name, from the demo fixture's subscription list.
        ['Subscription', NON_PROD_NAME, c => c.subscriptionId === NON_PROD],
      ];
      for (const [label, option, keep] of cases) {
        await choose(page, label, option);
        if (label === 'Status') await page.keyboard.press('Escape');
        await expectRows(
          page,
          fleet.filter(keep).map(c => c.name),
          `fleet filtered by ${label} = ${option}`,
        );
        await clearFilters(page, all);
      }

      await page.getByLabel('Expiring within (days)').fill('7');
      await expectRows(
        page,
        fleet
          .filter(c => c.soonestExpiry && c.soonestExpiry.daysLeft <= 7)
          .map(c => c.name),
        'fleet expiring within 7 days',
      );
      await clearFilters(page, all);

      await page.getByLabel('Search', { exact: true }).fill('legacy');
      await expectRows(page, ['aks-legacy-neu'], 'fleet searched for legacy');
      await clearFilters(page, all);

      // The owner column: each demo cluster's owner tag, or that it has none.
      for (const cluster of fleet) {
        await fleetRows(page)
          .filter({ hasText: cluster.name })
          .getByText(cluster.owner ?? 'no owner tag', { exact: true })
          .waitFor();
      }
    },
  },
  {
    name: 'the CSV download is the current view: every filtered cluster, not a page',
    async run({ page, frontend, backend, screenshot }) {
      const fleet = await demoFleet(backend);
      await openFleet(page, frontend);
      await choose(page, 'Region', 'northeurope');
      const expected = fleet
        .filter(c => c.location === 'northeurope')
        .map(c => c.name)
        .sort();
      await expectRows(page, expected, 'fleet in northeurope');
      await screenshot('issue19/fleet-filtered');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      assertEqual(
        download.suggestedFilename(),
        'aks-baseline-clusters.csv',
        'CSV file name',
      );
      const path = join(resultsDir, 'fleet-northeurope.csv');
      await download.saveAs(path);
      const lines = readFileSync(path, 'utf8').trim().split('\r\n');
      const header = lines[0].split(',');
      assertEqual(header.slice(0, 2), ['name', 'status'], 'CSV header');
      assertEqual(
        lines
          .slice(1)
          .map(l => l.split(',')[0])
          .sort(),
        expected,
        'CSV rows',
      );
    },
  },
  {
    name: 'the fleet page with its filters has no serious or critical axe violations',
    async run({ page, frontend }) {
      await openFleet(page, frontend);
      await choose(page, 'Owner', 'platform-team');
      const violations = await axeViolations(page, [
        '[data-testid="aks-baseline-fleet"]',
      ]);
      writeFileSync(
        join(resultsDir, 'axe-fleet-filters.json'),
        JSON.stringify(violations, null, 2),
      );
      const serious = violations.filter(
        v => v.impact === 'serious' || v.impact === 'critical',
      );
      if (serious.length > 0) {
        throw new Error(
          serious.map(v => `${v.id} (${v.impact}) ${v.help}`).join('\n'),
        );
      }
    },
  },
  {
    name: 'the fleet page at 10,000 clusters renders one page and pages on the server',
    async run({ page, frontend, screenshot }) {
      const fleet = syntheticFleet(10_000);
      const requests = [];
      page.on('request', r => {
        if (LIST_ROUTE.test(r.url())) requests.push(r.url());
      });
      await page.route(LIST_ROUTE, syntheticBackend(fleet));
      try {
        await gotoSignedIn(page, `${frontend}/catalog`);
        const t0 = Date.now();
        await sidebarLink(page, 'AKS Baseline').click();
        await page.getByText('Clusters (10000)', { exact: true }).waitFor();
        await fleetRows(page).nth(19).waitFor();
        const renderMs = Date.now() - t0;
        assertEqual(await fleetRows(page).count(), 20, 'rows on a page');

        await page.getByRole('button', { name: 'Next page' }).click();
        await page.getByText('21-40 of 10000').waitFor();
        const t1 = Date.now();
        await page
          .getByLabel('Search', { exact: true })
          .fill('aks-synthetic-09999');
        await page.waitForFunction(
          () =>
            document.querySelectorAll(
              '[data-testid="aks-baseline-fleet"] tr[index]',
            ).length === 1,
        );
        const searchMs = Date.now() - t1;
        await screenshot('issue19/fleet-10000');
        if (!requests.some(u => u.includes('offset=20'))) {
          throw new Error(`no request for the second page: ${requests}`);
        }
        console.log(
          `    fleet page at 10,000 clusters: rendered in ${renderMs} ms, search answered in ${searchMs} ms (dev bundle)`,
        );
        writeFileSync(
          join(resultsDir, 'fleet-render-10000.json'),
          JSON.stringify({ renderMs, searchMs }, null, 2),
        );
      } finally {
        await page.unroute(LIST_ROUTE);
      }
    },
  },
];
