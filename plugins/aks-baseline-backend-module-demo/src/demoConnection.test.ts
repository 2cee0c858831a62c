import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { DemoConnection, demoClusterSource } from './demoConnection';
import { DEMO_SUBSCRIPTIONS } from './demoEstate';

jest.mock('./demoEstate', () => {
  const actual = jest.requireActual('./demoEstate');
  return { ...actual, buildDemoEstate: jest.fn(actual.buildDemoEstate) };
});
const { buildDemoEstate } = jest.requireMock('./demoEstate');

const ARM = 'https://management.azure.com';
const NOW = new Date('2026-11-26T12:00:00Z');
const cluster = (group: string, name: string) =>
  `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`;

function kubeconfigServer(body: string): string {
  const { kubeconfigs } = JSON.parse(body);
  const config = JSON.parse(
    Buffer.from(kubeconfigs[0].value, 'base64').toString('utf8'),
  );
  return config.clusters[0].cluster.server;
}

describe('the demo connection', () => {
  const connection = new DemoConnection(() => NOW);
  afterAll(() => connection.close());
  beforeEach(() => buildDemoEstate.mockClear());

  it('builds the estate once per refresh, for the inventory and the cluster credentials alike', async () => {
    const { armHttpClient } = await connection.openRefresh();
    const send = (method: 'GET' | 'POST', path: string) =>
      armHttpClient!.sendRequest(
        createPipelineRequest({ url: `${ARM}${path}`, method }),
      );

    const list = await send(
      'GET',
      `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/providers/Microsoft.ContainerService/managedClusters`,
    );
    const prod = await send(
      'POST',
      `${cluster('rg-aks-prod-weu', 'aks-prod-weu')}/listClusterUserCredential`,
    );
    const unknown = await send(
      'POST',
      `${cluster('rg-aks-prod-weu', 'aks-nope')}/listClusterUserCredential`,
    );

    expect(buildDemoEstate).toHaveBeenCalledTimes(1);
    expect(buildDemoEstate).toHaveBeenCalledWith(NOW);
    expect(
      JSON.parse(list.bodyAsText!).value.map((c: { name: string }) => c.name),
    ).toEqual(['aks-generated-weu', 'aks-prod-weu', 'aks-staging-weu']);
    expect(prod.status).toBe(200);
    expect(kubeconfigServer(prod.bodyAsText!)).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/clusters\/aks-prod-weu$/,
    );
    expect(unknown.status).toBe(404);
  });

  it('builds a new estate for the next refresh', async () => {
    await connection.openRefresh();
    await connection.openRefresh();

    expect(buildDemoEstate).toHaveBeenCalledTimes(2);
  });

  it('points private clusters at their private name, which the demo network never resolves', async () => {
    const { armHttpClient, lookup } = await connection.openRefresh();
    const dev = await armHttpClient!.sendRequest(
      createPipelineRequest({
        url: `${ARM}/subscriptions/${DEMO_SUBSCRIPTIONS.nonProd}/resourceGroups/rg-aks-dev-neu/providers/Microsoft.ContainerService/managedClusters/aks-dev-neu/listClusterUserCredential`,
        method: 'POST',
      }),
    );
    const host = new URL(kubeconfigServer(dev.bodyAsText!)).hostname;
    const resolved = await new Promise<NodeJS.ErrnoException | null>(r =>
      lookup!(host, {}, error => r(error)),
    );

    expect(host).toBe('aks-dev-neu-dns.privatelink.northeurope.azmk8s.io');
    expect(resolved?.code).toBe('ENOTFOUND');
  });

  it('selects every cluster of the two demo subscriptions', async () => {
    await expect(demoClusterSource.selectClusters()).resolves.toEqual({
      subscriptions: [DEMO_SUBSCRIPTIONS.prod, DEMO_SUBSCRIPTIONS.nonProd],
    });
  });
});
