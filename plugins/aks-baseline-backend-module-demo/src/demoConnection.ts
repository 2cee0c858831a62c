import type {
  AksBaselineAzureConnection,
  AksBaselineClusterSource,
  AksBaselineRefreshTransports,
} from '@aks-baseline/plugin-aks-baseline-node';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTION_NAMES,
  DEMO_SUBSCRIPTIONS,
} from './demoEstate';
import {
  DEMO_TOKEN,
  DemoArmTransport,
  DemoKubernetes,
  sealedLookup,
} from './demoKubernetes';

/** Every cluster of the demo's two subscriptions. */
export const demoClusterSource: AksBaselineClusterSource = {
  name: 'demo',
  selectClusters: async () => ({
    subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
  }),
};

/**
 * The demo's Azure: recorded ARM responses and a local fixture API server
 * behind the real SDK clients and Kubernetes reader, with a fixed token.
 */
export class DemoConnection implements AksBaselineAzureConnection {
  readonly name = 'demo';
  readonly credential = new StaticTokenCredential(DEMO_TOKEN);
  private readonly kubernetes = new DemoKubernetes();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * One estate per refresh, dated from the refresh's start so certificates
   * keep their days left; the inventory and the clusters' credentials both
   * answer from it.
   */
  async openRefresh(): Promise<AksBaselineRefreshTransports> {
    const estate = buildDemoEstate(this.now());
    const clusters = new Map(
      estate
        .filter(r => r.type === 'Microsoft.ContainerService/managedClusters')
        .map(c => [c.name!.toLowerCase(), c]),
    );
    return {
      armHttpClient: new DemoArmTransport(
        new ArmFixtureTransport({
          resources: estate,
          subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
          subscriptionNames: DEMO_SUBSCRIPTION_NAMES,
        }),
        async name => {
          const cluster = clusters.get(name.toLowerCase());
          return cluster && this.kubernetes.endpointOf(cluster);
        },
      ),
      lookup: sealedLookup,
    };
  }

  close(): Promise<void> {
    return this.kubernetes.close();
  }
}
