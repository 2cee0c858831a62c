import { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  foldChildResources,
  type RenderedBody,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildBaselineStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  HubLocation,
  hubVirtualNetworkId,
} from './baselineStamp';
import { buildHubPolicy } from './hubPolicy';
import {
  DEMO_SUBSCRIPTION_NAMES,
  DEMO_SUBSCRIPTIONS,
} from './demoSubscriptions';
import { buildDemoGeneratedStamp } from './generated/demoGeneratedCluster';

export { DEMO_SUBSCRIPTION_NAMES, DEMO_SUBSCRIPTIONS };

/**
 * The estate `npm start` shows with no Azure account: five clusters in two
 * subscriptions, each showing one situation a platform team meets, one of
 * them made by our own template. Dates are relative to `now` so the
 * certificates keep their meaning.
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
  // Made by create-cluster and onboard-app at start-up; behind the prod hub,
  // whose policy gains the stamp's generated rule collection group.
  const generated = buildDemoGeneratedStamp(now, weuPolicy[0]);
  const weuHub = buildHubFirewall({
    ...weuFirewall,
    firewallPolicyId: weuPolicy[0].id,
  });
  const neuHub = buildHubFirewall({
    ...neuFirewall,
    threatIntelMode: 'Alert',
    firewallPolicyId: neuPolicy[0].id,
  });
  // What a spoke names of its hub: the firewall, its IP, the VNet to peer with.
  const hub = (fw: ArmResource, at: HubLocation & { privateIp: string }) => ({
    id: fw.id!,
    privateIp: at.privateIp,
    hubVirtualNetworkId: hubVirtualNetworkId(at),
  });

  // The generated stamp's template peers the prod hub's VNet back to its
  // spoke: that peering folds into the hub VNet built here.
  return foldChildResources([
    // Each spoke is peered with its hub's VNet, where its firewall sits.
    buildHubVirtualNetwork(weuFirewall),
    buildHubVirtualNetwork(neuFirewall),
    weuHub,
    neuHub,
    ...weuPolicy.slice(1),
    ...neuPolicy,
    // The stamp's spoke and its rule collection group, with the prod hub's
    // policy listing that group next to the others.
    ...generated.resources,
    // Every control passes; certificates have months left; payments-api,
    // onboarded by the template, has a complete and open chain.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.prod,
      resourceGroup: 'rg-aks-prod-weu',
      name: 'aks-prod-weu',
      owner: 'payments-team',
      location: 'westeurope',
      spokeOctet: 240,
      firewall: hub(weuHub, weuFirewall),
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
      owner: 'storefront-team',
      // No entity of examples/ describes it: the catalog module's discovered
      // entity does, owner and system from these tags.
      system: 'aks-fleet',
      location: 'westeurope',
      spokeOctet: 241,
      firewall: hub(weuHub, weuFirewall),
      host: 'shop.staging.contoso-demo.com',
      certificateDaysLeft: { edge: 95, backendTrustRoot: 140, ingress: 140 },
      // Its registry answers from the internet (ACR-01), and Traefik's
      // image comes from Docker Hub (ACR-02, in the cluster).
      flaws: ['waf-detection', 'http-backend', 'registry-public'],
      // Allowed images only audits, which is how Docker Hub's Traefik got in (GOV-01).
      governance: 'images-audit-only',
      // Its Traefik certificate is found through the SecretProviderClass.
      tagIngressCertificate: false,
      now,
    }),
    // Built before the baseline: kubenet, no network policy, no CSI add-on,
    // no Defender for Containers, no image cleaner and no maintenance
    // window (its node images update whenever AKS rolls them out). Its API
    // server is private and out of the portal's reach. No audit logs
    // (kube-audit-admin, guard: LOG-01) and no Container insights rule
    // associated (LOG-02), though the monitoring add-on is on.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
      resourceGroup: 'rg-aks-legacy-neu',
      name: 'aks-legacy-neu',
      owner: 'platform-team',
      location: 'northeurope',
      spokeOctet: 242,
      firewall: hub(neuHub, neuFirewall),
      host: 'legacy.contoso-demo.com',
      certificateDaysLeft: { edge: 60, backendTrustRoot: 200, ingress: 200 },
      // No registry of its own: it pulls from public registries (ACR-01).
      flaws: [
        'kubenet',
        'no-csi-addon',
        'no-registry',
        'no-defender',
        'no-image-cleaner',
        'no-maintenance-window',
        'no-audit-logs',
        'no-container-insights-rule',
      ],
      // No Azure Policy assignment at all (GOV-01 names each missing one).
      governance: 'none',
      now,
    }),
    // Controls pass, but the certificates need attention: 21 days (warning),
    // 5 days (critical) and expired 3 days ago. Private API server, out of reach.
    ...buildBaselineStamp({
      subscriptionId: DEMO_SUBSCRIPTIONS.nonProd,
      resourceGroup: 'rg-aks-dev-neu',
      name: 'aks-dev-neu',
      owner: 'platform-team',
      location: 'northeurope',
      spokeOctet: 243,
      firewall: hub(neuHub, neuFirewall),
      host: 'dev.contoso-demo.com',
      certificateDaysLeft: { edge: 21.5, backendTrustRoot: 5.5, ingress: -2.5 },
      // Open only to the offices: its WAF allows their range and blocks the rest.
      wafAllowedClients: ['198.51.100.0/24'],
      now,
    }),
  ] as RenderedBody[]) as ArmResource[];
}
