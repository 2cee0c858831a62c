// Issue #19, "the portal as its users meet it", as browser checks run after
// checks.mjs by scripts/e2e.mjs: the landing page, an onboarding run without
// any token that ends with the files and the summary, the form prefilled from
// a demo cluster's stamp contract, errors a person can act on, help text that
// keeps its placeholders, and what to do on a failing WAF control.
// Screenshots go to test-results/issue19/ (ignored by git).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  axeViolations,
  DISCOVERED_CLUSTER,
  gotoSignedIn,
  openAksTab,
} from './checks.mjs';

const resultsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-results',
);
mkdirSync(join(resultsDir, 'issue19'), { recursive: true });

const ONBOARDING = '/create/templates/default/aks-baseline-app-onboarding';
const CLUSTER = '/create/templates/default/aks-baseline-cluster';

/** The demo cluster create-cluster made, whose entity carries a stamp contract. */
const CONTRACT_CLUSTER = 'aks-generated-weu';
/** The host the demo's inventory-api already serves on it (examples/apps.yaml). */
const SERVED_HOST = 'inventory.contoso-demo.com';

const next = page => page.getByRole('button', { name: 'Next', exact: true });

/** Waits until an input shows `value` (a field extension fills it asynchronously). */
async function waitForValue(locator, value) {
  await locator.waitFor();
  for (let i = 0; i < 60; i++) {
    if ((await locator.inputValue()) === value) return;
    await locator.page().waitForTimeout(500);
  }
  throw new Error(
    `expected the input to show ${JSON.stringify(
      value,
    )}, it shows ${JSON.stringify(await locator.inputValue())}`,
  );
}

/** Throws with the axe findings that are serious or critical. */
function assertNoSeriousViolations(report) {
  writeFileSync(
    join(resultsDir, 'issue19', 'axe.json'),
    JSON.stringify(report, null, 2),
  );
  const serious = Object.entries(report).flatMap(([where, violations]) =>
    violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes}`),
  );
  console.log(
    `    axe: ${serious.length} serious/critical (test-results/issue19/axe.json)`,
  );
  if (serious.length) throw new Error(serious.join('\n'));
}

/** The form's visible text, minus URLs' schemes (`https://` is not a lost placeholder). */
async function formText(page) {
  const text = await page.locator('form').first().innerText();
  return text.replace(/https?:\/\//g, '');
}

function assertHelpTextIntact(text, where) {
  for (const broken of ['//', '*.;', '*.<']) {
    if (text.includes(broken)) {
      throw new Error(
        `${where}: the help text shows "${broken}" (a placeholder lost to Markdown):\n${text}`,
      );
    }
  }
}

const axeReport = {};

/** The catalog's own tab links of an entity page. */
const entityTab = (page, name) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });

export const checks = [
  {
    name: 'issue 19: signing in lands on the catalog, not a 404',
    async run({ page, frontend, screenshot }) {
      await gotoSignedIn(page, `${frontend}/`);
      await page.waitForURL('**/catalog**');
      await page.getByText('Contoso (demo) Catalog').first().waitFor();
      await screenshot('issue19/after-7-landing');
    },
  },
  {
    name: 'issue 19: onboarding explains a bad host, fills the rest from the cluster and warns about a served host',
    async run({ page, frontend, screenshot }) {
      const owner = encodeURIComponent(
        JSON.stringify({ owner: 'group:default/platform-team' }),
      );
      await gotoSignedIn(page, `${frontend}${ONBOARDING}?formData=${owner}`);
      await page.getByLabel('App name').fill('orders');
      await next(page).click();

      // Choose the cluster with the entity picker, as a user does.
      const cluster = page.getByLabel(/^Cluster/).first();
      await cluster.click();
      await cluster.fill('aks-generated');
      await page
        .getByRole('option', { name: new RegExp(CONTRACT_CLUSTER) })
        .first()
        .click();

      // A URL where a host name belongs: a sentence with an example.
      const host = page.getByLabel('Public host name');
      await host.fill('https://x');
      await next(page).click();
      await page
        .getByText(
          'Give a host name like my-app.contoso.com, in lowercase, without https:// or a path.',
        )
        .first()
        .waitFor();
      await screenshot('issue19/after-3-host-error');

      await host.fill(SERVED_HOST);
      await next(page).click();

      // The next page is filled from the cluster's stamp contract.
      const field = page.locator('[data-testid="aks-cluster-contract"]');
      await field.waitFor();
      await waitForValue(page.getByLabel('Key Vault'), 'kv-aks-generated-weu');
      await waitForValue(
        page.getByLabel('Entra ID tenant id'),
        '72f988bf-86f1-41af-91ab-2d7cd011db47',
      );
      await waitForValue(page.getByLabel('Traefik namespace'), 'a0008');
      await waitForValue(
        page.getByLabel('App Gateway subnet'),
        '10.244.5.0/24',
      );
      await field
        .getByRole('alert')
        .filter({ hasText: `${SERVED_HOST} is already served on` })
        .waitFor();
      await screenshot('issue19/after-2-contract-prefilled');
      axeReport.onboardingContract = await axeViolations(page, [
        '[data-testid="aks-cluster-contract"]',
      ]);
    },
  },
  {
    name: 'issue 19: an onboarding run without any token ends with the files and the summary',
    async run({ page, frontend, screenshot }) {
      const values = encodeURIComponent(
        JSON.stringify({
          appName: 'orders',
          owner: 'group:default/platform-team',
          cluster: `resource:default/${CONTRACT_CLUSTER}`,
          host: 'orders.contoso-demo.com',
        }),
      );
      await gotoSignedIn(page, `${frontend}${ONBOARDING}?formData=${values}`);
      await next(page).click(); // The app
      await next(page).click(); // Cluster and route
      const field = page.locator('[data-testid="aks-cluster-contract"]');
      await waitForValue(page.getByLabel('Key Vault'), 'kv-aks-generated-weu');
      await field
        .getByText(/Filled from resource:default\/aks-generated-weu/)
        .waitFor();
      if (await field.getByRole('alert').count()) {
        throw new Error(
          `unexpected warning: ${await field.getByRole('alert').innerText()}`,
        );
      }
      // The demo contract has no certificate reader yet: the form asks for it.
      await page
        .getByLabel('Certificate reader client id')
        .fill('3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90');
      await next(page).click();
      await page.getByLabel('Ingress certificate').fill('orders-tls');
      await next(page).click(); // Certificate and identity
      await next(page).click(); // Egress
      // Where the files go: "Download only" is the default and needs no token.
      await page.getByText('Download only (no token needed)').first().waitFor();
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await page.getByRole('button', { name: 'Create', exact: true }).click();

      await page
        .getByRole('heading', {
          name: 'What was generated and what is left to do',
        })
        .waitFor({ timeout: 120_000 });
      await screenshot('issue19/after-1-download-summary');
      await page.getByText('Generated files', { exact: true }).click();
      await page.getByRole('heading', { name: 'Generated files' }).waitFor();
      await page
        .getByText('cluster-repo/catalog-info.yaml', { exact: true })
        .first()
        .waitFor();
      await screenshot('issue19/after-1-download-files');
      if (await page.getByText(/No token available/).count()) {
        throw new Error('the run asked for a token');
      }
    },
  },
  {
    name: "issue 19: the egress editor's buttons say what they add and remove, and a destination with both namespace and CIDR is refused on its page",
    async run({ page, frontend, screenshot }) {
      const values = encodeURIComponent(
        JSON.stringify({
          appName: 'orders',
          owner: 'group:default/platform-team',
          cluster: `resource:default/${CONTRACT_CLUSTER}`,
          host: 'orders.contoso-demo.com',
          certificateName: 'orders-tls',
          certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
        }),
      );
      await gotoSignedIn(page, `${frontend}${ONBOARDING}?formData=${values}`);
      const intro = page
        .getByText('Everything the app sends is denied', { exact: false })
        .first();
      for (let i = 0; i < 6 && !(await intro.isVisible()); i++) {
        await next(page).click();
        await page.waitForTimeout(500);
      }
      await intro.waitFor();
      const form = page.locator('form').first();
      const button = name => form.getByRole('button', { name, exact: true });
      await button('Add destination').click();
      await button('Add destination').click();
      await button('Remove destination 2').waitFor();
      await button('Add port to destination 2').click();
      await button('Remove port 2 of destination 2').waitFor();
      await button('Add pod label to destination 1').click();
      await form
        .getByRole('button', {
          name: /^Remove pod label \S+ of destination 1$/,
        })
        .waitFor();
      const unnamed = await form
        .getByRole('button')
        .evaluateAll(buttons =>
          buttons
            .filter(
              b => !(b.getAttribute('aria-label') || b.textContent.trim()),
            )
            .map(b => b.outerHTML.slice(0, 120)),
        );
      if (unnamed.length) {
        throw new Error(`buttons without a name:\n${unnamed.join('\n')}`);
      }
      await screenshot('issue19/after-5-egress-buttons');
      axeReport.egressEditor = await axeViolations(page, ['form']);

      // Both a namespace and a CIDR: refused before the next page.
      await button('Remove destination 2').click();
      await button('Remove pod label newKey of destination 1')
        .click()
        .catch(() => {});
      const first = form.getByTestId('aks-egress-item').first();
      await first.getByLabel('Namespace').fill('payments');
      await first.getByLabel('CIDR').fill('20.50.0.0/16');
      await first.getByLabel(/^Port/).first().fill('443');
      await next(page).click();
      await page
        .getByText(/^Destination 1: give a namespace or a CIDR, not both/)
        .first()
        .waitFor();
    },
  },
  {
    name: 'issue 19: the cluster form keeps its placeholders and refuses a firewall IP inside the spoke on its page',
    async run({ page, frontend, screenshot }) {
      const values = encodeURIComponent(
        JSON.stringify({
          clusterName: 'aks-e2e-weu',
          owner: 'group:default/platform-team',
          subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
          resourceGroup: 'rg-aks-e2e-weu',
        }),
      );
      await gotoSignedIn(page, `${frontend}${CLUSTER}?formData=${values}`);
      await page.getByLabel('Cluster name').waitFor();
      assertHelpTextIntact(await formText(page), 'Cluster');
      await page.getByText('1.{minor}', { exact: true }).first().waitFor();
      await next(page).click();

      await page.getByLabel('Public domain').fill('contoso.com');
      await page.getByText('*.{domain}', { exact: true }).first().waitFor();
      assertHelpTextIntact(await formText(page), 'Network');
      await page
        .getByLabel('Hub firewall resource id')
        .fill(
          '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub',
        );
      await page
        .getByLabel('Hub virtual network resource id')
        .fill(
          '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
        );
      await page.getByLabel('Hub firewall private IP').fill('10.240.0.4');
      await next(page).click();
      await page
        .getByText(/10\.240\.0\.4 is inside the spoke VNet 10\.240\.0\.0\/16/)
        .first()
        .waitFor();
      await screenshot('issue19/after-3-firewall-in-spoke');
      await page.getByLabel('Hub firewall private IP').fill('10.200.0.4');
      await next(page).click();
      await page.getByLabel('Entra ID tenant id').waitFor();
      assertHelpTextIntact(await formText(page), 'Identity');
      await page
        .getByLabel('Entra ID tenant id')
        .fill('72f988bf-86f1-41af-91ab-2d7cd011db47');
      await page
        .getByLabel('Cluster admin group object id')
        .fill('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e');
      await next(page).click();
      await page.getByLabel('New Key Vault name').waitFor();
      assertHelpTextIntact(await formText(page), 'Certificates');
      await page
        .getByText('*.aks-ingress.{domain}', { exact: true })
        .first()
        .waitFor();
      await screenshot('issue19/after-4-help-text');
    },
  },
  {
    name: "issue 19: a cluster's Overview tab sums up its state and leads to the AKS Baseline tab",
    async run({ page, frontend, screenshot }) {
      await gotoSignedIn(
        page,
        `${frontend}/catalog/default/resource/${DISCOVERED_CLUSTER}`,
      );
      const card = page.locator('[data-testid="aks-baseline-summary"]');
      await card.waitFor();
      await card.getByText('error', { exact: true }).first().waitFor();
      await card.locator('li').first().waitFor(); // the reasons, worst first
      await card.getByText(/^Failing controls: .*WAF-02/).waitFor();
      await card.getByText('Soonest certificate expiry').waitFor();
      await screenshot('issue19/after-7-overview-summary');
      axeReport.overviewSummary = await axeViolations(page, [
        '[data-testid="aks-baseline-summary"]',
      ]);
      await card
        .getByRole('link', { name: 'Open the AKS Baseline tab' })
        .click();
      await page.waitForURL(
        `**/catalog/default/resource/${DISCOVERED_CLUSTER}/aks-baseline`,
      );
      await page.locator('[data-testid="aks-baseline-entity"]').waitFor();
    },
  },
  {
    name: "issue 19: an app's tab links to its cluster, names its owner and lists its chain's controls first",
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'component', 'payments-api');
      const line = page.locator('[data-testid="aks-baseline-app-cluster"]');
      await line.getByRole('link', { name: 'aks-prod-weu' }).waitFor();
      await line.getByRole('link', { name: /platform-team/ }).waitFor();
      const chainControls = page.getByRole('table', {
        name: "Controls on this app's chain",
      });
      await chainControls.waitFor();
      // By workload, with the pod names on demand.
      const k8s07 = chainControls
        .getByRole('row')
        .filter({ hasText: 'K8S-07' });
      if (await k8s07.count()) {
        await k8s07
          .getByText(/pods of payments\/payments-api/)
          .first()
          .waitFor();
        await k8s07
          .getByRole('button', { name: 'Show pod names' })
          .first()
          .waitFor();
      }
      await screenshot('issue19/after-7-app-tab');
      await screenshot('issue19/after-10-workload-sentences');
      axeReport.appTab = await axeViolations(page, [
        '[data-testid="aks-baseline-entity"]',
      ]);
    },
  },
  {
    name: "issue 19: hops behind a private API server say how to see them and link to the README's section",
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'resource', 'aks-dev-neu');
      const fix = page.getByTestId('private-api-server-fix').first();
      await fix.waitFor();
      await fix
        .getByText(/resolves the cluster's private DNS zone/)
        .first()
        .waitFor();
      const readme = fix.getByRole('link', {
        name: /^private API servers in the plugin's README/,
      });
      // No aksBaseline.documentationUrl in the demo: the package's npm page.
      const href = await readme.getAttribute('href');
      if (
        href !==
        'https://www.npmjs.com/package/@aks-baseline/plugin-aks-baseline#private-api-servers'
      ) {
        throw new Error(`README link: ${href}`);
      }
      await fix.scrollIntoViewIfNeeded();
      await screenshot('issue19/after-9-private-api-server');
      axeReport.privateApiServer = await axeViolations(page, [
        '[data-testid="private-api-server-fix"]',
      ]);
    },
  },
  {
    name: 'issue 19: a failing WAF control says what to do and links to the Azure portal',
    async run({ page, frontend, screenshot }) {
      await openAksTab(page, frontend, 'resource', DISCOVERED_CLUSTER);
      await page
        .getByRole('button', { name: /^WAF policy .*: error$/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByText('What to do').first().waitFor();
      await dialog
        .getByText(/^Fix: /)
        .first()
        .waitFor();
      const portal = dialog.getByRole('link', {
        name: 'Open in the Azure portal',
      });
      const href = await portal.getAttribute('href');
      if (
        !/^https:\/\/portal\.azure\.com\/#resource\/subscriptions\//.test(href)
      ) {
        throw new Error(`Azure portal link: ${href}`);
      }
      await dialog
        .getByRole('button', { name: 'Copy the resource id' })
        .waitFor();
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('[role="dialog"]'))
            .opacity === '1',
      );
      await screenshot('issue19/after-6-waf-remediation');
      axeReport.hopDetails = await axeViolations(page, ['[role="dialog"]']);
      await page.keyboard.press('Escape');

      // And in the controls table.
      const wafRow = page
        .getByRole('row')
        .filter({ hasText: 'WAF-02' })
        .first();
      await wafRow.getByText(/^Fix: /).waitFor();
      assertNoSeriousViolations(axeReport);
    },
  },
];
