// Checks of the catalog module (@aks-baseline/plugin-catalog-backend-module-aks-baseline)
// against the running backend: four demo clusters have a hand-written entity in
// examples/clusters.yaml, so their discovered ones must give way to them; the
// fifth, aks-staging-weu, has none and is in the catalog only as discovered.
import { DISCOVERED_CLUSTER } from './checks.mjs';

async function api(backend, path) {
  const auth = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!auth.ok) throw new Error(`guest sign-in failed: ${auth.status}`);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(`${backend}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

const RESOURCE_ID = 'aks-baseline.io/resource-id';

export const checks = [
  {
    name: 'the catalog holds each demo cluster once: hand-written entities win, aks-staging-weu is discovered',
    async run({ backend }) {
      // The provider re-reads the catalog's claims every minute, so a
      // discovered entity written before the examples were ingested goes.
      const deadline = Date.now() + 120_000;
      let problem;
      do {
        const { items } = await api(
          backend,
          `/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster,metadata.annotations.${RESOURCE_ID}&limit=500`,
        );
        const byId = new Map();
        for (const entity of items) {
          const id = entity.metadata.annotations[RESOURCE_ID].toLowerCase();
          byId.set(id, [...(byId.get(id) ?? []), entity.metadata.name]);
        }
        const repeated = [...byId.values()].filter(names => names.length > 1);
        problem =
          byId.size < 5
            ? `only ${byId.size} demo clusters in the catalog`
            : repeated.length > 0 &&
              `clusters in the catalog twice: ${JSON.stringify(repeated)}`;
        if (!problem) {
          const discovered = items
            .filter(e =>
              String(
                e.metadata.annotations[
                  'backstage.io/managed-by-origin-location'
                ],
              ).startsWith('aks-baseline-provider:'),
            )
            .map(e => e.metadata.name);
          if (
            JSON.stringify(discovered) !== JSON.stringify([DISCOVERED_CLUSTER])
          ) {
            problem = `discovered entities: ${JSON.stringify(
              discovered,
            )}, expected only ${DISCOVERED_CLUSTER}`;
          }
        }
        if (!problem) {
          console.log(
            `    demo catalog: ${byId.size} cluster entities, 1 discovered (${DISCOVERED_CLUSTER})`,
          );
          return;
        }
        await new Promise(r => setTimeout(r, 2000));
      } while (Date.now() < deadline);
      throw new Error(problem);
    },
  },
];
