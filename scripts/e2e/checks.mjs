// What a newcomer does in the portal, as browser checks run in order by
// scripts/e2e.mjs. Each check throws (playwright's waits time out) when the
// page does not show what it should.

async function expectTexts(page, texts) {
  for (const text of texts) {
    await page
      .getByText(text, { exact: true })
      .first()
      .waitFor({ state: 'visible' });
  }
}

export const checks = [
  {
    name: 'a guest signs in and sees the sidebar',
    async run({ page, frontend }) {
      await page.goto(frontend);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Catalog' })
        .waitFor();
    },
  },
  {
    name: 'the catalog lists the example apps',
    async run({ page, frontend, screenshot }) {
      await page.goto(
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
      await page.goto(
        `${frontend}/catalog?filters[kind]=resource&filters[user]=all`,
      );
      // Resources with a title are listed by it.
      await expectTexts(page, [
        'All Resources (4)',
        'AKS prod (West Europe)',
        'AKS staging (West Europe)',
        'AKS legacy (North Europe)',
        'AKS dev (North Europe)',
      ]);
      await screenshot('catalog-clusters');
    },
  },
  {
    name: 'the fleet page is in the sidebar and shows the backend plugin answering',
    async run({ page, frontend, screenshot }) {
      await page.goto(frontend);
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'AKS Baseline' })
        .click();
      await page.waitForURL(`${frontend}/aks-baseline`);
      await page.getByText('Demo estate', { exact: false }).first().waitFor();
      await screenshot('fleet');
      await screenshot('readme');
    },
  },
];
