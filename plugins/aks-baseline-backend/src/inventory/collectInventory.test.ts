import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { AZURE_CLOUDS } from '../azure/cloud';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
  type ArmFixtureTransportOptions,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { collectInventory } from './collectInventory';
import {
  CONTAINER_REGISTRY_API_VERSION,
  RESOURCE_LISTINGS,
} from './resourceListings';
import type { InventoryOptions } from './types';

const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002';

function cluster(sub: string, name: string): ArmResource {
  return {
    id: `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    type: 'Microsoft.ContainerService/managedClusters',
    location: 'westeurope',
    properties: { networkProfile: { networkPlugin: 'azure' } },
  };
}

function vault(sub: string, name: string): ArmResource {
  return {
    id: `/subscriptions/${sub}/resourceGroups/rg-${name}/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    type: 'Microsoft.KeyVault/vaults',
    location: 'westeurope',
    properties: { tenantId: SUB_A, sku: { family: 'A', name: 'standard' } },
  };
}

function secret(
  vaultResource: ArmResource,
  name: string,
  extra = {},
): ArmResource {
  return {
    id: `${vaultResource.id}/secrets/${name}`,
    name,
    type: 'Microsoft.KeyVault/vaults/secrets',
    properties: { attributes: { enabled: true, exp: 1_900_000_000 }, ...extra },
  };
}

const path = (fragment: string) => (url: URL) =>
  url.pathname.toLowerCase().includes(fragment.toLowerCase());

/** The subscription's cluster list (not a cluster's maintenance list or telemetry reads). */
const CLUSTER_LIST = /\/managedClusters$/i;

async function inventoryOf(
  transportOptions: ArmFixtureTransportOptions,
  options: Partial<InventoryOptions> = {},
) {
  const transport = new ArmFixtureTransport(transportOptions);
  const inventory = await collectInventory({
    subscriptionIds: [SUB_A],
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    retryDelayMs: 10,
    ...options,
  });
  return { inventory, transport };
}

describe('collectInventory', () => {
  it('follows nextLink through every page', async () => {
    const clusters = [1, 2, 3, 4, 5].map(i => cluster(SUB_A, `aks-${i}`));
    const { inventory, transport } = await inventoryOf({
      resources: clusters,
      pageSize: 2,
    });
    expect(inventory.managedClusters.map(c => c.name)).toEqual([
      'aks-1',
      'aks-2',
      'aks-3',
      'aks-4',
      'aks-5',
    ]);
    // Clusters: 3 pages; the fourteen other types: one (empty) page each;
    // each cluster's maintenance configurations: one page; per cluster, its
    // diagnostic settings and rule associations (LOG-01..03).
    expect(transport.countRequests(CLUSTER_LIST)).toBe(3);
    expect(transport.countRequests('/maintenanceConfigurations')).toBe(5);
    expect(inventory.requestCount).toBe(3 + 14 + 5 + 5 * 2);
    expect(inventory.requestCount).toBe(transport.requestCount);
  });

  it('lists container registries with the api-version of their specification, through every page, with a bearer token', async () => {
    const registries = [1, 2, 3].map(i => ({
      id: `/subscriptions/${SUB_A}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acr${i}`,
      name: `acr${i}`,
      type: 'Microsoft.ContainerRegistry/registries',
      location: 'westeurope',
      sku: { name: 'Premium', tier: 'Premium' },
      properties: {
        loginServer: `acr${i}.azurecr.io`,
        adminUserEnabled: false,
      },
    }));
    const { inventory, transport } = await inventoryOf({
      resources: registries,
      pageSize: 2,
    });
    // As ARM sent them (REST shape, settings under properties).
    expect(inventory.containerRegistries).toEqual(registries);
    const lists = transport.requests.filter(r =>
      /\/providers\/Microsoft\.ContainerRegistry\/registries$/i.test(r.path),
    );
    expect(lists).toHaveLength(2);
    expect(new URL(lists[0].url).searchParams.get('api-version')).toBe(
      CONTAINER_REGISTRY_API_VERSION,
    );
    expect(lists[0].path).toBe(
      `/subscriptions/${SUB_A}/providers/Microsoft.ContainerRegistry/registries`,
    );
  });

  it('reports a registry list ARM refuses with its status and code', async () => {
    const { inventory } = await inventoryOf({
      resources: [cluster(SUB_A, 'aks-1')],
      faults: [{ match: path('/registries'), status: 403 }],
    });
    expect(inventory.failedListings).toEqual([
      expect.objectContaining({
        kind: 'containerRegistries',
        armType: 'Microsoft.ContainerRegistry/registries',
        subscriptionId: SUB_A,
        error: expect.objectContaining({
          status: 403,
          message: expect.stringMatching(
            /^Listing Microsoft.ContainerRegistry\/registries failed: 403 AuthorizationFailed/,
          ),
        }),
      }),
    ]);
  });

  it('waits out Retry-After on 429 and then succeeds', async () => {
    const started = Date.now();
    const { inventory, transport } = await inventoryOf({
      resources: [cluster(SUB_A, 'aks-1')],
      faults: [
        {
          match: path('/managedClusters'),
          status: 429,
          headers: { 'retry-after': '1' },
          times: 1,
        },
      ],
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(inventory.errors).toEqual([]);
    expect(inventory.managedClusters).toHaveLength(1);
    expect(inventory.throttledCount).toBe(1);
    expect(transport.countRequests(CLUSTER_LIST)).toBe(2);
    expect(inventory.requestCount).toBe(2 + 14 + 1 + 2);
  });

  it('recovers from a throttled subscription budget', async () => {
    const { inventory } = await inventoryOf({
      resources: [cluster(SUB_A, 'aks-1')],
      throttle: { requestsPerWindow: 6, windowMs: 500, retryAfterSeconds: 1 },
    });
    expect(inventory.errors).toEqual([]);
    expect(inventory.managedClusters).toHaveLength(1);
    expect(inventory.throttledCount).toBeGreaterThan(0);
    // Fourteen type lists, the cluster's maintenance list, its diagnostic
    // settings and rule associations.
    expect(inventory.requestCount).toBe(15 + 1 + 2 + inventory.throttledCount);
  });

  it('backs off on 5xx and then succeeds', async () => {
    const { inventory, transport } = await inventoryOf({
      resources: [cluster(SUB_A, 'aks-1')],
      faults: [{ match: path('/managedClusters'), status: 503, times: 2 }],
    });
    expect(inventory.errors).toEqual([]);
    expect(inventory.managedClusters).toHaveLength(1);
    expect(transport.countRequests(CLUSTER_LIST)).toBe(3);
  });

  it('gives up on 5xx after maxRetries and reports the status', async () => {
    const { inventory, transport } = await inventoryOf(
      {
        resources: [cluster(SUB_A, 'aks-1')],
        faults: [{ match: path('/managedClusters'), status: 500 }],
      },
      { maxRetries: 2 },
    );
    expect(transport.countRequests(CLUSTER_LIST)).toBe(3);
    expect(inventory.managedClusters).toEqual([]);
    expect(inventory.errors).toEqual([
      expect.objectContaining({
        kind: 'subscription',
        scope: SUB_A,
        status: 500,
        message: expect.stringContaining(
          'Microsoft.ContainerService/managedClusters',
        ),
      }),
    ]);
  });

  it('keeps listing the other subscription when one answers 403', async () => {
    const { inventory } = await inventoryOf(
      {
        resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
        faults: [{ match: path(`/subscriptions/${SUB_B}/`), status: 403 }],
      },
      { subscriptionIds: [SUB_A, SUB_B] },
    );
    expect(inventory.managedClusters.map(c => c.name)).toEqual(['aks-a']);
    expect(inventory.subscriptionsScanned).toEqual([SUB_A, SUB_B]);
    // One error per type listed in the failing subscription, none for the other.
    expect(inventory.errors).toHaveLength(15);
    for (const error of inventory.errors) {
      expect(error).toMatchObject({
        kind: 'subscription',
        scope: SUB_B,
        status: 403,
      });
    }
    expect(inventory.errors.map(e => e.message)).toContainEqual(
      expect.stringMatching(/managedClusters failed: 403 AuthorizationFailed/),
    );
  });

  it('times out a request that never answers, without retrying it', async () => {
    const { inventory, transport } = await inventoryOf(
      {
        resources: [cluster(SUB_A, 'aks-1')],
        faults: [{ match: path('/routeTables'), hang: true }],
      },
      { timeoutMs: 100 },
    );
    expect(transport.countRequests('/routeTables')).toBe(1);
    expect(inventory.managedClusters).toHaveLength(1);
    expect(inventory.errors).toEqual([
      {
        kind: 'subscription',
        scope: SUB_A,
        message: expect.stringMatching(
          /routeTables failed: timed out \(no answer within 100 ms\)/,
        ),
      },
    ]);
  });

  it('reports a malformed body without echoing it', async () => {
    const { inventory } = await inventoryOf({
      resources: [cluster(SUB_A, 'aks-1')],
      faults: [
        {
          match: path('/managedClusters'),
          body: '{"value": [{"id": "secret-ish',
        },
      ],
    });
    expect(inventory.managedClusters).toEqual([]);
    expect(inventory.errors).toEqual([
      {
        kind: 'subscription',
        scope: SUB_A,
        message:
          'Listing Microsoft.ContainerService/managedClusters failed: malformed response body (not JSON)',
      },
    ]);
  });

  // A failed list is a fact of its own (type + subscription + why), so the
  // resolver can tell "none exist" from "could not be listed".
  describe.each(RESOURCE_LISTINGS.map(l => [l.armType, l] as const))(
    'when listing %s fails',
    (armType, listing) => {
      const segment = `/${armType.split('/')[1]}`.toLowerCase();
      const listPath = (url: URL) =>
        url.pathname.toLowerCase().startsWith(`/subscriptions/${SUB_B}/`) &&
        url.pathname.toLowerCase().endsWith(segment);
      it.each([
        ['500', { status: 500 }, { status: 500 }],
        ['a malformed body', { body: '{"value": [' }, {}],
      ])(
        'on %s, records that one listing as failed',
        async (_, fault, extra) => {
          const { inventory } = await inventoryOf(
            {
              resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
              faults: [{ match: listPath, ...fault }],
            },
            { subscriptionIds: [SUB_A, SUB_B], maxRetries: 0 },
          );
          expect(inventory.failedListings).toEqual([
            {
              kind: listing.kind,
              armType,
              subscriptionId: SUB_B,
              error: expect.objectContaining({
                kind: 'subscription',
                scope: SUB_B,
                message: expect.stringContaining(`Listing ${armType} failed`),
                ...extra,
              }),
            },
          ]);
          expect(inventory.errors).toEqual([inventory.failedListings[0].error]);
        },
      );
    },
  );

  it('lists secrets once per vault, without values, and attaches vault errors', async () => {
    const good = vault(SUB_A, 'kv-good');
    const denied = vault(SUB_A, 'kv-denied');
    const { inventory, transport } = await inventoryOf({
      resources: [
        good,
        denied,
        secret(good, 'tls-edge', { value: 'MIIKeyMaterial' }),
        secret(good, 'tls-ingress'),
        secret(denied, 'tls-other'),
      ],
      faults: [{ match: path('/vaults/kv-denied/secrets'), status: 403 }],
    });

    const secrets = inventory.vaultSecrets[good.id!.toLowerCase()];
    expect(secrets.map(s => s.name)).toEqual(['tls-edge', 'tls-ingress']);
    // What the certificate chain reads (secretFacts): the expiry, no value.
    expect(secrets[0].properties).toEqual({
      attributes: { exp: 1_900_000_000 },
    });
    expect(JSON.stringify(inventory)).not.toContain('MIIKeyMaterial');

    expect(inventory.vaultSecrets[denied.id!.toLowerCase()]).toBeUndefined();
    expect(inventory.errors).toEqual([
      expect.objectContaining({ kind: 'vault', scope: denied.id, status: 403 }),
    ]);
    expect(transport.countRequests('/secrets')).toBe(2);
  });

  it('lists secrets only of the vaults selectVaults picks', async () => {
    const used = vault(SUB_A, 'kv-used');
    const unused = vault(SUB_A, 'kv-unused');
    const { inventory, transport } = await inventoryOf(
      { resources: [used, unused, secret(used, 'a'), secret(unused, 'b')] },
      {
        selectVaults: listing => {
          expect(listing.keyVaults).toHaveLength(2);
          return listing.keyVaults.filter(v => v.name === 'kv-used');
        },
      },
    );
    expect(Object.keys(inventory.vaultSecrets)).toEqual([
      used.id!.toLowerCase(),
    ]);
    expect(transport.countRequests('/secrets')).toBe(1);
  });

  it('discovers subscriptions when none are configured', async () => {
    const { inventory } = await inventoryOf(
      {
        resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
      },
      { subscriptionIds: undefined },
    );
    expect(inventory.subscriptionsScanned).toEqual([SUB_A, SUB_B]);
    expect(inventory.managedClusters.map(c => c.name)).toEqual([
      'aks-a',
      'aks-b',
    ]);
    // One subscription list, then fifteen types in each of two
    // subscriptions, then each cluster's maintenance list, diagnostic
    // settings and associations.
    expect(inventory.requestCount).toBe(1 + 30 + 2 + 2 * 2);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const fixture = new ArmFixtureTransport({
      resources: [cluster(SUB_A, 'aks-a'), cluster(SUB_B, 'aks-b')],
      latencyMs: 5,
    });
    let inFlight = 0;
    let peak = 0;
    const counting: HttpClient = {
      async sendRequest(request) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await fixture.sendRequest(request);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const inventory = await collectInventory({
      subscriptionIds: [SUB_A, SUB_B],
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzurePublicCloud,
      httpClient: counting,
      concurrency: 3,
    });
    expect(inventory.errors).toEqual([]);
    expect(peak).toBe(3);
  });

  it('sends requests to the configured cloud', async () => {
    const fixture = new ArmFixtureTransport({
      resources: [cluster(SUB_A, 'aks-1')],
    });
    const hosts = new Set<string>();
    const recordingHost: HttpClient = {
      sendRequest(request) {
        hosts.add(new URL(request.url).origin);
        return fixture.sendRequest(request);
      },
    };
    const inventory = await collectInventory({
      subscriptionIds: [SUB_A],
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzureChinaCloud,
      httpClient: recordingHost,
    });
    expect(inventory.managedClusters).toHaveLength(1);
    expect([...hosts]).toEqual(['https://management.chinacloudapi.cn']);
  });

  it('stops when the refresh is abandoned', async () => {
    const controller = new AbortController();
    const pending = collectInventory({
      subscriptionIds: [SUB_A],
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzurePublicCloud,
      httpClient: new ArmFixtureTransport({
        resources: [],
        faults: [{ match: () => true, hang: true }],
      }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops waiting out a long Retry-After when the refresh is abandoned', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = collectInventory({
      subscriptionIds: [SUB_A],
      credential: new StaticTokenCredential(),
      cloud: AZURE_CLOUDS.AzurePublicCloud,
      httpClient: new ArmFixtureTransport({
        resources: [],
        faults: [
          { match: () => true, status: 429, headers: { 'retry-after': '600' } },
        ],
      }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
