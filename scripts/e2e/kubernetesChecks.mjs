// Backstage's Kubernetes plugin in the demo: the template's onboarded app on
// the generated cluster lists its pods in the entity page's Kubernetes tab,
// read by the real Kubernetes backend from the demo's fixture API server; and
// the discovered cluster's page (no entity of examples/) shows both tabs.
import {
  DISCOVERED_CLUSTER,
  gotoSignedIn,
  openAksTab,
  waitForDiscoveredEntity,
} from './checks.mjs';

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

/**
 * Opens the Kubernetes tab's Deployment panel by its chevron (its title opens
 * a details drawer instead) and waits for each pod's name.
 */
async function expandDeploymentAndSeePods(page, pods) {
  await page
    .getByRole('button', { expanded: false })
    .filter({ hasText: 'Deployment' })
    .locator('[class*="MuiAccordionSummary-expandIcon"]')
    .click();
  for (const pod of pods) {
    await page.getByText(pod, { exact: true }).first().waitFor();
  }
}

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
      await expandDeploymentAndSeePods(page, pods);
      await screenshot('kubernetes-tab');
    },
  },
  {
    name: "the discovered aks-staging-weu's page: the AKS Baseline tab's chain and controls, the Kubernetes tab's Traefik pods from that cluster only",
    async run({ page, frontend, backend, screenshot }) {
      const entity = await waitForDiscoveredEntity(backend);
      const annotations = entity.metadata.annotations;
      const check = (ok, what) => {
        if (!ok) throw new Error(`${what}: ${JSON.stringify(entity.metadata)}`);
      };
      check(
        annotations['backstage.io/managed-by-origin-location'] ===
          'aks-baseline-provider:discovered-clusters',
        'made by the catalog module',
      );
      for (const key of [
        'kubernetes.io/api-server',
        'kubernetes.io/api-server-certificate-authority',
        'kubernetes.io/auth-provider',
      ]) {
        check(annotations[key], `the catalog locator's ${key}`);
      }
      check(
        entity.spec.owner === 'group:default/storefront-team',
        'owner from the owner tag',
      );

      // The fleet row links to it (the fleet's entity links last a minute).
      const deadline = Date.now() + 90_000;
      for (;;) {
        const { clusters } = await guestApi(
          backend,
          '/api/aks-baseline/v1/clusters',
        );
        const row = clusters.find(c => c.name === 'aks-staging-weu');
        if (row?.entityRef === `resource:default/${DISCOVERED_CLUSTER}`) break;
        if (Date.now() > deadline) {
          throw new Error(`fleet row links to ${row?.entityRef}`);
        }
        await new Promise(r => setTimeout(r, 3000));
      }

      // Its Kubernetes objects through the real Kubernetes backend.
      const { items } = await guestApi(
        backend,
        `/api/kubernetes/services/${DISCOVERED_CLUSTER}`,
        { entity },
      );
      if (
        JSON.stringify(items.map(i => i.cluster.name)) !==
        JSON.stringify([DISCOVERED_CLUSTER])
      ) {
        throw new Error(
          `clusters on ${DISCOVERED_CLUSTER}'s page: ${JSON.stringify(
            items.map(i => i.cluster),
          )}`,
        );
      }
      const [cluster] = items;
      if (cluster.errors.length > 0) {
        throw new Error(`errors: ${JSON.stringify(cluster.errors)}`);
      }
      const pods = cluster.resources
        .find(r => r.type === 'pods')
        .resources.map(p => p.metadata.name);
      if (pods.length === 0) throw new Error('no Traefik pods listed');

      // AKS Baseline tab: the staging chain and its failing WAF control.
      const lookup = await guestApi(
        backend,
        `/api/aks-baseline/v1/entity?entityRef=${encodeURIComponent(
          `resource:default/${DISCOVERED_CLUSTER}`,
        )}`,
      );
      await openAksTab(page, frontend, 'resource', DISCOVERED_CLUSTER);
      for (const chain of lookup.cluster.ingress) {
        const hops = page
          .getByRole('list', {
            name: `Ingress chain for ${chain.host}`,
            exact: true,
          })
          .getByRole('button');
        await hops.first().waitFor();
        const count = await hops.count();
        if (count !== chain.hops.length) {
          throw new Error(
            `${chain.host}: ${count} hops shown, ${chain.hops.length} in the API`,
          );
        }
      }
      // Its failing WAF control (Detection mode) in the controls.
      await page
        .getByRole('row')
        .filter({ hasText: 'WAF-02' })
        .first()
        .waitFor();
      await screenshot('discovered-cluster-aks-baseline-tab');

      // Kubernetes tab: one cluster panel (its own), its Traefik pods.
      await page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'Kubernetes', exact: true })
        .click();
      await page.waitForURL(`**/resource/${DISCOVERED_CLUSTER}/kubernetes`);
      await page.getByText('aks-staging-weu (demo fixture API server)').click();
      await page.getByText('No pods with errors').first().waitFor();
      const panels = await page
        .getByText(/\(demo fixture API server\)$/)
        .allInnerTexts();
      if (panels.length !== 1) {
        throw new Error(`cluster panels: ${JSON.stringify(panels)}`);
      }
      await expandDeploymentAndSeePods(page, pods);
      await screenshot('discovered-cluster-kubernetes-tab');
    },
  },
];
