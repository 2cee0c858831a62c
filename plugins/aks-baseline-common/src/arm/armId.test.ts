import { readdirSync, readFileSync } from 'node:fs';
import { sharedDir } from '../__testUtils__/sharedDir';
import {
  formatManagedClusterId,
  MANAGED_CLUSTER_ID_PATTERN,
  MANAGED_CLUSTER_NAME_PATTERN,
  normalizeArmResourceId,
  parseArmId,
  parseManagedClusterId,
  RESOURCE_GROUP_NAME_PATTERN,
  sameArmResourceId,
} from './armId';

/** Every `id` string in the recorded Azure responses. */
function recordedIds(): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'id' && typeof v === 'string') ids.add(v);
        else visit(v);
      }
    }
  };
  const dir = sharedDir('azure-examples');
  for (const file of readdirSync(dir).filter(f => f.endsWith('.json'))) {
    visit(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
  }
  return [...ids];
}

/** A path parameter's pattern as Microsoft's ARM specification states it. */
function specPattern(file: string, pointer: (spec: any) => any): RegExp {
  const spec = JSON.parse(readFileSync(sharedDir('azure-specs', file), 'utf8'));
  return new RegExp(pointer(spec).pattern);
}

const AKS_SPEC =
  'specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json';
const CLUSTER_PATH =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}';
const COMMON_TYPES =
  'specification/common-types/resource-management/v6/types.json';

describe('parseArmId', () => {
  it('splits every resource-group-scoped id Azure returned into parts that rebuild it', () => {
    const ids = recordedIds().filter(id =>
      /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\//i.test(id),
    );
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) {
      const parts = parseArmId(id);
      expect(parts).toBeDefined();
      const rebuilt = [
        '',
        'subscriptions',
        parts!.subscriptionId,
        'resourceGroups',
        parts!.resourceGroup,
        'providers',
        parts!.namespace,
        ...parts!.types.flatMap((type, i) => [type, parts!.names[i]]),
      ].join('/');
      expect(rebuilt).toBe(id);
    }
  });

  it('reads nested child resources as a type path', () => {
    expect(
      parseArmId(
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/applicationGateways/appgw/urlPathMaps/pathMap1/pathRules/apiPaths',
      ),
    ).toEqual({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg1',
      namespace: 'Microsoft.Network',
      types: ['applicationGateways', 'urlPathMaps', 'pathRules'],
      names: ['appgw', 'pathMap1', 'apiPaths'],
    });
  });

  it('keeps resource groups with dots and parentheses, ignores keyword case and trailing slashes', () => {
    expect(
      parseArmId(
        '/SUBSCRIPTIONS/s1/RESOURCEGROUPS/rg.prod(weu)/PROVIDERS/Microsoft.KeyVault/vaults/kv1/',
      ),
    ).toMatchObject({ resourceGroup: 'rg.prod(weu)', names: ['kv1'] });
  });

  it.each([
    // Recorded by Azure with a typo in the providers segment.
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/provders/Microsoft.Network/networkInterfaces/testPe.nic.abcd1234',
    '/subscriptions/s1',
    '/subscriptions/s1/resourceGroups/rg1',
    '/subscriptions/s1/providers/Microsoft.Network/azureFirewalls/fw',
    'subscriptions/s1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1',
    '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.KeyVault//vaults/kv1',
    // An extension resource: a role assignment on a vault is not a child of it.
    '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1/providers/Microsoft.Authorization/roleAssignments/ra1',
    '',
  ])('returns undefined for %j', id => {
    expect(parseArmId(id)).toBeUndefined();
  });
});

describe('normalizeArmResourceId', () => {
  it("makes the WAF policy's id equal to the id its recorded type spells", () => {
    // Azure spells the policy's type in lower case but its id in mixed case.
    const policy = JSON.parse(
      readFileSync(
        sharedDir('azure-examples', 'webApplicationFirewallPolicies_Get.json'),
        'utf8',
      ),
    ).responses['200'].body;
    const parts = parseArmId(policy.id)!;
    const fromType = `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}/providers/${policy.type}/${policy.name}/`;
    expect(fromType).not.toBe(policy.id);
    expect(normalizeArmResourceId(fromType)).toBe(
      normalizeArmResourceId(policy.id),
    );
    expect(sameArmResourceId(fromType, policy.id)).toBe(true);
  });

  it('lower-cases (the store keys on it) and drops trailing slashes', () => {
    expect(normalizeArmResourceId('/subscriptions/S1/resourceGroups/RG/')).toBe(
      '/subscriptions/s1/resourcegroups/rg',
    );
    expect(sameArmResourceId('/subscriptions/S1/', '/SUBSCRIPTIONS/s1')).toBe(
      true,
    );
  });
});

describe('managed cluster ids', () => {
  const recorded = () =>
    recordedIds().filter(id =>
      /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(
        id,
      ),
    );

  it('formats the id Azure returns for a cluster from its parts', () => {
    const ids = recorded();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const parts = parseManagedClusterId(id);
      expect(parts).toBeDefined();
      expect(formatManagedClusterId(parts!)).toBe(id);
      expect(MANAGED_CLUSTER_ID_PATTERN.test(id)).toBe(true);
    }
  });

  it('is not a cluster id for a child of a cluster or another type', () => {
    expect(
      parseManagedClusterId(
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1/agentPools/np1',
      ),
    ).toBeUndefined();
    expect(
      parseManagedClusterId(
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/azureFirewalls/fw',
      ),
    ).toBeUndefined();
  });

  it('accepts exactly the names the ARM specification accepts', () => {
    const clusterName = specPattern(AKS_SPEC, s =>
      s.paths[CLUSTER_PATH].get.parameters.find(
        (p: { name?: string }) => p.name === 'resourceName',
      ),
    );
    const resourceGroup = specPattern(
      COMMON_TYPES,
      s => s.parameters.ResourceGroupNameParameter,
    );
    const names = [
      'a',
      'aks-prod_weu',
      'aks-',
      '_aks',
      'x'.repeat(63),
      'aks.prod',
      'rg.prod(weu)',
      'rg.',
      'rg prod',
      'ärm',
      '',
    ];
    for (const name of names) {
      expect([name, MANAGED_CLUSTER_NAME_PATTERN.test(name)]).toEqual([
        name,
        clusterName.test(name) && name.length <= 63,
      ]);
      expect([name, RESOURCE_GROUP_NAME_PATTERN.test(name)]).toEqual([
        name,
        resourceGroup.test(name) && name.length <= 90,
      ]);
    }
  });

  it('rejects ids whose subscription is not a GUID', () => {
    expect(
      MANAGED_CLUSTER_ID_PATTERN.test(
        '/subscriptions/------------------------------------/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1',
      ),
    ).toBe(false);
  });
});
