import { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * A hub's firewall policy with its rule collection groups and IP groups, in
 * the shape ARM's GET and list calls return them. Modelled on the reference
 * hub (mspnp/aks-baseline network-team/hub-regionA.bicep: core AKS through
 * the `AzureKubernetesService` FQDN tag, add-ons and GitOps by name from an
 * IP group of the node pools), with the names Microsoft's "Outbound network
 * and FQDN rules for AKS clusters" lists. Each `HubEgressFlaw` leaves out or
 * widens exactly what a real hub gets wrong.
 */

export type HubEgressFlaw =
  /** No rules for the Azure Monitor add-on and the Flux extension and its Git host. */
  | 'no-monitor-and-flux-rules'
  /** An application rule allowing every FQDN over HTTPS. */
  | 'any-fqdn';

export interface HubSpoke {
  /** The cluster, named in the rule collection's name. */
  cluster: string;
  nodeSubnet: string;
  flaws?: HubEgressFlaw[];
}

export interface HubPolicySpec {
  subscriptionId: string;
  location: string;
  threatIntelMode: 'Alert' | 'Deny' | 'Off';
  spokes: HubSpoke[];
}

const HTTPS = [{ protocolType: 'Https', port: 443 }];

function applicationRule(
  name: string,
  description: string,
  ipGroupId: string,
  target: { targetFqdns?: string[]; fqdnTags?: string[] },
) {
  return {
    ruleType: 'ApplicationRule',
    name,
    description,
    protocols: HTTPS,
    sourceAddresses: [],
    sourceIpGroups: [ipGroupId],
    targetFqdns: target.targetFqdns ?? [],
    fqdnTags: target.fqdnTags ?? [],
    targetUrls: [],
    webCategories: [],
    destinationAddresses: [],
    terminateTLS: false,
  };
}

function spokeRules(location: string, spoke: HubSpoke, ipGroupId: string) {
  const flaws = new Set(spoke.flaws ?? []);
  const rules = [
    applicationRule(
      'aks-core',
      "Core AKS (Microsoft's required FQDNs)",
      ipGroupId,
      {
        fqdnTags: ['AzureKubernetesService'],
      },
    ),
    applicationRule('azure-policy-addon', 'Azure Policy add-on', ipGroupId, {
      targetFqdns: [
        'data.policy.core.windows.net',
        'store.policy.core.windows.net',
        'dc.services.visualstudio.com',
      ],
    }),
  ];
  if (!flaws.has('no-monitor-and-flux-rules')) {
    rules.push(
      applicationRule('azure-monitor-addon', 'Container insights', ipGroupId, {
        targetFqdns: [
          'dc.services.visualstudio.com',
          '*.ods.opinsights.azure.com',
          '*.oms.opinsights.azure.com',
          '*.monitoring.azure.com',
          'global.handler.control.monitor.azure.com',
          `${location}.ingest.monitor.azure.com`,
          `${location}.handler.control.monitor.azure.com`,
        ],
      }),
      applicationRule(
        'flux-extension',
        'Flux cluster extension and its GitOps repository',
        ipGroupId,
        {
          targetFqdns: [
            `${location}.dp.kubernetesconfiguration.azure.com`,
            '*.ingestion.msftcloudes.com',
            '*.microsoftmetrics.com',
            'github.com',
          ],
        },
      ),
    );
  }
  if (flaws.has('any-fqdn')) {
    rules.push(
      applicationRule(
        'allow-any-https',
        'Temporary: unblock a team',
        ipGroupId,
        {
          targetFqdns: ['*'],
        },
      ),
    );
  }
  return rules;
}

/** The policy, one rule collection group per spoke and each spoke's IP group. */
export function buildHubPolicy(spec: HubPolicySpec): ArmResource[] {
  const rg = `/subscriptions/${spec.subscriptionId}/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network`;
  const policyId = `${rg}/firewallPolicies/fw-policies-${spec.location}`;
  const policy: ArmResource = {
    id: policyId,
    name: `fw-policies-${spec.location}`,
    type: 'Microsoft.Network/firewallPolicies',
    location: spec.location,
    properties: {
      sku: { tier: 'Premium' },
      threatIntelMode: spec.threatIntelMode,
      dnsSettings: { servers: [], enableProxy: true },
      ruleCollectionGroups: spec.spokes.map(s => ({
        id: `${policyId}/ruleCollectionGroups/rcg-${s.cluster}`,
      })),
      provisioningState: 'Succeeded',
    },
  };
  const resources: ArmResource[] = [policy];
  spec.spokes.forEach((spoke, i) => {
    const ipGroupId = `${rg}/ipGroups/ipg-${spoke.cluster}-nodepools`;
    resources.push(
      {
        id: ipGroupId,
        name: `ipg-${spoke.cluster}-nodepools`,
        type: 'Microsoft.Network/ipGroups',
        location: spec.location,
        properties: {
          ipAddresses: [spoke.nodeSubnet],
          firewallPolicies: [{ id: policyId }],
          provisioningState: 'Succeeded',
        },
      },
      {
        id: `${policyId}/ruleCollectionGroups/rcg-${spoke.cluster}`,
        name: `rcg-${spoke.cluster}`,
        type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
        properties: {
          priority: 300 + i * 10,
          ruleCollections: [
            {
              ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
              name: `${spoke.cluster}-egress`,
              priority: 200,
              action: { type: 'Allow' },
              rules: spokeRules(spec.location, spoke, ipGroupId),
            },
          ],
          provisioningState: 'Succeeded',
        },
      },
    );
  });
  return resources;
}
