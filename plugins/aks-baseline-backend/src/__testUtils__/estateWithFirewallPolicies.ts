import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';

/**
 * Test-only: the demo estate with its hub firewalls governed by a firewall
 * policy, as in the reference implementation (the demo's use classic
 * settings), so that every resource type the inventory lists feeds a cluster.
 */
export function estateWithFirewallPolicies(now: Date): ArmResource[] {
  const estate = buildDemoEstate(now);
  const policies = estate
    .filter(r => r.type === 'Microsoft.Network/azureFirewalls')
    .map(firewall => {
      const policy: ArmResource = {
        id: firewall.id!.replace('/azureFirewalls/', '/firewallPolicies/'),
        name: `${firewall.name}-policy`,
        type: 'Microsoft.Network/firewallPolicies',
        location: firewall.location,
        properties: {
          sku: { tier: 'Premium' },
          threatIntelMode: 'Deny',
          dnsSettings: { enableProxy: true },
        },
      };
      (firewall.properties as Record<string, unknown>).firewallPolicy = {
        id: policy.id,
      };
      return policy;
    });
  return [...estate, ...policies];
}
