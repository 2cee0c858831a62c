import { evaluateBaselineControls } from './evaluate';
import {
  baselineResources,
  baselineVault,
  readExample,
} from '../__testUtils__/controlFixtures';
import type { BaselineResources, ControlResult } from './types';

const byId = (results: ControlResult[], id: string) =>
  results.find(r => r.id === id)!;
const judge = (input: BaselineResources, id: string) =>
  byId(evaluateBaselineControls(input), id);

describe('KV-02 on the private endpoint example (privateEndpoints_Get.json)', () => {
  it('fails: the example connects groupId "groupIdFromResource" to a private link service, not to the vault', () => {
    const result = judge(
      {
        keyVaults: [baselineVault()],
        privateEndpoints: [readExample('privateEndpoints_Get.json')],
      },
      'KV-02',
    );
    expect(result).toMatchObject({
      status: 'fail',
      found: '(no private endpoint)',
    });
    expect(result.reason).toMatch(/groupIds \["vault"\]/);
  });

  it('passes once the connection targets the vault with groupIds ["vault"] (status Approved in the example)', () => {
    expect(judge(baselineResources(), 'KV-02')).toMatchObject({
      status: 'pass',
      found: 'testPe: Approved',
    });
  });

  it('reads the connections a vault lists itself (ARM GET of the vault)', () => {
    const vault = baselineVault();
    (vault.properties as any).privateEndpointConnections = [
      {
        id: `${vault.id}/privateEndpointConnections/pe-kv`,
        properties: {
          privateEndpoint: {
            id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/pe-kv',
          },
          privateLinkServiceConnectionState: {
            status: 'Approved',
            actionsRequired: 'None',
          },
        },
      },
    ];
    expect(judge({ keyVaults: [vault] }, 'KV-02')).toMatchObject({
      status: 'pass',
      found: 'pe-kv: Approved',
    });
  });

  it('accepts a template-declared automatic connection (no state yet) to a vault named by a parameter', () => {
    const endpoint = {
      type: 'Microsoft.Network/privateEndpoints',
      name: 'pe-kv',
      properties: {
        subnet: {
          id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet-privatelinkendpoints')]",
        },
        privateLinkServiceConnections: [
          {
            name: 'to-kv',
            properties: {
              privateLinkServiceId:
                "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
              groupIds: ['vault'],
            },
          },
        ],
      },
    };
    const vault = {
      type: 'Microsoft.KeyVault/vaults',
      name: "[parameters('vaultName')]",
      properties: baselineVault().properties,
    };
    const result = judge(
      { keyVaults: [vault], privateEndpoints: [endpoint] },
      'KV-02',
    );
    expect(result.status).toBe('pass');
    expect(result.reason).toMatch(/automatic approval/);
  });
});

describe('KV-01 / KV-03', () => {
  it('accepts a firewall default action Deny while public access stays enabled', () => {
    const input = baselineResources();
    input.keyVaults![0].properties!.publicNetworkAccess = 'Enabled';
    expect(judge(input, 'KV-01')).toMatchObject({
      status: 'pass',
      found:
        'publicNetworkAccess=Enabled, networkAcls.defaultAction=Deny, bypass=AzureServices',
    });
  });

  it('fails a vault without network ACLs and without RBAC, naming each vault', () => {
    const open = {
      id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-open',
      name: 'kv-open',
      properties: {},
    };
    const results = evaluateBaselineControls({
      keyVaults: [baselineVault(), open],
    });
    expect(byId(results, 'KV-01')).toMatchObject({
      status: 'fail',
      resourceId: open.id,
    });
    expect(byId(results, 'KV-01').reason).toMatch(/^kv-open: no network ACLs/);
    expect(byId(results, 'KV-03').reason).toMatch(
      /kv-open: enableRbacAuthorization not set/,
    );
  });
});

describe('FW-01 on the firewall example (azureFirewalls_Get.json)', () => {
  it('fails: threat intelligence Alert (noted) and no DNS proxy', () => {
    const result = judge(
      { azureFirewalls: [readExample('azureFirewalls_Get.json')] },
      'FW-01',
    );
    expect(result).toMatchObject({
      status: 'fail',
      found: 'threatIntelMode=Alert, dnsProxy=(absent)',
    });
    expect(result.reason).toMatch(/DNS proxy is off.*Alert mode/);
  });

  it('reads a firewall policy when the firewall uses one', () => {
    const input = baselineResources();
    const policyId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/firewallPolicies/fw-policies';
    (input.azureFirewalls![0].properties as any).firewallPolicy = {
      id: policyId,
    };
    expect(judge(input, 'FW-01').status).toBe('not-observed');
    input.firewallPolicies = [
      {
        id: policyId,
        name: 'fw-policies',
        properties: {
          threatIntelMode: 'Deny',
          dnsSettings: { enableProxy: true },
        },
      },
    ];
    expect(judge(input, 'FW-01')).toMatchObject({
      status: 'pass',
      resourceId: policyId,
    });
    (input.firewallPolicies[0].properties as any).dnsSettings.enableProxy =
      false;
    expect(judge(input, 'FW-01').status).toBe('fail');
  });
});

describe('NET-03 egress path', () => {
  it('takes the firewall IP from context when the hub firewall is elsewhere', () => {
    const input = baselineResources();
    delete input.azureFirewalls;
    input.context = { firewallPrivateIp: '10.0.0.0' };
    expect(judge(input, 'NET-03')).toMatchObject({
      status: 'pass',
      found:
        'outboundType=userDefinedRouting; rt-clusternodes: 0.0.0.0/0 -> VirtualAppliance 10.0.0.0',
      resourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/routeTables/rt-clusternodes',
    });
  });

  it('fails a node subnet without a route table', () => {
    const input = baselineResources();
    delete (input.virtualNetworks![0].properties as any).subnets[0].properties
      .routeTable;
    expect(judge(input, 'NET-03').reason).toMatch(/has no route table/);
  });

  it('fails user-defined routing without a custom node subnet', () => {
    const input = baselineResources();
    delete (input.cluster!.properties as any).agentPoolProfiles[0].vnetSubnetID;
    expect(judge(input, 'NET-03').status).toBe('fail');
  });
});
