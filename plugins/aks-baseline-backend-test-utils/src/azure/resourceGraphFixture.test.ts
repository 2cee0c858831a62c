import { readFileSync } from 'node:fs';
import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { sharedDir } from '../shared/sharedDir';
import { ArmFixtureTransport } from './fixtureTransport';

/** Microsoft's recorded request and response (../shared/azure-examples). */
function example(name: string) {
  return JSON.parse(
    readFileSync(sharedDir('azure-examples', `${name}.json`), 'utf8'),
  );
}

/** ARM spells types in mixed case; Resource Graph rows lower-case them. */
const ARM_TYPES: Record<string, string> = {
  'microsoft.network/networkinterfaces': 'Microsoft.Network/networkInterfaces',
  'microsoft.network/virtualnetworks': 'Microsoft.Network/virtualNetworks',
  'microsoft.network/publicipaddresses': 'Microsoft.Network/publicIPAddresses',
  'microsoft.compute/virtualmachines': 'Microsoft.Compute/virtualMachines',
};

/** The estate behind a recorded answer: its rows as ARM resources, with more fields than projected. */
function estateOf(rows: ArmResource[]): ArmResource[] {
  return rows.map(row => ({
    ...row,
    type: ARM_TYPES[row.type!],
    properties: { provisioningState: 'Succeeded' },
  }));
}

async function query(transport: ArmFixtureTransport, body: unknown) {
  const response = await transport.sendRequest(
    createPipelineRequest({
      url: 'https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01',
      method: 'POST',
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: JSON.parse(response.bodyAsText!) };
}

describe('Resource Graph fixture', () => {
  it.each([
    'resourceGraph_Resources_BasicQuery',
    'resourceGraph_Resources_FilterQuery',
  ])('answers %s as recorded', async name => {
    const recorded = example(name);
    const rows: ArmResource[] = recorded.responses['200'].body.data;
    const other: ArmResource = {
      id: `/subscriptions/${recorded.parameters.query.subscriptions[0]}/resourceGroups/RG9/providers/Microsoft.Network/virtualNetworks/other`,
      name: 'other',
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westus',
    };
    // A filter query must leave out what it does not match; a limit, what is past it.
    const transport = new ArmFixtureTransport({
      resources: [...estateOf(rows), other],
    });
    const { status, body } = await query(transport, recorded.parameters.query);
    expect(status).toBe(200);
    expect(body).toEqual(recorded.responses['200'].body);
  });

  it('pages with $top and $skipToken, and answers only the requested subscriptions', async () => {
    const sub = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    const resources = [1, 2].flatMap(s =>
      [1, 2, 3].map(i => ({
        id: `/subscriptions/${sub(
          s,
        )}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-${i}`,
        name: `vnet-${i}`,
        type: 'Microsoft.Network/virtualNetworks',
      })),
    );
    const transport = new ArmFixtureTransport({ resources });
    const request = {
      subscriptions: [sub(2)],
      query: 'Resources | project id | order by id asc',
      options: { $top: 2 },
    };
    const first = await query(transport, request);
    expect(first.body.data.map((r: ArmResource) => r.id)).toEqual(
      resources.slice(3, 5).map(r => r.id),
    );
    const second = await query(transport, {
      ...request,
      options: { $top: 2, $skipToken: first.body.$skipToken },
    });
    expect(second.body.data.map((r: ArmResource) => r.id)).toEqual([
      resources[5].id,
    ]);
    expect(second.body.$skipToken).toBeUndefined();
  });

  it('refuses what it cannot run, and throttles past the quota', async () => {
    const transport = new ArmFixtureTransport({
      resources: [],
      resourceGraphQuota: { queriesPerWindow: 1, windowMs: 60_000 },
    });
    const unknown = await query(transport, {
      subscriptions: [],
      query: 'Resources | summarize count() by type',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('cannot run');
    const throttled = await query(transport, {
      subscriptions: [],
      query: 'Resources',
    });
    expect(throttled.status).toBe(429);
  });
});
