import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { buildDemoGeneratedStamp } from '../generated/demoGeneratedCluster';
import { demoClusterObjects } from '../kubernetes/demoClusterObjects';
import { kubernetesModuleAksBaselineClusterPages } from '@aks-baseline/plugin-catalog-backend-module-aks-baseline';
import { DISCOVERED_CLUSTERS_LOCATION } from '@aks-baseline/plugin-aks-baseline-node';
import { buildDemoEstate } from '../demoEstate';
import { kubernetesModuleAksBaselineDemo } from './module';

const NOW = new Date('2026-11-26T12:00:00Z');
// The app onboard-app writes onto the generated cluster, annotations included.
const app = buildDemoGeneratedStamp(NOW).entities.app as unknown as Entity;
const HAND_WRITTEN_CLUSTER: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'aks-prod-weu',
    annotations: { 'aks-baseline.io/resource-id': '/subscriptions/x' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

const stagingId = buildDemoEstate(NOW).find(r => r.name === 'aks-staging-weu')!
  .id!;
/**
 * aks-staging-weu as the catalog module makes it (no entity of examples/
 * describes it): named after it with 8 hex of its id, the locator's
 * annotations (its private API server name resolves nowhere in the demo, so
 * the catalog locator skips it) and the Kubernetes tab's selector.
 */
const DISCOVERED_STAGING: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'aks-staging-weu-4a578af2',
    annotations: {
      'backstage.io/managed-by-location': DISCOVERED_CLUSTERS_LOCATION,
      'backstage.io/managed-by-origin-location': DISCOVERED_CLUSTERS_LOCATION,
      'aks-baseline.io/resource-id': stagingId,
      'kubernetes.io/api-server':
        'https://aks-staging-weu-dns.privatelink.westeurope.azmk8s.io',
      'kubernetes.io/api-server-certificate-authority': 'TFMwdExTMUNSVWRKVGc9',
      'kubernetes.io/auth-provider': 'aks',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=traefik-ingress-ilb',
      'backstage.io/kubernetes-namespace': 'a0008',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/storefront-team' },
};

/** Names of the pods in the fixture that an entity's annotations select. */
function fixturePodsOf(cluster: string, entity: Entity = app): string[] {
  const annotations = entity.metadata.annotations!;
  const [key, value] =
    annotations['backstage.io/kubernetes-label-selector'].split('=');
  return demoClusterObjects()
    [cluster].filter(
      o =>
        o.kind === 'Pod' &&
        o.metadata?.namespace ===
          annotations['backstage.io/kubernetes-namespace'] &&
        o.metadata?.labels?.[key] === value,
    )
    .map(o => o.metadata!.name!)
    .sort();
}

describe('the Kubernetes backend on the demo fixture', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        kubernetesPlugin,
        kubernetesModuleAksBaselineDemo,
        kubernetesModuleAksBaselineClusterPages,
        catalogServiceMock.factory({
          entities: [HAND_WRITTEN_CLUSTER, DISCOVERED_STAGING, app],
        }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [{ type: 'catalog' }],
              objectTypes: ['pods', 'deployments', 'replicasets'],
            },
          },
        }),
      ],
    });
    return server;
  }

  /** A request to the Kubernetes backend as a signed-in user. */
  async function call(
    server: Awaited<ReturnType<typeof start>>,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(
      `http://localhost:${server.port()}/api/kubernetes${path}`,
      {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: mockCredentials.user.header(),
          'content-type': 'application/json',
        },
        body: body ? JSON.stringify(body) : undefined,
      },
    );
    return { status: res.status, body: await res.json() };
  }

  it("lists the onboarded app's pods on its cluster, through the real backend, with no errors", async () => {
    const res = await call(await start(), `/services/${app.metadata.name}`, {
      entity: app,
    });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);

    const byCluster = Object.fromEntries(
      res.body.items.map((item: any) => [item.cluster.name, item]),
    );
    // Of the fixture's three clusters only the app's holds objects it
    // selects (the backend leaves the others out); the hand-written entity
    // without an API server annotation is skipped by the catalog locator.
    expect(Object.keys(byCluster)).toEqual(['aks-generated-weu']);
    for (const item of res.body.items) expect(item.errors).toEqual([]);

    const pods = (cluster: string) =>
      byCluster[cluster].resources
        .find((r: any) => r.type === 'pods')
        .resources.map((p: any) => p.metadata.name)
        .sort();
    const expected = fixturePodsOf('aks-generated-weu');
    expect(expected.length).toBeGreaterThan(0);
    expect(pods('aks-generated-weu')).toEqual(expected);

    // The chain the plugin's Deployments panel follows to list pod names:
    // Deployment uid <- ReplicaSet owner reference, ReplicaSet uid <- pods'.
    const listed = (type: string) =>
      byCluster['aks-generated-weu'].resources.find((r: any) => r.type === type)
        .resources;
    const [deployment] = listed('deployments');
    const owned = (owner: any) => (o: any) =>
      o.metadata.ownerReferences?.some(
        (ref: any) => ref.uid === owner.metadata.uid,
      );
    const replicaSets = listed('replicasets').filter(owned(deployment));
    expect(replicaSets).toHaveLength(1);
    expect(
      listed('pods')
        .filter(owned(replicaSets[0]))
        .map((p: any) => p.metadata.name)
        .sort(),
    ).toEqual(expected);
  });

  it("shows the discovered cluster's page its own Traefik pods, from that cluster only", async () => {
    const name = DISCOVERED_STAGING.metadata.name;
    const res = await call(await start(), `/services/${name}`, {
      entity: DISCOVERED_STAGING,
    });
    expect(res.status).toBe(200);
    // Traefik runs on all three fixture clusters; the page asks its own.
    expect(res.body.items.map((item: any) => item.cluster)).toEqual([
      { name, title: 'aks-staging-weu (demo fixture API server)' },
    ]);
    const [item] = res.body.items;
    expect(item.errors).toEqual([]);
    const expected = fixturePodsOf('aks-staging-weu', DISCOVERED_STAGING);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      item.resources
        .find((r: any) => r.type === 'pods')
        .resources.map((p: any) => p.metadata.name)
        .sort(),
    ).toEqual(expected);
  });

  it('lists the fixture clusters with a server-side auth provider, and no token', async () => {
    const res = await call(await start(), '/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'aks-generated-weu',
          authProvider: 'serviceAccount',
        }),
        // Named after the catalog's entity for it, as the catalog locator does.
        expect.objectContaining({
          name: 'aks-staging-weu-4a578af2',
          authProvider: 'serviceAccount',
        }),
      ]),
    );
    expect(JSON.stringify(res.body)).not.toContain('fixture-token');
  });
});
