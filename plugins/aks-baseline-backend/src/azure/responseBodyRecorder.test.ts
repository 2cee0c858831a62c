import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  createContainerServiceClient,
  createNetworkClient,
  type ArmClientSettings,
} from './armClients';
import { AZURE_CLOUDS } from './cloud';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { ResponseBodyRecorder } from './responseBodyRecorder';

const SUB = '11111111-1111-4111-8111-111111111111';

function resources(ns: string, type: string, count: number): ArmResource[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/${ns}/${type}/r${i}`,
    name: `r${i}`,
    type: `${ns}/${type}`,
    location: 'westeurope',
    properties: { marker: i },
  }));
}

function settings(transport: ArmFixtureTransport): ArmClientSettings {
  return {
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
  };
}

/**
 * Why the inventory captures bodies with a pipeline policy: these tests pin
 * down how the installed SDK versions treat the `onResponse` option when
 * paging, so an SDK upgrade that changes it shows up here.
 */
describe('capturing raw page bodies', () => {
  const transport = new ArmFixtureTransport({
    resources: [
      ...resources('Microsoft.ContainerService', 'managedClusters', 5),
      ...resources('Microsoft.Network', 'routeTables', 5),
    ],
    pageSize: 2,
  });

  it('modular clients call onResponse for the first page only', async () => {
    const seen: unknown[] = [];
    const client = createContainerServiceClient(settings(transport), SUB);
    const pages: unknown[][] = [];
    for await (const page of client.managedClusters
      .list({ onResponse: raw => seen.push(raw.parsedBody) })
      .byPage()) {
      pages.push(page);
    }
    expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
    expect(seen).toHaveLength(1);
  });

  it('classic clients call onResponse for every page', async () => {
    const seen: unknown[] = [];
    const client = createNetworkClient(settings(transport), SUB);
    for await (const _ of client.routeTables
      .listAll({ onResponse: raw => seen.push(raw.parsedBody) })
      .byPage()) {
      // drain
    }
    expect(seen).toHaveLength(3);
  });

  it('a per-call recorder policy sees every page of both kinds of client', async () => {
    const modular = new ResponseBodyRecorder();
    for await (const _ of createContainerServiceClient(
      { ...settings(transport), perCallPolicies: [modular.policy] },
      SUB,
    )
      .managedClusters.list()
      .byPage()) {
      // drain
    }
    const classic = new ResponseBodyRecorder();
    for await (const _ of createNetworkClient(
      { ...settings(transport), perCallPolicies: [classic.policy] },
      SUB,
    )
      .routeTables.listAll()
      .byPage()) {
      // drain
    }
    const markers = (bodies: unknown[]) =>
      bodies.flatMap((b: any) => b.value.map((r: any) => r.properties.marker));
    expect(markers(modular.bodies)).toEqual([0, 1, 2, 3, 4]);
    expect(markers(classic.bodies)).toEqual([0, 1, 2, 3, 4]);
  });
});
