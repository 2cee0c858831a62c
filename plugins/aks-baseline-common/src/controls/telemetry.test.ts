import {
  WORKSPACE_ID,
  baselineResources,
  containerInsightsRule,
  diagnosticSetting,
} from '../__testUtils__/controlFixtures';
import { evaluateBaselineControls } from './evaluate';
import type { BaselineResources, ControlResult } from './types';

function result(input: BaselineResources, id: string): ControlResult {
  return evaluateBaselineControls(input).find(r => r.id === id)!;
}

const entryOf = (input: BaselineResources, type: string) =>
  input.diagnosticSettings!.find(e => e.resourceId.includes(`/${type}/`))!;

describe('LOG-01 control-plane audit logs', () => {
  it('passes on the reference categories and names them', () => {
    const judged = result(baselineResources(), 'LOG-01');
    expect(judged.status).toBe('pass');
    expect(judged.found).toContain('kube-audit-admin, guard');
    expect(judged.found).toContain('workspace la-aks');
    expect(judged.resourceId).toMatch(/managedClusters\/clustername1$/);
  });

  it('fails without guard, naming it and the az command', () => {
    const input = baselineResources();
    const entry = entryOf(input, 'managedClusters');
    entry.settings = [
      diagnosticSetting(entry.resourceId, [
        'kube-audit-admin',
        'kube-apiserver',
      ]),
    ];
    const judged = result(input, 'LOG-01');
    expect(judged.status).toBe('fail');
    expect(judged.reason).toMatch(
      /^guard not sent to a Log Analytics workspace/,
    );
    expect(judged.reason).toContain('az monitor diagnostic-settings create');
    expect(judged.reason).toContain('"category":"guard"');
    expect(judged.reason).toContain('learn.microsoft.com');
  });

  it('counts the audit category group and kube-audit, but not a setting without a workspace', () => {
    const input = baselineResources();
    const entry = entryOf(input, 'managedClusters');
    entry.settings = [
      diagnosticSetting(entry.resourceId, [{ categoryGroup: 'audit' }]),
    ];
    expect(result(input, 'LOG-01').status).toBe('pass');
    entry.settings = [
      diagnosticSetting(entry.resourceId, ['kube-audit', 'guard']),
    ];
    expect(result(input, 'LOG-01').status).toBe('pass');
    entry.settings = [
      diagnosticSetting(entry.resourceId, ['kube-audit-admin', 'guard'], null),
    ];
    const storageOnly = result(input, 'LOG-01');
    expect(storageOnly.status).toBe('fail');
    expect(storageOnly.found).toContain('no workspace');
    expect(storageOnly.reason).toContain('kube-audit-admin and guard');
  });

  it('is not observed when the settings were not read, never a pass', () => {
    const input = baselineResources();
    delete input.diagnosticSettings;
    expect(result(input, 'LOG-01')).toMatchObject({
      status: 'not-observed',
      reason: 'the diagnostic settings were not read',
    });
    const failed = baselineResources();
    const entry = entryOf(failed, 'managedClusters');
    delete entry.settings;
    entry.unavailableReason = 'diagnostic settings: 403 Forbidden';
    expect(result(failed, 'LOG-01')).toMatchObject({
      status: 'not-observed',
      reason: 'diagnostic settings: 403 Forbidden',
    });
  });
});

describe('LOG-02 Container insights through a data collection rule', () => {
  it('passes with the associated ContainerInsights rule', () => {
    const judged = result(baselineResources(), 'LOG-02');
    expect(judged.status).toBe('pass');
    expect(judged.found).toContain(
      'MSCI-eastus-clustername1 -> MSCI-eastus-clustername1 (ContainerInsights to a workspace: Microsoft-ContainerLogV2, Microsoft-KubeEvents)',
    );
  });

  it('fails without an association (the add-on flag alone collects nothing)', () => {
    const input = baselineResources();
    input.dataCollectionRuleAssociations = [];
    const judged = result(input, 'LOG-02');
    expect(judged.status).toBe('fail');
    expect(judged.found).toBe('(no association)');
    expect(judged.reason).toContain('az aks enable-addons -a monitoring');
    // The add-on itself is OPS-01's.
    expect(result(input, 'OPS-01').status).toBe('pass');
  });

  it('fails when the associated rule sends no ContainerInsights stream to a workspace', () => {
    const input = baselineResources();
    const rule = input.dataCollectionRules![0] as any;
    rule.properties.dataFlows[0].destinations = ['somewhere-else'];
    expect(result(input, 'LOG-02').status).toBe('fail');
    const other = baselineResources();
    (
      other.dataCollectionRules![0] as any
    ).properties.dataSources.extensions[0].extensionName =
      'AzureSecurityLinuxAgent';
    expect(result(other, 'LOG-02').found).toContain(
      'no ContainerInsights stream to a workspace',
    );
  });

  it('fails on key-based auth even with the rule', () => {
    const input = baselineResources();
    (input.cluster as any).properties.addonProfiles.omsagent = {
      enabled: true,
      config: { logAnalyticsWorkspaceResourceID: WORKSPACE_ID },
    };
    const judged = result(input, 'LOG-02');
    expect(judged.status).toBe('fail');
    expect(judged.reason).toContain('useAADAuth absent');
  });

  it('is not observed when the associations or the named rule were not read', () => {
    const unread = baselineResources();
    delete unread.dataCollectionRuleAssociations;
    expect(result(unread, 'LOG-02').status).toBe('not-observed');
    const ruleUnread = baselineResources();
    ruleUnread.dataCollectionRules = [
      containerInsightsRule(
        '/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/dataCollectionRules/other',
      ),
    ];
    const judged = result(ruleUnread, 'LOG-02');
    expect(judged.status).toBe('not-observed');
    expect(judged.reason).toContain('was not read');
  });
});

describe('LOG-03 App Gateway, Key Vault and NSG diagnostics', () => {
  it('passes on the reference categories', () => {
    expect(result(baselineResources(), 'LOG-03').status).toBe('pass');
  });

  it('names the resource and the missing category', () => {
    const input = baselineResources();
    const gateway = entryOf(input, 'applicationGateways');
    gateway.settings = [
      diagnosticSetting(gateway.resourceId, [
        'ApplicationGatewayAccessLog',
        'ApplicationGatewayPerformanceLog',
      ]),
    ];
    entryOf(input, 'vaults').settings = [];
    const judged = result(input, 'LOG-03');
    expect(judged.status).toBe('fail');
    expect(judged.reason).toContain(
      'App Gateway appgw: ApplicationGatewayFirewallLog not sent to a Log Analytics workspace',
    );
    expect(judged.reason).toContain(
      'Key Vault kv-aks: AuditEvent not sent to a Log Analytics workspace',
    );
    expect(judged.found).toContain('Key Vault kv-aks: (no diagnostic setting)');
  });

  it("judges the NSGs of the cluster's subnets, not observed until read", () => {
    const input = baselineResources();
    const nsgId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/networkSecurityGroups/nsg-nodes';
    (
      input.virtualNetworks![0] as any
    ).properties.subnets[0].properties.networkSecurityGroup = { id: nsgId };
    const unread = result(input, 'LOG-03');
    expect(unread.status).toBe('not-observed');
    expect(unread.reason).toContain('NSG nsg-nodes');
    input.diagnosticSettings!.push({
      resourceId: nsgId,
      settings: [diagnosticSetting(nsgId, ['NetworkSecurityGroupEvent'])],
    });
    const judged = result(input, 'LOG-03');
    expect(judged.status).toBe('fail');
    expect(judged.reason).toContain(
      'NSG nsg-nodes: NetworkSecurityGroupRuleCounter not sent',
    );
    expect(judged.reason).toContain(`--resource ${nsgId}`);
  });

  it("never takes one resource's settings for another of the same name", () => {
    const input = baselineResources();
    // A template: resources without ids, settings keyed by `<type>/<name>`.
    const vault = input.keyVaults![0] as any;
    delete vault.id;
    vault.name = 'CLUSTERNAME1';
    input.diagnosticSettings = [
      {
        resourceId: 'Microsoft.ContainerService/managedClusters/clustername1',
        settings: [diagnosticSetting('x', ['AuditEvent'])],
      },
    ];
    const judged = result(input, 'LOG-03');
    expect(judged.status).toBe('not-observed');
    expect(judged.reason).toContain(
      'Key Vault CLUSTERNAME1: the diagnostic settings of Key Vault CLUSTERNAME1 were not read',
    );
  });

  it('is not observed without diagnostics, gateways or vaults read', () => {
    const input = baselineResources();
    delete input.diagnosticSettings;
    expect(result(input, 'LOG-03').status).toBe('not-observed');
    const noVaults = baselineResources();
    delete noVaults.keyVaults;
    const judged = result(noVaults, 'LOG-03');
    expect(judged.status).toBe('not-observed');
    expect(judged.reason).toContain('Key Vault: the vaults were not read');
  });
});
