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
    // No CA published for it (no listClusterUserCredential): none invented.
    expect(entity.metadata.annotations).not.toHaveProperty(
      'kubernetes.io/api-server-certificate-authority',
    );
    // No Kubernetes tab unless configured.
    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/kubernetes-label-selector',
    );
    expect(entity.metadata.labels).toEqual({
      'aks-baseline.io/region': 'eastus2',
      'aks-baseline.io/subscription': '00000000-0000-0000-0000-000000000001',
      'aks-baseline.io/resource-group': 'rg-bu0001a0008',
    });
  });

  it("carries the CA of the cluster's user kubeconfig, which the Kubernetes plugin's catalog locator requires", async () => {
    // What a kubeconfig's certificate-authority-data holds: base64 of PEM.
    const ca = Buffer.from(
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    ).toString('base64');
    const entity = clusterEntity(
      discoveredCluster('aks-with-ca', { certificateAuthorityData: ca }),
      defaults,
    );
    await expectValid(entity);
    const annotations = entity.metadata.annotations!;
    // The three annotations the locator filters on (kubernetes-backend 0.21).
    expect(annotations['kubernetes.io/api-server-certificate-authority']).toBe(
      ca,
    );
    expect(annotations['kubernetes.io/api-server']).toMatch(/^https:\/\//);
    expect(annotations['kubernetes.io/auth-provider']).toBe('aks');
    // The CA is the only thing taken from the kubeconfig.
    expect(
      Object.keys(annotations).filter(k => /token|key|secret/i.test(k)),
    ).toEqual([]);
    // No API server name, no locator annotations at all (CA included).
    const nameless = clusterEntity(
      discoveredCluster('nameless', {
        apiServerFqdn: undefined,
        certificateAuthorityData: ca,
      }),
      defaults,
    );
    expect(
      Object.keys(nameless.metadata.annotations!).filter(k =>
        k.startsWith('kubernetes.io/'),
      ),
    ).toEqual([]);
  });

  it("gives cluster pages the Kubernetes tab when configured: the plugin's label selector and namespace", async () => {
    const config = providerConfigSchema.parse({
      kubernetes: {
        labelSelector: 'app.kubernetes.io/name=traefik-ingress-ilb',
        namespace: 'a0008',
      },
    });
    const entity = clusterEntity(discoveredCluster('aks-tab'), config);
    await expectValid(entity);
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=traefik-ingress-ilb',
      'backstage.io/kubernetes-namespace': 'a0008',
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
