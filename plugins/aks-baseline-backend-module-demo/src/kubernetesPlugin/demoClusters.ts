import type {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { DEMO_TOKEN, DemoKubernetes } from '../demoKubernetes';

/**
 * The clusters the demo's fixture API server serves, as the Kubernetes
 * backend needs them. Their ARM names (`*.azmk8s.io`) resolve nowhere in the
 * demo, so their address is the fixture's loopback URL and their CA the one
 * the fixture made at start, exactly what `listClusterUserCredential`'s
 * kubeconfig gives the AKS baseline backend.
 *
 * Auth: the Kubernetes backend's built-in `serviceAccount` strategy with the
 * fixture's public test token. A custom strategy name would not do: the
 * plugin's frontend knows a fixed list of auth providers and fails the whole
 * tab on any other. The token stays in the backend (the `/clusters` route
 * presents no auth metadata for this strategy) and in no catalog entity.
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
    authMetadata: {
      'kubernetes.io/auth-provider': 'serviceAccount',
      serviceAccountToken: DEMO_TOKEN,
    },
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
