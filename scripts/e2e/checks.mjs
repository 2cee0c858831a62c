// What a newcomer does in the portal, as browser checks run in order by
// scripts/e2e.mjs. Each check throws (playwright's waits time out) when the
// page does not show what it should.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-results',
);

async function expectTexts(page, texts) {
  for (const text of texts) {
    await page
      .getByText(text, { exact: true })
      .first()
      .waitFor({ state: 'visible' });
  }
}

export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `${what}:\n  expected ${JSON.stringify(
        expected,
      )}\n  got      ${JSON.stringify(actual)}`,
    );
  }
}

async function guestApi(backend, path) {
  const auth = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!auth.ok) throw new Error(`guest sign-in failed: ${auth.status}`);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(`${backend}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The demo cluster no entity of examples/ describes: the catalog module makes
 * its entity from what the backend discovered (name + 8 hex of its resource
 * id, see examples/clusters.yaml).
 */
export const DISCOVERED_CLUSTER = 'aks-staging-weu-4a578af2';

/** Waits until the catalog holds the discovered cluster's entity. */
export async function waitForDiscoveredEntity(backend, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await guestApi(
        backend,
        `/api/catalog/entities/by-name/resource/default/${DISCOVERED_CLUSTER}`,
      );
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 2000));
    }
  }
}

// The words the plugin uses for a hop status (also in accessible names).
const statusWord = status =>
  status === 'not-observed' ? 'not observed' : status;

export const sidebarLink = (page, name) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name });

/**
 * Opens a page, signing the guest in again if the portal shows its sign-in
 * page (seen once under load: the guest session refresh failed mid-run).
 */
export async function gotoSignedIn(page, url) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter', exact: true });
  const signedIn = sidebarLink(page, 'Catalog');
  await enter.or(signedIn).first().waitFor();
  if (await enter.isVisible()) {
    await enter.click();
    await signedIn.waitFor();
    await page.goto(url);
  }
}

/** Data rows of the fleet table (material-table marks them with `index`). */
export const fleetRows = page =>
  page.locator('[data-testid="aks-baseline-fleet"] tr[index]');

/** From the catalog, opens the fleet page through the sidebar and times it until the rows show. */
async function timeFleetPage(page, frontend, title) {
  await gotoSignedIn(page, `${frontend}/catalog`);
  await sidebarLink(page, 'AKS Baseline').waitFor();
  const started = Date.now();
  await sidebarLink(page, 'AKS Baseline').click();
  await page.getByText(title, { exact: true }).waitFor();
  await fleetRows(page).first().waitFor();
  return Date.now() - started;
}

/** An entity page's tab: the catalog's header lists them as links in a nav. */
const entityTab = (page, name) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });

/** Opens an entity page and its "AKS Baseline" tab. */
async function openAksTab(page, frontend, kind, name) {
  await gotoSignedIn(page, `${frontend}/catalog/default/${kind}/${name}`);
  const tab = entityTab(page, 'AKS Baseline');
  await tab.click();
  await page.waitForURL(`**/catalog/default/${kind}/${name}/aks-baseline`);
  await page.locator('[data-testid="aks-baseline-entity"]').waitFor();
  return tab;
}

/** The hop buttons' accessible names, in order, of the chain list named `name`. */
function hopNames(page, name) {
  return page
    .getByRole('list', { name, exact: true })
    .getByRole('button')
    .evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label')));
}

/** Runs axe-core (installed as a dependency of eslint-plugin-jsx-a11y) on parts of the page. */
export async function axeViolations(page, include) {
  const require = createRequire(import.meta.url);
  const axePath = require.resolve('axe-core/axe.min.js');
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: axePath });
  }
  return page.evaluate(
    async selectors =>
      (
        await window.axe.run(
          { include: selectors.map(s => [s]) },
          {
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
            },
          },
        )
      ).violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
      })),
    include,
  );
}

const timings = {};

export const checks = [
  {
    name: 'a guest signs in and sees the sidebar',
    async run({ page, frontend }) {
      await page.goto(frontend);
      await page.getByRole('button', { name: 'Enter' }).click();
      await sidebarLink(page, 'Catalog').waitFor();
    },
  },
  {
    name: 'the catalog lists the example apps',
    async run({ page, frontend, screenshot }) {
      await gotoSignedIn(
        page,
        `${frontend}/catalog?filters[kind]=component&filters[user]=all`,
      );
      await expectTexts(page, [
        'payments-api',
        'storefront-web',
        'internal-docs',
      ]);
      await screenshot('catalog-components');
    },
  },
  {
    name: 'the catalog lists the demo clusters',
    async run({ page, frontend, screenshot }) {
      await gotoSignedIn(
        page,
        `${frontend}/catalog?filters[kind]=resource&filters[user]=all`,
      );
      // Resources with a title are listed by it.
      // The hand-written ones (aks-staging-weu's entity is discovered, after
      // the first refresh: catalogChecks).
      await expectTexts(page, [
        'AKS prod (West Europe)',
        'AKS legacy (North Europe)',
        'AKS dev (North Europe)',
        // Titled by create-cluster, which wrote its entity.
        'AKS aks-generated-weu (westeurope)',
      ]);
      await screenshot('catalog-clusters');
    },
  },
  {
    name: 'the fleet page is in the sidebar and lists the demo clusters worst first',
    async run({ page, frontend, backend, screenshot }) {
      await gotoSignedIn(page, frontend);
      await sidebarLink(page, 'AKS Baseline').click();
      await page.waitForURL(`${frontend}/aks-baseline`);
      // The first refresh runs shortly after start-up; until then the page
      // says so. Reload until the five clusters are there.
      const deadline = Date.now() + 120_000;
      for (;;) {
        try {
          await page
            .getByText('Clusters (5)', { exact: true })
            .waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await page.reload();
        }
      }
      await page.getByText('Demo estate', { exact: false }).first().waitFor();
      // The refresh fed the catalog module: the checks below open the
      // discovered cluster's page.
      await waitForDiscoveredEntity(backend);

      timings.demo = await timeFleetPage(page, frontend, 'Clusters (5)');
      const names = await fleetRows(page).evaluateAll(rows =>
        rows.map(
          r => r.querySelector('td')?.querySelector('a, span')?.textContent,
        ),
      );
      assertEqual(
        names,
        [
          'aks-dev-neu',
          'aks-legacy-neu',
          'aks-staging-weu',
          'aks-prod-weu',
          'aks-generated-weu',
        ],
        'fleet rows, worst first',
      );
      // Each name links to the cluster's catalog page.
      const href = await page
        .locator('[data-testid="aks-baseline-fleet"]')
        .getByRole('link', { name: 'aks-dev-neu', exact: true })
        .getAttribute('href');
      assertEqual(
        href,
        '/catalog/default/resource/aks-dev-neu',
        'aks-dev-neu link',
      );
      await page
        .getByText('expired 3 days ago', { exact: true })
        .first()
        .waitFor();
      await page.getByText(/^Last refresh (succeeded|partial)$/).waitFor();
      // The guest may refresh under the allow-all policy of the demo backend.
      await page.getByRole('button', { name: 'Refresh from Azure' }).waitFor();
      await screenshot('fleet');
    },
  },
  {
    name: 'a cluster page shows every hop and the certificates with their day counts',
    async run({ page, frontend, backend, screenshot }) {
      const lookup = await guestApi(
        backend,
        `/api/aks-baseline/v1/entity?entityRef=${encodeURIComponent(
          'resource:default/aks-dev-neu',
        )}`,
      );
      await openAksTab(page, frontend, 'resource', 'aks-dev-neu');

      for (const chain of lookup.cluster.ingress) {
        const name = `Ingress chain for ${chain.host}`;
        await page.getByRole('list', { name, exact: true }).waitFor();
        assertEqual(
          await hopNames(page, name),
          chain.hops.map(h => `${h.title}: ${statusWord(h.status)}`),
          name,
        );
      }
      assertEqual(
        await hopNames(page, 'Egress path'),
        lookup.cluster.egress.map(h => `${h.title}: ${statusWord(h.status)}`),
        'egress path',
      );
      assertEqual(
        await hopNames(page, 'Key Vault path'),
        lookup.cluster.keyVault.map(h => `${h.title}: ${statusWord(h.status)}`),
        'Key Vault path',
      );
      await expectTexts(page, [
        'TLS terminated at App Gateway',
        'TLS re-encrypted by App Gateway',
        'TLS terminated at Traefik',
      ]);

      const table = page.getByRole('table', {
        name: 'Certificates',
        exact: true,
      });
      for (const [name, days] of [
        ['gateway-external-pfx-cert', 'expires in 21 days'],
        ['appgw-ingress-internal-aks-ingress-tls', 'expires in 5 days'],
        ['traefik-ingress-internal-aks-ingress-tls', 'expired 3 days ago'],
      ]) {
        await table
          .getByRole('row')
          .filter({ hasText: name })
          .getByText(days, { exact: true })
          .waitFor();
      }
      await screenshot('cluster-tab');
      await table.scrollIntoViewIfNeeded();
      await screenshot('cluster-certificates');
    },
  },
  {
    name: 'an expired certificate is the loudest thing: a red TLS boundary at Traefik, a failing certificate control, a fleet reason',
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'resource', 'aks-dev-neu');
      // The boundary the expired Traefik certificate makes, red, with its days.
      const boundary = page
        .locator('[data-tls-status="error"]')
        .filter({ hasText: 'TLS terminated at Traefik' })
        .first();
      await boundary.getByText('certificate expired 3 days ago').waitFor();
      const title = await boundary.getAttribute('title');
      if (
        !/Fix: App Gateway refuses Traefik's certificate: users get 502; renew traefik-ingress-internal-aks-ingress-tls/.test(
          title ?? '',
        )
      ) {
        throw new Error(`the Traefik boundary does not say the fix: ${title}`);
      }
      // CERT-03 fails, CERT-02 (5 days left, critical) too.
      const certificates = page.getByRole('table', {
        name: 'Certificates in the chain controls',
      });
      for (const id of ['CERT-03', 'CERT-02']) {
        await certificates
          .getByRole('row')
          .filter({ hasText: id })
          .getByText('fail', { exact: true })
          .waitFor();
      }
      await screenshot('expired-certificate-boundary');
      // The fleet row says why it is red.
      await sidebarLink(page, 'AKS Baseline').click();
      await page.waitForURL(`${frontend}/aks-baseline`);
      await page
        .locator('[data-testid="fleet-status-reason"]')
        .filter({
          hasText:
            'ingress (Traefik) certificate traefik-ingress-internal-aks-ingress-tls expired 3 days ago',
        })
        .waitFor();
      await screenshot('fleet-reasons');
    },
  },
  {
    name: "a cluster's egress path lists the blocked Flux flow first, with what blocked it",
    async run({ page, frontend, backend, screenshot }) {
      const lookup = await guestApi(
        backend,
        `/api/aks-baseline/v1/entity?entityRef=${encodeURIComponent(
          `resource:default/${DISCOVERED_CLUSTER}`,
        )}`,
      );
      const flows = lookup.cluster.egress.find(
        h => h.kind === 'firewall',
      ).egressFlows;
      await openAksTab(page, frontend, 'resource', DISCOVERED_CLUSTER);
      const table = page.getByRole('table', { name: 'Required egress flows' });
      await table.waitFor();
      const rows = await table.getByRole('row').allInnerTexts();
      const cells = rows.slice(1).map(r => r.split('\t').map(c => c.trim()));
      const blocked = flows.filter(f => !f.allowed).length;
      assertEqual(cells.length, flows.length, 'one row per required flow');
      assertEqual(
        cells.slice(0, blocked).every(c => c[0] === 'Blocked'),
        true,
        'blocked flows first',
      );
      const flux = cells.find(c => c[1] === 'github.com:443 (Https)');
      assertEqual(
        flux,
        ['Blocked', 'github.com:443 (Https)', 'git-host', 'default deny'],
        "Flux's Git host",
      );
      await table.scrollIntoViewIfNeeded();
      await screenshot('egress-flows');
    },
  },
  {
    name: 'keyboard: Tab reaches a hop and Enter opens its details',
    async run({ page, frontend, screenshot }) {
      const tab = await openAksTab(page, frontend, 'resource', 'aks-dev-neu');
      await tab.focus();
      let hop;
      for (let i = 0; i < 60 && !hop; i++) {
        await page.keyboard.press('Tab');
        hop = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.getAttribute('aria-haspopup') === 'dialog'
            ? el.getAttribute('aria-label')
            : undefined;
        });
      }
      if (!hop) throw new Error('60 Tab presses never reached a hop button');
      assertEqual(hop, 'Internet: ok', 'first hop reached by Tab');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Internet' });
      await dialog.waitFor();
      await dialog.getByText('Host names').waitFor();
      await screenshot('hop-details');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const focused = await page.evaluate(() =>
        document.activeElement?.getAttribute('aria-label'),
      );
      assertEqual(
        focused,
        'Internet: ok',
        'focus back on the hop after Escape',
      );
    },
  },
  {
    name: 'an app page shows its chain narrowed to its host',
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'component', 'payments-api');
      await page
        .getByRole('list', {
          name: 'Ingress chain for payments.contoso-demo.com',
          exact: true,
        })
        .waitFor();
      await page
        .getByText('payments.contoso-demo.com on aks-prod-weu', { exact: true })
        .waitFor();
      await page
        .getByText(/^Runs in namespace payments on cluster aks-prod-weu/)
        .waitFor();
      const chains = await page
        .getByRole('list', { name: /^Ingress chain for / })
        .count();
      assertEqual(chains, 1, 'chains on the app page');
      await screenshot('app-chain');
    },
  },
  {
    name: 'an unannotated entity shows which annotations to add',
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'component', 'internal-docs');
      await page
        .getByText('AKS Baseline is not set up for this entity', {
          exact: true,
        })
        .waitFor();
      const terms = await page
        .locator('[data-testid="aks-baseline-entity"]')
        .getByRole('term')
        .allTextContents();
      assertEqual(
        terms,
        [
          'aks-baseline.io/cluster',
          'aks-baseline.io/namespace',
          'aks-baseline.io/host',
        ],
        'annotations named by the help panel',
      );
      await page
        .locator('pre')
        .filter({ hasText: 'name: internal-docs' })
        .waitFor();
      await screenshot('help-panel');
    },
  },
  {
    name: "axe finds no serious accessibility violations in the plugin's pages",
    async run({ page, frontend, screenshot }) {
      const report = {};
      await gotoSignedIn(page, `${frontend}/aks-baseline`);
      await fleetRows(page).first().waitFor();
      report.fleet = await axeViolations(page, [
        '[data-testid="aks-baseline-fleet"]',
      ]);

      await openAksTab(page, frontend, 'resource', DISCOVERED_CLUSTER);
      await page
        .getByRole('list', { name: /^Ingress chain for / })
        .first()
        .waitFor();
      report.clusterTab = await axeViolations(page, [
        '[data-testid="aks-baseline-entity"]',
      ]);
      await page
        .getByRole('button', { name: /^WAF policy .*: error$/ })
        .first()
        .click();
      await page.getByRole('dialog').waitFor();
      // The popover grows in from opacity 0: judge contrast once it is opaque.
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('[role="dialog"]'))
            .opacity === '1',
      );
      report.hopDetails = await axeViolations(page, ['[role="dialog"]']);
      await page.keyboard.press('Escape');

      await openAksTab(page, frontend, 'component', 'internal-docs');
      report.helpPanel = await axeViolations(page, [
        '[data-testid="aks-baseline-entity"]',
      ]);

      writeFileSync(
        join(resultsDir, 'axe.json'),
        JSON.stringify(report, null, 2),
      );
      const serious = Object.entries(report).flatMap(([where, violations]) =>
        violations
          .filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(
            v =>
              `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(
                ', ',
              )}`,
          ),
      );
      const minor = Object.values(report).flat().length - serious.length;
      console.log(
        `    axe: ${serious.length} serious/critical, ${minor} moderate/minor (test-results/axe.json)`,
      );
      if (serious.length) throw new Error(serious.join('\n'));
    },
  },
  {
    name: 'the notifications page tells the guest about aks-dev-neu’s expired certificate',
    async run({ page, frontend, screenshot }) {
      // Sent by the refresh after start-up, or by the notice retry a few
      // minutes later when the catalog did not have the cluster yet.
      const notice = page
        .getByText(
          /^aks-dev-neu: ingress \(Traefik\) certificate \S+ expired \d+ days? ago$/,
        )
        .first();
      const deadline = Date.now() + 240_000;
      await gotoSignedIn(page, `${frontend}/notifications`);
      for (;;) {
        try {
          await notice.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await page.reload();
        }
      }
      // It links to the cluster's tab; the sidebar counts it as unread.
      const link = await page
        .getByRole('link', { name: /aks-dev-neu: ingress \(Traefik\)/ })
        .first()
        .getAttribute('href');
      assertEqual(
        link,
        '/catalog/default/resource/aks-dev-neu/aks-baseline',
        'notification link',
      );
      await sidebarLink(page, /^Notifications/).waitFor();
      await screenshot('notifications');
    },
  },
  {
    name: 'the README screenshot: a cluster with a failing hop, chain first',
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'resource', DISCOVERED_CLUSTER);
      const chainCard = page
        .getByRole('list', { name: /^Ingress chain for / })
        .first();
      await chainCard.waitFor();
      // Start the viewport at the tab bar so the chain fills the picture.
      await entityTab(page, 'AKS Baseline').evaluate(el =>
        el.scrollIntoView({ block: 'start' }),
      );
      await screenshot('readme');
    },
  },
];

// Shared with the issue #19 checks (scripts/e2e/uxChecks.mjs).
export { openAksTab };
