import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { ArmFixtureTransport } from './fixtureTransport';

const SUB = '22222222-2222-4222-8222-222222222222';
const HOST = 'https://management.azure.com';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-Prod`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-prod`;

function resource(id: string, type: string): ArmResource {
  return { id, name: id.split('/').pop(), type, properties: {} };
}

const estate: ArmResource[] = [
  ...[1, 2, 3].map(i =>
    resource(
      `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-${i}`,
      'Microsoft.ContainerService/managedClusters',
    ),
  ),
  resource(VAULT, 'Microsoft.KeyVault/vaults'),
  resource(`${VAULT}/secrets/tls-edge`, 'Microsoft.KeyVault/vaults/secrets'),
  resource(`${VAULT}/secrets/tls-ingress`, 'Microsoft.KeyVault/vaults/secrets'),
];

async function get(
  transport: ArmFixtureTransport,
  pathOrUrl: string,
  abortSignal?: AbortSignal,
) {
  const url = pathOrUrl.startsWith('https://')
    ? pathOrUrl
    : `${HOST}${pathOrUrl}${
        pathOrUrl.includes('?') ? '&' : '?'
      }api-version=2025-01-01`;
  const response = await transport.sendRequest(
    createPipelineRequest({ url, method: 'GET', abortSignal }),
  );
  return {
    status: response.status,
    headers: response.headers,
    body: response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined,
    text: response.bodyAsText,
  };
}

describe('ArmFixtureTransport', () => {
  it('answers a resource by id, ignoring case and api-version', async () => {
    const transport = new ArmFixtureTransport({ resources: estate });
    const { status, body } = await get(
      transport,
      `${RG.toUpperCase()}/providers/microsoft.containerservice/MANAGEDCLUSTERS/aks-2`,
    );
    expect(status).toBe(200);
    expect(body.name).toBe('aks-2');
  });

  it('pages a subscription-wide collection with absolute nextLinks', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      pageSize: 2,
    });
    const first = await get(
      transport,
      `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`,
    );
    expect(first.body.value.map((r: ArmResource) => r.name)).toEqual([
      'aks-1',
      'aks-2',
    ]);
    const nextLink = new URL(first.body.nextLink);
    expect(nextLink.origin).toBe(HOST);
    expect(nextLink.searchParams.get('$skipToken')).toBe('2');
    expect(nextLink.searchParams.get('api-version')).toBe('2025-01-01');

    const second = await get(transport, first.body.nextLink);
    expect(second.body).toEqual({
      value: [expect.objectContaining({ name: 'aks-3' })],
    });
    expect(transport.requestCount).toBe(2);
    expect(transport.countRequests('/managedClusters')).toBe(2);
  });

  it('lists by resource group and child collections under their parent', async () => {
    const transport = new ArmFixtureTransport({ resources: estate });
    const byGroup = await get(
      transport,
      `${RG}/providers/Microsoft.KeyVault/vaults`,
    );
    expect(byGroup.body.value).toHaveLength(1);
    const secrets = await get(transport, `${VAULT}/secrets`);
    expect(secrets.body.value.map((r: ArmResource) => r.name)).toEqual([
      'tls-edge',
      'tls-ingress',
    ]);
  });

  it('answers an empty list for a type nothing exists of, and 404 for unknown scopes', async () => {
    const transport = new ArmFixtureTransport({ resources: estate });
    const empty = await get(
      transport,
      `/subscriptions/${SUB}/providers/Microsoft.Network/azureFirewalls`,
    );
    expect(empty).toMatchObject({ status: 200, body: { value: [] } });

    const missing = await get(
      transport,
      `${RG}/providers/Microsoft.KeyVault/vaults/kv-gone`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceNotFound');

    const otherSub = await get(
      transport,
      '/subscriptions/33333333-3333-4333-8333-333333333333/providers/Microsoft.Network/routeTables',
    );
    expect(otherSub.status).toBe(404);
    expect(otherSub.body.error.code).toBe('SubscriptionNotFound');
  });

  it('lists the subscriptions it serves', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      subscriptions: [SUB, '44444444-4444-4444-8444-444444444444'],
    });
    const { body } = await get(transport, '/subscriptions');
    expect(body.value.map((s: any) => s.subscriptionId)).toEqual([
      SUB,
      '44444444-4444-4444-8444-444444444444',
    ]);
  });

  it('throttles per subscription with Retry-After and an ARM error body', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      throttle: {
        requestsPerWindow: 2,
        windowMs: 60_000,
        retryAfterSeconds: 7,
      },
    });
    const path = `${VAULT}/secrets`;
    expect((await get(transport, path)).status).toBe(200);
    expect((await get(transport, path)).status).toBe(200);
    const throttled = await get(transport, path);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(transport.throttledCount).toBe(1);
    expect(transport.requests.map(r => r.status)).toEqual([200, 200, 429]);
  });

  it('injects faults a limited number of times', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      faults: [
        {
          match: url => url.pathname.endsWith('/secrets'),
          status: 403,
          times: 1,
        },
        { match: url => url.pathname.endsWith('aks-1'), body: '{"value": [' },
      ],
    });
    const denied = await get(transport, `${VAULT}/secrets`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AuthorizationFailed');
    expect((await get(transport, `${VAULT}/secrets`)).status).toBe(200);

    const response = await transport.sendRequest(
      createPipelineRequest({
        url: `${HOST}${RG}/providers/Microsoft.ContainerService/managedClusters/aks-1`,
        method: 'GET',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.bodyAsText).toBe('{"value": [');
  });

  it('hangs until the request is aborted', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      faults: [{ match: () => true, hang: true }],
    });
    const controller = new AbortController();
    const pending = get(transport, `${VAULT}/secrets`, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(transport.requests[0].status).toBeUndefined();
  });

  it('gives up waiting out its latency when aborted', async () => {
    const transport = new ArmFixtureTransport({
      resources: estate,
      latencyMs: 60_000,
    });
    const controller = new AbortController();
    const pending = get(transport, `${VAULT}/secrets`, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('indexes a large estate once and routes in constant time', async () => {
    const big: ArmResource[] = Array.from({ length: 20_000 }, (_, i) =>
      resource(
        `${RG}/providers/Microsoft.Network/publicIPAddresses/pip-${i}`,
        'Microsoft.Network/publicIPAddresses',
      ),
    );
    const transport = new ArmFixtureTransport({ resources: big, pageSize: 1 });
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) {
      await get(
        transport,
        `${RG}/providers/Microsoft.Network/publicIPAddresses/pip-${i * 7}`,
      );
    }
    // Generous: a linear scan per request would take seconds here.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
