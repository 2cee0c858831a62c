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

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/v1/about`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'denied' } },
          { status: 403 },
        ),
      ),
    );

    const error = await client.getAbout().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });
});
