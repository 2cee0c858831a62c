import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { aksBaselinePlugin } from './plugin';

describe('aksBaselinePlugin', () => {
  it('serves what it is configured with to an authenticated user', async () => {
    const { server } = await startTestBackend({
      features: [
        aksBaselinePlugin,
        mockServices.rootConfig.factory({
          data: {
            aksBaseline: { sources: ['demo'], cloud: 'AzureChinaCloud' },
          },
        }),
      ],
    });

    const res = await request(server).get('/api/aks-baseline/v1/about');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      plugin: 'aks-baseline',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      sources: ['demo'],
      cloud: 'AzureChinaCloud',
    });
  });

  it('defaults to the demo estate on the public cloud', async () => {
    const { server } = await startTestBackend({
      features: [aksBaselinePlugin],
    });

    const res = await request(server).get('/api/aks-baseline/v1/about');

    expect(res.body).toMatchObject({
      sources: ['demo'],
      cloud: 'AzurePublicCloud',
    });
  });

  it('rejects a request without credentials', async () => {
    const { server } = await startTestBackend({
      features: [aksBaselinePlugin],
    });

    const res = await request(server)
      .get('/api/aks-baseline/v1/about')
      .set('authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });

  it('refuses to start on a misspelt source and names the key', async () => {
    await expect(
      startTestBackend({
        features: [
          aksBaselinePlugin,
          mockServices.rootConfig.factory({
            data: { aksBaseline: { sources: ['azrue'] } },
          }),
        ],
      }),
    ).rejects.toThrow(/aksBaseline\.sources\.0/);
  });
});
