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
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok)
    throw new Error(
      `${path}: ${res.status} ${JSON.stringify(body)?.slice(0, 500)}`,
    );
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
        if (body.clusters.length >= 5) break;
        await new Promise(r => setTimeout(r, 1000));
      } while (Date.now() < deadline);
      const names = body.clusters.map(c => c.name).sort();
      const expected = [
        'aks-dev-neu',
        'aks-generated-weu',
        'aks-legacy-neu',
        'aks-prod-weu',
        'aks-staging-weu',
      ];
      if (JSON.stringify(names) !== JSON.stringify(expected)) {
        throw new Error(`demo fleet: ${names.join(', ')}`);
      }
    },
  },
  {
    name: 'the app-onboarding template is in the catalog and its dry run writes the app files',
    async run({ backend }) {
      const template = await api(
        backend,
        '/api/catalog/entities/by-name/template/default/aks-baseline-app-onboarding',
      );
      const result = await api(backend, '/api/scaffolder/v2/dry-run', {
        method: 'POST',
        body: JSON.stringify({
          template,
          values: {
            appName: 'orders-api',
            owner: 'group:default/payments-team',
            cluster: 'resource:default/aks-prod-weu',
            host: 'orders.contoso-demo.com',
            targetPort: '8080',
            // What the form's AksClusterContract field holds (aks-prod-weu
            // has no stamp contract to fill it from).
            clusterContract: {
              keyVaultName: 'kv-aks-prod-weu',
              tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
              certificateReaderClientId: '11111111-2222-3333-4444-555555555555',
            },
            certificateName: 'orders-tls',
            repoUrl: 'github.com?owner=contoso&repo=aks-prod-weu-gitops',
          },
          // A dry run never reaches GitHub, but the publish step builds its
          // client first and needs some token to do so.
          secrets: { USER_OAUTH_TOKEN: 'dry-run-placeholder' },
          directoryContents: [],
        }),
      });
      const files = result.directoryContents.map(f => f.path).sort();
      for (const expected of [
        'cluster-repo/namespace-orders-api.yaml',
        'cluster-repo/networkpolicy-default-deny.yaml',
        'cluster-repo/networkpolicy-allow-ingress-from-traefik.yaml',
        'cluster-repo/secretproviderclass-orders-api-tls-csi-akv.yaml',
        'cluster-repo/ingressroute-orders-api.yaml',
        'cluster-repo/kustomization.yaml',
        'cluster-repo/catalog-info.yaml',
        'platform-infra/appgateway-orders-api.json',
      ]) {
        if (!files.includes(expected)) {
          throw new Error(
            `dry run did not write ${expected}; wrote: ${files.join(', ')}`,
          );
        }
      }
      const catalogInfo = result.directoryContents.find(
        f => f.path === 'cluster-repo/catalog-info.yaml',
      );
      const text = Buffer.from(catalogInfo.base64Content, 'base64').toString(
        'utf8',
      );
      if (!text.includes('aks-baseline.io/host: orders.contoso-demo.com')) {
        throw new Error(
          `catalog-info.yaml lacks the host annotation:\n${text}`,
        );
      }
    },
  },
  {
    name: 'the baseline-cluster template is in the catalog and its dry run writes the ARM template and manifests',
    async run({ backend }) {
      const template = await api(
        backend,
        '/api/catalog/entities/by-name/template/default/aks-baseline-cluster',
      );
      const result = await api(backend, '/api/scaffolder/v2/dry-run', {
        method: 'POST',
        body: JSON.stringify({
          template,
          values: {
            clusterName: 'aks-e2e-weu',
            owner: 'group:default/platform-team',
            subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
            resourceGroup: 'rg-aks-e2e-weu',
            location: 'westeurope',
            firewallPrivateIp: '10.200.0.4',
            firewallResourceId:
              '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/azureFirewalls/fw-westeurope',
            hubVirtualNetworkId:
              '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/virtualNetworks/vnet-westeurope-hub',
            ingressDomain: 'contoso-demo.com',
            tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
            adminGroupObjectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
            keyVaultName: 'kv-aks-e2e-weu',
            repoUrl: 'github.com?owner=contoso&repo=aks-e2e-weu',
            // The test machine has no route to github.com: the README then
            // carries the command that adds Traefik's CRDs.
            fetchTraefikCrds: false,
          },
          directoryContents: [],
        }),
      });
      const files = result.directoryContents.map(f => f.path);
      for (const expected of [
        'cluster-repo/infra/cluster.json',
        'cluster-repo/infra/cluster.parameters.json',
        'cluster-repo/cluster-manifests/kustomization.yaml',
        'cluster-repo/catalog-info.yaml',
        'cluster-repo/README.md',
      ]) {
        if (!files.includes(expected)) {
          throw new Error(
            `dry run did not write ${expected}; wrote: ${files.join(', ')}`,
          );
        }
      }
      const template_ = JSON.parse(
        Buffer.from(
          result.directoryContents.find(
            f => f.path === 'cluster-repo/infra/cluster.json',
          ).base64Content,
          'base64',
        ).toString('utf8'),
      );
      const types = new Set(template_.resources.map(r => r.type));
      for (const type of [
        'Microsoft.ContainerService/managedClusters',
        'Microsoft.Network/applicationGateways',
        'Microsoft.KeyVault/vaults',
      ]) {
        if (!types.has(type)) throw new Error(`cluster.json has no ${type}`);
      }
      const readme = Buffer.from(
        result.directoryContents.find(f => f.path === 'cluster-repo/README.md')
          .base64Content,
        'base64',
      ).toString('utf8');
      if (!readme.includes('kubernetes-crd-definition-v1.yml')) {
        throw new Error("README.md lacks the step that adds Traefik's CRDs");
      }
    },
  },
];
