import { X509Certificate } from 'node:crypto';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ArmResource,
  asString,
  readArm,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  aksBaselineDiscoveredClustersServiceRef,
  DiscoveredClusterList,
  DiscoveredClustersHub,
} from '@aks-baseline/plugin-aks-baseline-node';
import demoModule, {
  buildDemoEstate,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { startPluginBackend } from '../__testUtils__/pluginBackend';

/**
 * What the catalog module receives: the plugin with the demo module, its
 * real refresh and store, publishing through the discovered-clusters hub.
 */
/** What the published CA must be: some string exactly where the reader listed a kubeconfig. */
const caOf = (cluster: ArmResource) =>
  readArm(cluster, 'aadProfile') ? expect.any(String) : undefined;

describe('discovered clusters after a refresh', () => {
  it('publishes every stored demo cluster with its ARM facts', async () => {
    const hub = new DiscoveredClustersHub(error => {
      throw error;
    });
    const lists: DiscoveredClusterList[] = [];
    let received: () => void = () => {};
    const first = new Promise<void>(resolve => {
      received = resolve;
    });
    hub.subscribe(async list => {
      lists.push(list);
      received();
    });
    const backend = await startPluginBackend({
      features: [
        demoModule,
        mockServices.rootConfig.factory({ data: {} }),
        createServiceFactory({
          service: aksBaselineDiscoveredClustersServiceRef,
          deps: {},
          factory: () => hub,
        }),
      ],
    });
    try {
      await first;
    } finally {
      await backend.stop();
    }

    const estate = buildDemoEstate(new Date()).filter(
      (r: ArmResource) =>
        r.type?.toLowerCase() === 'microsoft.containerservice/managedclusters',
    );
    const [list] = lists;
    expect(estate).toHaveLength(5);
    expect(list.runId).toBeGreaterThan(0);
    // Every demo API server has a name the Kubernetes plugin can be given.
    expect(
      list.clusters.filter(c => c.apiServerFqdn ?? c.privateApiServerFqdn),
    ).toHaveLength(5);
    expect(list.clusters).toHaveLength(estate.length);
    for (const armCluster of estate) {
      const published = list.clusters.find(
        c => c.resourceId.toLowerCase() === armCluster.id!.toLowerCase(),
      );
      expect(published).toEqual({
        resourceId: armCluster.id,
        name: armCluster.name,
        subscriptionId: expect.any(String),
        resourceGroup: expect.any(String),
        location: armCluster.location,
        apiServerFqdn: asString(readArm(armCluster, 'fqdn')),
        privateApiServerFqdn: asString(readArm(armCluster, 'privateFQDN')),
        // The kubeconfig's CA of each Entra-integrated cluster, whose user
        // credential the reader lists; none for a local-accounts cluster.
        certificateAuthorityData: caOf(armCluster),
        tags: armCluster.tags ?? {},
        stale: false,
      });
    }
    // The demo's one fixture CA, as a kubeconfig carries it (base64 of PEM).
    const cas = new Set(
      list.clusters.flatMap(c =>
        c.certificateAuthorityData ? [c.certificateAuthorityData] : [],
      ),
    );
    expect(cas.size).toBe(1);
    const [pem] = [...cas].map(ca => Buffer.from(ca, 'base64').toString());
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/,
    );
    expect(() => new X509Certificate(pem)).not.toThrow();
  });
});
