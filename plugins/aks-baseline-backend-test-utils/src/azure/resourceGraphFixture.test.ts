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

  describe('policy assignments', () => {
    const sub = '00000000-0000-4000-8000-000000000001';
    const other = '00000000-0000-4000-8000-000000000002';
    const assignment = (scope: string, name: string) => ({
      id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/policyAssignments',
      properties: {
        scope,
        displayName: name,
        policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${name}`,
        parameters: { effect: { value: 'Deny' } },
      },
    });
    const group = '/providers/Microsoft.Management/managementGroups/contoso';
    const rg = `/subscriptions/${sub}/resourceGroups/rg`;
    const resources = [
      assignment(group, 'mg'),
      assignment(`/subscriptions/${sub}`, 'sub'),
      assignment(rg, 'rg'),
      assignment(
        `${rg}/providers/Microsoft.ContainerService/managedClusters/aks`,
        'cluster',
      ),
      assignment(`/subscriptions/${other}`, 'other'),
    ];
    const transport = new ArmFixtureTransport({
      resources,
      managementGroups: { contoso: [sub] },
    });

    it('are rows of PolicyResources at and under the subscriptions asked for, never of Resources', async () => {
      const answer = await query(transport, {
        subscriptions: [sub],
        query:
          "PolicyResources | where type =~ 'microsoft.authorization/policyassignments' | project id, name, scope = properties.scope, effect = properties.parameters.effect.value, missing = properties.notScopes | order by id asc",
      });
      expect(answer.status).toBe(200);
      // The envelope of Microsoft's recorded answers.
      const recorded = example('resourceGraph_Resources_FilterQuery');
      expect(Object.keys(answer.body).sort()).toEqual(
        Object.keys(recorded.responses['200'].body).sort(),
      );
      // A management group's is under no subscription: a query scoped to subscriptions misses it.
      expect(answer.body.data.map((r: ArmResource) => r.name).sort()).toEqual([
        'cluster',
        'rg',
        'sub',
      ]);
      expect(answer.body.data).toContainEqual({
        id: resources[1].id,
        name: 'sub',
        scope: `/subscriptions/${sub}`,
        effect: 'Deny',
        missing: null,
      });
      const topology = await query(transport, {
        subscriptions: [sub],
        query: 'Resources | project id',
      });
      expect(topology.body.data).toEqual([]);
    });

    it("are listed per subscription as PolicyAssignments_List's $filter is specified", async () => {
      const list = async (filter?: string) => {
        const url = new URL(
          `https://management.azure.com/subscriptions/${sub}/providers/Microsoft.Authorization/policyAssignments?api-version=2025-11-01`,
        );
        if (filter) url.searchParams.set('$filter', filter);
        const response = await transport.sendRequest(
          createPipelineRequest({ url: url.toString(), method: 'GET' }),
        );
        const body = JSON.parse(response.bodyAsText!);
        return response.status === 200
          ? body.value.map((a: ArmResource) => a.name).sort()
          : response.status;
      };
      // Unfiltered: the management groups' above, the subscription's and everything in it.
      expect(await list()).toEqual(['cluster', 'mg', 'rg', 'sub']);
      // atScope(): all but those of objects inside the subscription.
      expect(await list('atScope()')).toEqual(['mg', 'sub']);
      expect(await list("policyDefinitionId eq 'x'")).toBe(400);
    });
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
