import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { discoveredCluster } from './__testUtils__/clusters';
import { clusterEntity, clusterEntityName } from './clusterEntity';
import { providerConfigSchema } from './config';

// The policies the catalog applies to every entity it ingests.
const catalogPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const defaults = providerConfigSchema.parse({});

async function expectValid(entity: ReturnType<typeof clusterEntity>) {
  await expect(catalogPolicy.enforce(entity)).resolves.toBeDefined();
  await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
    true,
  );
}

describe('clusterEntity', () => {
  it('describes a cluster for the catalog and the Kubernetes plugin', async () => {
    const cluster = discoveredCluster('aks-bu0001a0008', {
      tags: { Owner: 'team-a', SYSTEM: 'payments' },
    });
    const entity = clusterEntity(cluster, defaults);
    await expectValid(entity);
    expect(entity.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/team-a',
      system: 'system:default/payments',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'aks-baseline.io/resource-id': cluster.resourceId,
      'kubernetes.io/api-server':
        'https://aks-bu0001a0008-dns-1a2b3c4d.hcp.eastus2.azmk8s.io',
      'kubernetes.io/auth-provider': 'aks',
    });
    // ARM's managed cluster carries no CA: nothing is invented.
    expect(entity.metadata.annotations).not.toHaveProperty(
      'kubernetes.io/api-server-certificate-authority',
    );
    expect(entity.metadata.labels).toEqual({
      'aks-baseline.io/region': 'eastus2',
      'aks-baseline.io/subscription': '00000000-0000-0000-0000-000000000001',
      'aks-baseline.io/resource-group': 'rg-bu0001a0008',
    });
  });

  it('turns Azure names the label syntax refuses into valid label values', async () => {
    const cluster = discoveredCluster('aks', {
      resourceGroup: `(rg.${'x'.repeat(80)})`,
    });
    const entity = clusterEntity(cluster, defaults);
    await expectValid(entity);
    const label = entity.metadata.labels!['aks-baseline.io/resource-group'];
    expect(label).toMatch(/^rg\.x+$/);
    expect(label.length).toBeLessThanOrEqual(63);
  });

  it('uses the private API server name when ARM has no public one', () => {
    const cluster = discoveredCluster('private', {
      apiServerFqdn: undefined,
      privateApiServerFqdn: 'private-1a2b.privatelink.eastus2.azmk8s.io',
    });
    expect(
      clusterEntity(cluster, defaults).metadata.annotations![
        'kubernetes.io/api-server'
      ],
    ).toBe('https://private-1a2b.privatelink.eastus2.azmk8s.io');
  });

  it('takes the default owner when the owner tag is absent or no entity ref', async () => {
    const config = providerConfigSchema.parse({
      defaultOwner: 'platform-team',
      tags: { owner: 'costCenterOwner' },
    });
    const untagged = clusterEntity(discoveredCluster('a'), config);
    const unusable = clusterEntity(
      discoveredCluster('b', {
        tags: { costcenterowner: 'Jane Doe <jane@contoso.com>', system: '' },
      }),
      config,
    );
    for (const entity of [untagged, unusable]) {
      await expectValid(entity);
      expect(entity.spec).toEqual({
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
      });
    }
  });

  it('names entities apart when two subscriptions each hold the same cluster name', () => {
    const a = discoveredCluster('aks-prod');
    const b = discoveredCluster('aks-prod', {
      subscriptionId: '00000000-0000-0000-0000-000000000002',
    });
    expect(clusterEntityName(a)).not.toBe(clusterEntityName(b));
    expect(clusterEntityName(a)).toMatch(/^aks-prod-[0-9a-f]{8}$/);
    // Stable across refreshes and ARM's casing of the id.
    expect(
      clusterEntityName({ ...a, resourceId: a.resourceId.toUpperCase() }),
    ).toBe(clusterEntityName(a));
  });

  it('keeps a 63-character cluster name within the entity name limit', async () => {
    const entity = clusterEntity(discoveredCluster('a'.repeat(63)), defaults);
    await expectValid(entity);
    expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
  });
});
