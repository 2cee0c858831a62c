import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AksBaselineClient } from './AksBaselineClient';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/aks-baseline';
const client = new AksBaselineClient({
  discoveryApi: { getBaseUrl: async () => baseUrl },
  fetchApi: new MockFetchApi(),
});

/** Answers any request with `body` and records the URL and method it got. */
function recordRequests(body: unknown, status = 200) {
  const seen: Array<{ method: string; url: URL }> = [];
  server.use(
    http.all(`${baseUrl}/*`, ({ request }) => {
      seen.push({ method: request.method, url: new URL(request.url) });
      return HttpResponse.json(body as object, { status });
    }),
  );
  return seen;
}

describe('AksBaselineClient', () => {
  it('reads the about document from the plugin base URL', async () => {
    server.use(
      http.get(`${baseUrl}/v1/about`, () =>
        HttpResponse.json({
          plugin: 'aks-baseline',
          version: '0.1.0',
          sources: ['demo'],
          cloud: 'AzurePublicCloud',
        }),
      ),
    );

    await expect(client.getAbout()).resolves.toMatchObject({
      sources: ['demo'],
    });
  });

  it('lists the clusters', async () => {
    const seen = recordRequests({ clusters: [] });

    await expect(client.listClusters()).resolves.toEqual({ clusters: [] });
    expect(seen[0].url.pathname).toBe('/api/aks-baseline/v1/clusters');
  });

  it('encodes each segment of a cluster path', async () => {
    const seen = recordRequests({ cluster: {}, stale: false });

    await client.getCluster({
      subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      resourceGroup: 'rg/with?odd#chars',
      name: 'aks-prod-weu',
    });

    expect(seen[0].url.pathname).toBe(
      '/api/aks-baseline/v1/clusters/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/rg%2Fwith%3Fodd%23chars/aks-prod-weu',
    );
  });

  it('passes the entity ref as an encoded query parameter', async () => {
    const seen = recordRequests({ kind: 'app' });

    await client.getEntity('component:default/payments&api');

    expect(seen[0].url.search).toBe(
      '?entityRef=component%3Adefault%2Fpayments%26api',
    );
    expect(seen[0].url.searchParams.get('entityRef')).toBe(
      'component:default/payments&api',
    );
  });

  it('adds maxDaysLeft only when given', async () => {
    const seen = recordRequests({ certificates: [] });

    await client.listCertificates();
    await client.listCertificates({ maxDaysLeft: -3 });

    expect(seen.map(s => `${s.url.pathname}${s.url.search}`)).toEqual([
      '/api/aks-baseline/v1/certificates',
      '/api/aks-baseline/v1/certificates?maxDaysLeft=-3',
    ]);
  });

  it('triggers a refresh with a POST', async () => {
    const seen = recordRequests({ status: 'triggered' }, 202);

    await expect(client.refresh()).resolves.toEqual({ status: 'triggered' });
    expect(seen[0]).toMatchObject({ method: 'POST' });
    expect(seen[0].url.pathname).toBe('/api/aks-baseline/v1/refresh');
  });

  it.each([
    [400, 'InputError', 'Entity component:default/x has neither annotation'],
    [403, 'NotAllowedError', 'Missing permission aks-baseline.cluster.read'],
    [404, 'NotFoundError', 'Cluster is not in the fleet snapshot'],
  ])(
    'turns a %s into a ResponseError carrying the backend message',
    async (status, name, message) => {
      // The body every Backstage backend sends with an error.
      recordRequests(
        {
          error: { name, message },
          request: { method: 'GET', url: '/api/aks-baseline/v1/entity' },
          response: { statusCode: status },
        },
        status,
      );

      const error = await client.getEntity('component:default/x').catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause).toMatchObject({ name, message });
    },
  );

  it('keeps the status of an error without a JSON body', async () => {
    server.use(
      http.get(
        `${baseUrl}/v1/clusters`,
        () => new HttpResponse('upstream down', { status: 502 }),
      ),
    );

    const error = await client.listClusters().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
