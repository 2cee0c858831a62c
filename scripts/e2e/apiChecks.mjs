// Checks against the running backend's HTTP API, with a guest token: what the
// portal's own pages rely on, and the scaffolder's dry run of our templates.

async function guestToken(backend) {
  const res = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function api(backend, path, init = {}) {
  const token = await guestToken(backend);
  const res = await fetch(`${backend}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)?.slice(0, 500)}`);
  return body;
}

export const checks = [
  {
    name: 'the backend serves the demo fleet through the Azure SDK path',
    async run({ backend }) {
      const deadline = Date.now() + 60_000;
      let body;
      do {
        body = await api(backend, '/api/aks-baseline/v1/clusters');
        if (body.clusters.length >= 4) break;
        await new Promise(r => setTimeout(r, 1000));
      } while (Date.now() < deadline);
      const names = body.clusters.map(c => c.name).sort();
      const expected = ['aks-dev-neu', 'aks-legacy-neu', 'aks-prod-weu', 'aks-staging-weu'];
      if (JSON.stringify(names) !== JSON.stringify(expected)) {
        throw new Error(`demo fleet: ${names.join(', ')}`);
      }
    },
  },
];
