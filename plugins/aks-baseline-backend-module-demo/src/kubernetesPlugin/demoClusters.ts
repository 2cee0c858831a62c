import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { DEMO_TOKEN, DemoKubernetes } from '../demoKubernetes';

/** `kubernetes.io/auth-provider` of the demo's clusters. */
export const DEMO_AUTH_PROVIDER = 'aksBaselineDemo';

/**
 * Hands the Kubernetes backend the fixture API server's token. The token is
 * the demo's public fixture constant; a real estate uses the `aks` provider
 * (the signed-in user's Entra token) instead.
 */
export const demoAuthStrategy: AuthenticationStrategy = {
  getCredential: async () => ({ type: 'bearer token', token: DEMO_TOKEN }),
  validateCluster: () => [],
  presentAuthMetadata: () => ({}),
};

/**
 * The clusters the demo's fixture API server serves, as the Kubernetes
 * backend needs them. Their ARM names (`*.azmk8s.io`) resolve nowhere in the
 * demo, so their address is the fixture's loopback URL and their CA the one
 * the fixture made at start, exactly what `listClusterUserCredential`'s
 * kubeconfig gives the AKS baseline backend.
 */
export async function demoClusterDetails(
  kubernetes: DemoKubernetes,
): Promise<ClusterDetails[]> {
  const endpoints = await kubernetes.reachableEndpoints();
  return endpoints.map(endpoint => ({
    name: endpoint.name,
    title: `${endpoint.name} (demo fixture API server)`,
    url: endpoint.server,
    caData: Buffer.from(endpoint.caPem).toString('base64'),
    authMetadata: { 'kubernetes.io/auth-provider': DEMO_AUTH_PROVIDER },
    // The fixture serves no metrics.k8s.io.
    skipMetricsLookup: true,
  }));
}

/**
 * The configured suppliers' clusters (the catalog locator's, in this app)
 * followed by the demo's, so a real cluster entity keeps working next to the
 * demo.
 */
export function withDemoClusters(
  configured: KubernetesClustersSupplier,
  kubernetes: DemoKubernetes,
): KubernetesClustersSupplier {
  return {
    async getClusters(options) {
      const [fromConfig, fromDemo] = await Promise.all([
        configured.getClusters(options),
        demoClusterDetails(kubernetes),
      ]);
      const names = new Set(fromConfig.map(c => c.name));
      return [...fromConfig, ...fromDemo.filter(c => !names.has(c.name))];
    },
  };
}
