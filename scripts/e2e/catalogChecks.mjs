// Checks of the catalog module (@aks-baseline/plugin-catalog-backend-module-aks-baseline)
// against the running backend: every demo cluster has a hand-written entity in
// examples/clusters.yaml, so the discovered ones must give way to them.

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
    name: 'the catalog holds each demo cluster once: the hand-written entity wins over the discovered one',
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
          const discovered = items.filter(e =>
            String(
              e.metadata.annotations['backstage.io/managed-by-origin-location'],
            ).startsWith('aks-baseline-provider:'),
          );
          if (discovered.length > 0) {
            problem = `discovered entities next to hand-written ones: ${discovered
              .map(e => e.metadata.name)
              .join(', ')}`;
          }
        }
        if (!problem) return;
        await new Promise(r => setTimeout(r, 2000));
      } while (Date.now() < deadline);
      throw new Error(problem);
    },
  },
];
