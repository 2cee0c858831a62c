/*
 * N baseline stamps (the demo's own stamp builder, 18 policy assignments each
 * as the scaffolder writes them) round-robin over S subscriptions, one hub
 * firewall per subscription, all at 10.200.0.4 as the baseline's hubs are, each
 * spoke peered with its own subscription's hub VNet: the estate the fleet benchmarks measure and the
 * request-count test counts exactly.
 */
import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  buildBaselineStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  hubVirtualNetworkId,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';

export function benchSubscriptionId(i: number) {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

const HUB_FIREWALL_IP = '10.200.0.4';
const hubOf = (subscriptionId: string) => ({
  subscriptionId,
  location: 'westeurope',
});

export function buildBenchEstate(
  clusters: number,
  subscriptions: number,
  now: Date,
): ArmResource[] {
  const resources: ArmResource[] = [];
  for (let s = 0; s < subscriptions; s++) {
    const hub = {
      ...hubOf(benchSubscriptionId(s)),
      privateIp: HUB_FIREWALL_IP,
    };
    resources.push(buildHubVirtualNetwork(hub), buildHubFirewall(hub));
  }
  for (let i = 0; i < clusters; i++) {
    const sub = benchSubscriptionId(i % subscriptions);
    resources.push(
      ...buildBaselineStamp({
        subscriptionId: sub,
        resourceGroup: `rg-aks-${i}`,
        name: `aks-${String(i).padStart(4, '0')}`,
        location: 'westeurope',
        spokeOctet: i % 250,
        firewall: {
          id: `/subscriptions/${sub}/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/azureFirewalls/fw-westeurope`,
          privateIp: HUB_FIREWALL_IP,
          hubVirtualNetworkId: hubVirtualNetworkId(hubOf(sub)),
        },
        host: `app${i}.contoso.com`,
        certificateDaysLeft: {
          edge: ((i * 7) % 400) - 10,
          backendTrustRoot: 200,
          ingress: 120,
        },
        tagGateway: true,
        now,
      }),
    );
  }
  return resources;
}
