import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { parse, parseAllDocuments } from 'yaml';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import { findRepoRoot } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  aksBaselineDiscoveredClustersServiceRef,
  DiscoveredClusterList,
  DiscoveredClustersHub,
} from '@aks-baseline/plugin-aks-baseline-node';
import demoModule from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  AksClusterEntityProvider,
  readProviderConfig,
} from '@aks-baseline/plugin-catalog-backend-module-aks-baseline';
import { startPluginBackend } from '../__testUtils__/pluginBackend';

/** The documented ref of the demo's discovered cluster (README, examples/). */
const DISCOVERED_REF = 'resource:default/aks-staging-weu-4a578af2';

const repoFile = (...path: string[]) =>
  readFileSync(join(findRepoRoot(), ...path), 'utf8');

/** The entities of a catalog file of `examples/`, as the catalog reads them. */
const examples = (file: string): Entity[] =>
  parseAllDocuments(repoFile('examples', file))
    .map(doc => doc.toJS())
    .filter(Boolean);

// The policies the catalog applies to every entity it ingests.
const catalogPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** The demo's fleet after its first refresh, as the catalog module receives it. */
async function demoFleet(): Promise<DiscoveredClusterList> {
  const hub = new DiscoveredClustersHub(error => {
    throw error;
  });
  const first = new Promise<DiscoveredClusterList>(resolve => {
    hub.subscribe(async list => resolve(list));
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
    return await first;
  } finally {
    await backend.stop();
  }
}

/*
 * The demo (app-config.yaml, examples/) with the real entity provider: one
 * demo cluster has no hand-written entity, so it reaches the catalog only
 * through the provider; the other four are left to examples/.
 */
describe("the demo's discovered cluster entity", () => {
  it('is aks-staging-weu alone, under its documented ref, owned and placed by its Azure tags', async () => {
    const fleet = await demoFleet();
    const handWritten = [
      ...examples('clusters.yaml'),
      ...examples('apps.yaml'),
    ];
    const mutations: Array<{ type: string; entities: DeferredEntity[] }> = [];
    const provider = new AksClusterEntityProvider({
      config: readProviderConfig(
        new ConfigReader(parse(repoFile('app-config.yaml'))),
      ),
      logger: mockServices.logger.mock(),
      discoveredClusters: { subscribe: () => () => {} },
      // The claims the catalog answers once examples/ is ingested.
      catalog: {
        getEntities: async () => ({
          items: handWritten.filter(
            e => e.metadata.annotations?.['aks-baseline.io/resource-id'],
          ),
        }),
      },
      auth: mockServices.auth(),
    });
    await provider.connect({
      applyMutation: async mutation => {
        if (mutation.type === 'full') mutations.push(mutation);
      },
      refresh: async () => {},
    });

    const run = await provider.apply(fleet);

    expect(fleet.clusters).toHaveLength(5);
    expect(run).toMatchObject({ type: 'full', entityCount: 1 });
    expect(run?.claimedByOthers).toHaveLength(4);
    const [{ entities }] = mutations;
    expect(entities).toHaveLength(1);
    const entity = entities[0].entity;
    expect(stringifyEntityRef(entity)).toBe(DISCOVERED_REF);
    expect(entity.metadata.title).toBe('aks-staging-weu');
    await expect(catalogPolicy.enforce(entity)).resolves.toBeDefined();
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );

    // Owner and system from its Azure tags, both entities of the demo catalog.
    expect(entity.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/storefront-team',
      system: 'system:default/aks-fleet',
    });
    const refs = new Set(
      [...handWritten, ...examples('org.yaml')].map(e => stringifyEntityRef(e)),
    );
    expect(refs).toContain(entity.spec!.owner);
    expect(refs).toContain(entity.spec!.system);

    // What the Kubernetes plugin's catalog locator needs, the CA from the
    // kubeconfig of listClusterUserCredential; and the Kubernetes tab.
    const annotations = entity.metadata.annotations!;
    expect(annotations).toMatchObject({
      'kubernetes.io/api-server':
        'https://aks-staging-weu-dns.privatelink.westeurope.azmk8s.io',
      'kubernetes.io/auth-provider': 'aks',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=traefik-ingress-ilb',
      'backstage.io/kubernetes-namespace': 'a0008',
    });
    const ca = Buffer.from(
      annotations['kubernetes.io/api-server-certificate-authority'],
      'base64',
    ).toString();
    expect(() => new X509Certificate(ca)).not.toThrow();

    // The demo's app on that cluster points at the discovered entity.
    const storefront = handWritten.find(
      e => e.metadata.name === 'storefront-web',
    );
    expect(
      stringifyEntityRef(
        parseEntityRef(
          storefront!.metadata.annotations!['aks-baseline.io/cluster'],
        ),
      ),
    ).toBe(DISCOVERED_REF);
  });
});
