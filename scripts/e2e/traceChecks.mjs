// "Trace a packet" through the UI: two traces on the demo estate, each
// checked for the hop that stops it and the rule that decides. With
// UPDATE_README_SCREENSHOT=1 the first one refreshes docs/trace.png.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gotoSignedIn } from './checks.mjs';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

/**
 * The trace card of an entity's AKS Baseline tab. Under load the entity
 * lookup has failed once with a network error: reload, at most twice.
 */
async function openTraceCard(page, frontend, entityPath) {
  const url = `${frontend}/catalog/default/${entityPath}/aks-baseline`;
  const form = page.getByRole('form', { name: 'Trace a packet' });
  for (let attempt = 1; ; attempt++) {
    await gotoSignedIn(page, url);
    try {
      await form.waitFor({ timeout: 30_000 });
      return form;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Runs the filled-in trace and waits for its verdict heading in the live region. */
async function runTrace(page, form) {
  await form.getByRole('button', { name: 'Trace', exact: true }).click();
  const result = page.getByTestId('trace-result');
  await result.getByRole('heading').waitFor();
  if ((await result.getAttribute('aria-live')) !== 'polite')
    throw new Error('the trace result is not an aria-live region');
  return result;
}

async function expectStop(result, heading, stoppingHop) {
  const text = await result.getByRole('heading').first().textContent();
  if (text !== heading)
    throw new Error(
      `verdict heading:\n  expected ${heading}\n  got      ${text}`,
    );
  // The stopping hop is the hop button whose accessible name says error, by name.
  await result
    .getByRole('button', { name: stoppingHop, exact: true })
    .waitFor();
}

export const checks = [
  {
    name: "trace: storefront-web's request stops at staging's plain-HTTP backend settings",
    async run({ page, frontend, screenshot }) {
      const form = await openTraceCard(
        page,
        frontend,
        'component/storefront-web',
      );
      // Prefilled for the app: its host, 443 and /.
      const host = await form.getByLabel('Host').inputValue();
      if (host !== 'shop.staging.contoso-demo.com')
        throw new Error(`host not prefilled for the app: ${host}`);
      const result = await runTrace(page, form);
      await expectStop(
        result,
        'Stopped at Backend settings: aks-ingress-backendpool-httpsettings',
        'Backend settings · aks-ingress-backendpool-httpsettings: error',
      );
      await result
        .getByText('sends HTTP to port 80, but Traefik listens on 443', {
          exact: false,
        })
        .first()
        .waitFor();
      const card = page
        .locator('div', { has: form })
        .filter({ has: result })
        .last();
      await card.scrollIntoViewIfNeeded();
      // docs/trace.png (the README's) only when asked, as for docs/screenshot.png.
      if (process.env.UPDATE_README_SCREENSHOT)
        await card.screenshot({ path: join(docs, 'trace.png') });
      await screenshot('trace-staging');
    },
  },
  {
    name: "trace: a client outside dev's WAF allow rule stops at the WAF's Block rule",
    async run({ page, frontend, screenshot }) {
      const form = await openTraceCard(page, frontend, 'resource/aks-dev-neu');
      await form.getByLabel('Client address').fill('203.0.113.10');
      await form.getByLabel('Host').fill('dev.contoso-demo.com');
      const result = await runTrace(page, form);
      await expectStop(
        result,
        'Stopped at WAF policy: BlockEveryoneElse',
        'WAF policy · BlockEveryoneElse: error',
      );
      await result
        .getByText(
          'Smallest change: add 203.0.113.10 to the match values of Allow rule AllowOffices (priority 10)',
          { exact: false },
        )
        .waitFor();
      await screenshot('trace-dev-waf');
    },
  },
];
