import { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { buildBaselineStamp, buildHubFirewall } from './baselineStamp';
import { buildHubPolicy } from './hubPolicy';

/** The demo's subscriptions; `examples/clusters.yaml` names the same clusters. */
export const DEMO_SUBSCRIPTIONS = {
  prod: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  nonProd: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
} as const;

/**
 * The estate `npm start` shows with no Azure account: four clusters in two
 * subscriptions, each showing one situation a platform team meets. Dates are
 * relative to `now` so the certificates keep their meaning.
 */
export function buildDemoEstate(now: Date): ArmResource[] {
  const weuFirewall = {
    subscriptionId: DEMO_SUBSCRIPTIONS.prod,
    location: 'westeurope',
    privateIp: '10.200.0.4',
  };
  const neuFirewall = {
    subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
    location: 'northeurope',
    privateIp: '10.201.0.4',
  };
  // Each hub's firewall policy holds one rule collection group per spoke.
  const weuPolicy = buildHubPolicy({
    subscriptionId: DEMO_SUBSCRIPTIONS.prod,
    location: 'westeurope',
    threatIntelMode: 'Deny',
    spokes: [
      { cluster: 'aks-prod-weu', nodeSubnet: '10.240.0.0/22' },
      // Its Container insights and Flux flows are blocked at the hub.
      {
        cluster: 'aks-staging-weu',
        nodeSubnet: '10.241.0.0/22',
        flaws: ['no-monitor-and-flux-rules'],
      },
    ],
  });
  const neuPolicy = buildHubPolicy({
    subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
    location: 'northeurope',
    threatIntelMode: 'Alert',
    spokes: [
      { cluster: 'aks-legacy-neu', nodeSubnet: '10.242.0.0/22' },
      // Someone opened HTTPS to everything for it.
      {
        cluster: 'aks-dev-neu',
        nodeSubnet: '10.243.0.0/22',
        flaws: ['any-fqdn'],
      },
    ],
  });
  const weuHub = buildHubFirewall({
    ...weuFirewall,
    firewallPolicyId: weuPolicy[0].id,
  });
  const neuHub = buildHubFirewall({
    ...neuFirewall,
    threatIntelMode: 'Alert',
    firewallPolicyId: neuPolicy[0].id,
  });
  const hub = (fw: ArmResource, privateIp: string) => ({
    id: fw.id!,
    privateIp,
  });

  return [
    weuHub,
    neuHub,
    ...weuPolicy,
    ...neuPolicy,
    // Every control passes; certificates have months left; payments-api,
    // onboarded by the template, has a complete and open chain.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.prod,
      resourceGroup: 'rg-aks-prod-weu',
      name: 'aks-prod-weu',
      location: 'westeurope',
      spokeOctet: 240,
      firewall: hub(weuHub, weuFirewall.privateIp),
      host: 'payments.contoso-demo.com',
      certificateDaysLeft: { edge: 187, backendTrustRoot: 320, ingress: 320 },
      now,
    }),
    // WAF only logs, App Gateway talks plain HTTP to Traefik, and (in the
    // cluster) the storefront's NetworkPolicy shuts Traefik out.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.prod,
      resourceGroup: 'rg-aks-staging-weu',
      name: 'aks-staging-weu',
      location: 'westeurope',
      spokeOctet: 241,
      firewall: hub(weuHub, weuFirewall.privateIp),
      host: 'shop.staging.contoso-demo.com',
      certificateDaysLeft: { edge: 95, backendTrustRoot: 140, ingress: 140 },
      // Its registry answers from the internet (ACR-01), and Traefik's
      // image comes from Docker Hub (ACR-02, in the cluster).
      flaws: ['waf-detection', 'http-backend', 'registry-public'],
      // Its Traefik certificate is found through the SecretProviderClass.
      tagIngressCertificate: false,
      now,
    }),
    // Built before the baseline: kubenet, no network policy, no CSI add-on.
    // Its API server is private and out of the portal's reach. No audit
    // logs (kube-audit-admin, guard: LOG-01) and no Container insights rule
    // associated (LOG-02), though the monitoring add-on is on.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
      resourceGroup: 'rg-aks-legacy-neu',
      name: 'aks-legacy-neu',
      location: 'northeurope',
      spokeOctet: 242,
      firewall: hub(neuHub, neuFirewall.privateIp),
      host: 'legacy.contoso-demo.com',
      certificateDaysLeft: { edge: 60, backendTrustRoot: 200, ingress: 200 },
      // No registry of its own: it pulls from public registries (ACR-01).
      flaws: [
        'kubenet',
        'no-csi-addon',
        'no-registry',
        'no-audit-logs',
        'no-container-insights-rule',
      ],
      now,
    }),
    // Controls pass, but the certificates need attention: 21 days (warning),
    // 5 days (critical) and expired 3 days ago. Private API server, out of reach.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
      resourceGroup: 'rg-aks-dev-neu',
      name: 'aks-dev-neu',
      location: 'northeurope',
      spokeOctet: 243,
      firewall: hub(neuHub, neuFirewall.privateIp),
      host: 'dev.contoso-demo.com',
      certificateDaysLeft: { edge: 21.5, backendTrustRoot: 5.5, ingress: -2.5 },
      now,
    }),
  ];
}
