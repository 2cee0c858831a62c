// Backstage's Kubernetes plugin in the demo: the template's onboarded app on
// the generated cluster lists its pods in the entity page's Kubernetes tab,
// read by the real Kubernetes backend from the demo's fixture API server.
import { gotoSignedIn } from './checks.mjs';

async function guestApi(backend, path, body) {
  const auth = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!auth.ok) throw new Error(`guest sign-in failed: ${auth.status}`);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(`${backend}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const APP = 'inventory-api';
const CLUSTER = 'aks-generated-weu';

export const checks = [
  {
    name: 'the Kubernetes tab of the onboarded inventory-api lists its pods on aks-generated-weu',
    async run({ page, frontend, backend, screenshot }) {
      const entity = await guestApi(
        backend,
        `/api/catalog/entities/by-name/component/default/${APP}`,
      );
      const { items } = await guestApi(
        backend,
        `/api/kubernetes/services/${APP}`,
        { entity },
      );
      const cluster = items.find(i => i.cluster.name === CLUSTER);
      if (!cluster) {
        throw new Error(
          `no objects of ${APP} on ${CLUSTER}: ${JSON.stringify(items)}`,
        );
      }
      if (cluster.errors.length > 0) {
        throw new Error(
          `errors on ${CLUSTER}: ${JSON.stringify(cluster.errors)}`,
        );
      }
      const pods = cluster.resources
        .find(r => r.type === 'pods')
        .resources.map(p => p.metadata.name);
      if (pods.length === 0)
        throw new Error(`${APP} has no pods on ${CLUSTER}`);

      await gotoSignedIn(
        page,
        `${frontend}/catalog/default/component/${APP}/kubernetes`,
      );
      // Cluster panel -> Deployment panel -> its pods table.
      await page.getByText(`${CLUSTER} (demo fixture API server)`).click();
      await page.getByText('No pods with errors').first().waitFor();
      // Both tabs on one entity page: our chain and the plugin's workloads.
      await page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'AKS Baseline', exact: true })
        .waitFor();
      // The Deployment panel's chevron (its title opens a details drawer).
      await page
        .getByRole('button', { expanded: false })
        .filter({ hasText: 'Deployment' })
        .locator('[class*="MuiAccordionSummary-expandIcon"]')
        .click();
      for (const pod of pods) {
        await page.getByText(pod, { exact: true }).first().waitFor();
      }
      await screenshot('kubernetes-tab');
    },
  },
];
