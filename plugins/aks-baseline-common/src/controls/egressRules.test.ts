import { evaluateBaselineControls } from './evaluate';
import { baselineResources } from '../__testUtils__/controlFixtures';
import {
  applicationRule,
  group,
  policy,
  ruleCollection,
} from '../__testUtils__/firewallPolicyFixtures';
import type { BaselineResources } from './types';

const fw02 = (input: BaselineResources) =>
  evaluateBaselineControls(input).find(r => r.id === 'FW-02')!;

const appRules = (i: BaselineResources): any[] =>
  (i.azureFirewalls![0].properties as any).applicationRuleCollections[0]
    .properties.rules;

describe('FW-02 every required egress flow is allowed, and no more', () => {
  it('names each blocked requirement, its component and what blocked it', () => {
    const input = baselineResources();
    appRules(input).splice(1, 1); // the Azure Monitor rule
    const result = fw02(input);
    expect(result.status).toBe('fail');
    // Defender's sensor (on in the baseline) reports through it too.
    expect(result.reason).toContain(
      'https:*.ods.opinsights.azure.com:443 (azure-monitor, defender) blocked: default deny',
    );
    // Shared with Azure Policy's telemetry: both components are named.
    expect(result.reason).toContain(
      'https:dc.services.visualstudio.com:443 (azure-monitor, azure-policy) blocked',
    );
    expect(result.found).toMatch(
      /^azurefirewall: 9\/16 required flows allowed; blocked: /,
    );
  });

  it('warns with the rule name for rules wider than any requirement', () => {
    const input = baselineResources();
    appRules(input).push({
      name: 'anything',
      protocols: [{ protocolType: 'Https', port: 443 }],
      sourceAddresses: ['10.240.0.0/22'],
      targetFqdns: ['*'],
    });
    expect(fw02(input)).toMatchObject({
      status: 'warning',
      reason: expect.stringContaining('aks-egress/anything: any FQDN (*)'),
    });
  });

  it("judges the firewall's policy with its parent, and is not-observed without the groups or the parent", () => {
    const input = baselineResources();
    const parent = policy('org');
    const child = policy('hub', parent);
    (input.azureFirewalls![0].properties as any).firewallPolicy = {
      id: child.id,
    };
    input.firewallPolicies = [child, parent];
    expect(fw02(input).reason).toMatch(
      /rule collection groups .* were not read/,
    );
    const flux = { gitHosts: ['github.com'] };
    input.context = { egress: { flux } };
    input.firewallPolicyRuleCollectionGroups = [
      group(parent, 'org', 65000, [
        ruleCollection('deny-git', 65000, 'Deny', [
          applicationRule('no-github', { fqdns: ['github.com'] }),
        ]),
      ]),
      group(child, 'aks', 100, [
        ruleCollection('allow', 100, 'Allow', [
          applicationRule('all-needed', {
            fqdns: ['github.com', '*.microsoft.com', '*.com', '*.net'],
            fqdnTags: ['AzureKubernetesService'],
          }),
        ]),
      ]),
    ];
    const result = fw02(input);
    expect(result.status).toBe('fail');
    expect(result.reason).toBe(
      'https:github.com:443 (git-host) blocked: denied by org/deny-git/no-github',
    );
    input.firewallPolicies = [child];
    expect(fw02(input)).toMatchObject({
      status: 'not-observed',
      reason: expect.stringContaining('parent policy'),
    });
  });

  it("derives Flux and its Git hosts from the cluster's GitRepository objects, and says when they were not read", () => {
    const input = baselineResources();
    input.kubernetes!.objects!.push(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'apps', namespace: 'flux-system' },
        spec: { url: 'https://github.com/contoso/apps' },
      },
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'infra', namespace: 'flux-system' },
        spec: { url: 'ssh://git@ssh.dev.azure.com/v3/contoso/infra' },
      },
    );
    const result = fw02(input);
    expect(result.status).toBe('fail');
    expect(result.reason).toContain(
      'https:github.com:443 (git-host) blocked: default deny',
    );
    expect(result.reason).toContain(
      'tcp:ssh.dev.azure.com:22 (git-host) blocked: default deny',
    );
    expect(result.reason).toContain(
      'https:location1.dp.kubernetesconfiguration.azure.com:443 (flux) blocked',
    );
    const unread = baselineResources();
    delete unread.kubernetes;
    expect(fw02(unread)).toMatchObject({
      status: 'not-observed',
      reason: expect.stringContaining(
        'GitRepository objects, which were not read',
      ),
    });
  });
});
