import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  STAMP_CONTRACT_ANNOTATIONS,
  StampContract,
  readStampContract,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parse } from 'yaml';
import { runOnboardAction } from '../../__testUtils__/actionRuns';
import { generatedClusterEntities } from '../../__testUtils__/catalogEntities';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { createOnboardAppAction } from '../../actions/onboardApp';
import { generateCluster } from '../cluster';
import { clusterStampContract } from '../cluster/catalogInfo';

/*
 * The two actions agree through the stamp contract: the catalog holds the
 * entity create-cluster generates for each example cluster (not a copy
 * written by hand), and onboard-app, given only what an app developer
 * knows, writes what it writes when every value is typed in, attaching to
 * what that cluster's own ARM template and manifests create.
 */

/** The sub-resource each fragment parameter names, by the collection it lives in. */
const PARAMETER_COLLECTION: Record<string, string> = {
  frontendIPConfigurationName: 'frontendIPConfigurations',
  frontendPortName: 'frontendPorts',
  backendAddressPoolName: 'backendAddressPools',
  trustedRootCertificateName: 'trustedRootCertificates',
};

const CLUSTERS = clusterExampleRequests().map(r => r.spec.clusterName);

/** What an app developer knows: no Key Vault, tenant, Traefik or subnet. */
const minimalInput = (clusterName: string, overrides = {}) => ({
  appName: 'shop',
  owner: 'group:default/team-a',
  cluster: `resource:default/${clusterName}`,
  host: 'shop.contoso.com',
  servicePort: 8080,
  targetPort: 'http',
  certificateName: 'shop-tls',
  ...overrides,
});

const READER = '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90';

/** Every contract-covered input typed in, with the contract's values. */
function explicitInput(contract: StampContract, clusterName: string) {
  return {
    ...minimalInput(clusterName, {
      host: `shop.${contract.ingressDomain}`,
    }),
    ingressDomain: contract.ingressDomain,
    appGatewaySubnetCidr: contract.appGatewaySubnetCidr,
    traefikNamespace: contract.traefikNamespace,
    traefikPodLabels: contract.traefikPodLabels,
    keyVaultName: contract.keyVaultName,
    keyVaultDnsSuffix: contract.keyVaultDnsSuffix,
    tenantId: contract.tenantId,
    certificateReaderClientId: READER,
  };
}

/** The cluster entity with the certificate reader the owner adds after deployment. */
function withReader(entity: Entity): Entity {
  const annotations = {
    ...entity.metadata.annotations,
    [STAMP_CONTRACT_ANNOTATIONS.certificateReaderClientId]: READER,
  };
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}

/** An app already onboarded, as its catalog-info.yaml registers it. */
function app(name: string, cluster: string, host: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_CLUSTER]: cluster,
        [ANNOTATION_NAMESPACE]: name,
        [ANNOTATION_HOST]: host,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-b' },
  };
}

describe('the contract between create-cluster and onboard-app', () => {
  let clusterEntities: Map<string, Entity>;
  beforeAll(async () => {
    const generated = await generatedClusterEntities();
    clusterEntities = new Map(
      generated.map(({ spec, entity }) => [spec.clusterName, entity]),
    );
  });
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  async function run(
    input: Record<string, unknown>,
    entities: Entity[],
    isDryRun = false,
  ) {
    const action = createOnboardAppAction({
      catalog: catalogServiceMock({ entities }),
    });
    workspace.clear();
    const outputs = await runOnboardAction(
      action,
      input,
      workspace.path,
      isDryRun,
    );
    return { outputs, files: flatten(workspace.content() ?? {}) };
  }

  it.each(CLUSTERS)(
    '%s: the contract names what its ARM template and manifests create',
    clusterName => {
      const spec = clusterExampleRequests().find(
        r => r.spec.clusterName === clusterName,
      )!.spec;
      const reading = readStampContract(clusterEntities.get(clusterName)!);
      expect(reading.status).toBe('valid');
      const contract = (reading as { contract: StampContract }).contract;
      expect(contract).toEqual(clusterStampContract(spec));

      const { template, manifests } = generateCluster(spec);
      const byType = (type: string) =>
        template.resources.filter(r => r.type === type) as any[];
      const [gateway] = byType('Microsoft.Network/applicationGateways');
      const [vnet] = byType('Microsoft.Network/virtualNetworks');
      const [vault] = byType('Microsoft.KeyVault/vaults');
      const subnetPrefix = (name: string) =>
        vnet.properties.subnets.find((s: any) => s.name === name)?.properties
          .addressPrefix;
      const named = (collection: string, name: string) =>
        (gateway.properties[collection] as any[]).find(i => i.name === name);

      expect(gateway.name).toBe(contract.gatewayName);
      expect(
        named(
          'frontendIPConfigurations',
          contract.gatewayFrontendIpConfiguration,
        )?.properties.publicIPAddress,
      ).toBeDefined();
      expect(
        named('frontendPorts', contract.gatewayFrontendPort)?.properties.port,
      ).toBe(443);
      expect(
        named('backendAddressPools', contract.gatewayBackendPool)?.properties
          .backendAddresses,
      ).toEqual([{ ipAddress: contract.traefikIlbIp }]);
      expect(
        named(
          'trustedRootCertificates',
          contract.gatewayTrustedRootCertificate,
        ),
      ).toBeDefined();
      const gatewaySubnetId: string =
        gateway.properties.gatewayIPConfigurations[0].properties.subnet.id;
      const gatewaySubnet = gatewaySubnetId.match(/'([^']+)'\)\]$/)![1];
      expect(subnetPrefix(gatewaySubnet)).toBe(contract.appGatewaySubnetCidr);

      const service = manifests.find(m => m.kind === 'Service') as any;
      const deployment = manifests.find(m => m.kind === 'Deployment') as any;
      const lb = service.metadata.annotations;
      expect(service.metadata.namespace).toBe(contract.traefikNamespace);
      expect(lb['service.beta.kubernetes.io/azure-load-balancer-ipv4']).toBe(
        contract.traefikIlbIp,
      );
      expect(
        subnetPrefix(
          lb['service.beta.kubernetes.io/azure-load-balancer-internal-subnet'],
        ),
      ).toBe(contract.traefikIlbSubnetCidr);
      expect(deployment.metadata.namespace).toBe(contract.traefikNamespace);
      expect(deployment.spec.template.metadata.labels).toEqual(
        expect.objectContaining(contract.traefikPodLabels),
      );
      const staticConfig = manifests.find(
        m => m.kind === 'ConfigMap' && (m as any).data?.['traefik.yaml'],
      ) as any;
      expect(
        Object.keys(parse(staticConfig.data['traefik.yaml']).entryPoints),
      ).toContain(contract.traefikEntryPoint);
      expect(vault.name).toBe(contract.keyVaultName);
      expect(vault.properties.tenantId).toBe(contract.tenantId);
    },
  );

  it.each(CLUSTERS)(
    '%s: onboarding with what an app developer knows writes what every value typed in writes',
    async clusterName => {
      const entity = withReader(clusterEntities.get(clusterName)!);
      const contract = (readStampContract(entity) as any)
        .contract as StampContract;
      const minimal = minimalInput(clusterName, {
        host: `shop.${contract.ingressDomain}`,
      });

      const derived = await run(minimal, [entity]);
      const explicit = await run(explicitInput(contract, clusterName), []);

      expect(derived.files).toEqual(explicit.files);
      expect(derived.outputs.summary).toContain(
        "From the cluster's catalog entity (its stamp contract): ingressDomain, appGatewaySubnetCidr, traefikNamespace, traefikPodLabels, keyVaultName, keyVaultDnsSuffix, tenantId, certificateReaderClientId",
      );

      // The fragment attaches to what this cluster's gateway has.
      const fragment = JSON.parse(
        derived.files['platform-infra/appgateway-shop.json'],
      );
      const [gateway] = generateCluster(
        clusterExampleRequests().find(r => r.spec.clusterName === clusterName)!
          .spec,
      ).template.resources.filter(
        r => r.type === 'Microsoft.Network/applicationGateways',
      ) as any[];
      expect(fragment.parameters.applicationGatewayName.defaultValue).toBe(
        gateway.name,
      );
      const missing = Object.entries(PARAMETER_COLLECTION).filter(
        ([parameter, collection]) =>
          !(gateway.properties[collection] ?? []).some(
            (item: { name: string }) =>
              item.name === fragment.parameters[parameter].defaultValue,
          ),
      );
      expect(missing).toEqual([]);
    },
  );

  it('an explicit input wins over the contract, and the summary says which came from the cluster', async () => {
    const entity = withReader(clusterEntities.get('aks-staging-sec')!);
    const { files, outputs } = await run(
      minimalInput('aks-staging-sec', {
        host: 'shop.staging.contoso.com',
        keyVaultName: 'kv-override',
      }),
      [entity],
    );
    const spc = parse(
      files['cluster-repo/secretproviderclass-shop-tls-csi-akv.yaml'],
    );
    expect(spc.spec.parameters.keyvaultName).toBe('kv-override');
    expect(spc.spec.parameters.tenantID).toBe(
      entity.metadata.annotations![STAMP_CONTRACT_ANNOTATIONS.tenantId],
    );
    expect(outputs.summary).toMatch(
      /stamp contract\): ingressDomain, appGatewaySubnetCidr, traefikNamespace, traefikPodLabels, keyVaultDnsSuffix, tenantId, certificateReaderClientId,/,
    );
  });

  it('a dry run with every input given works without the cluster in the catalog', async () => {
    const contract = (
      readStampContract(clusterEntities.get('aks-prod-weu')!) as any
    ).contract;
    const { outputs } = await run(
      explicitInput(contract, 'aks-prod-weu'),
      [],
      true,
    );
    expect(outputs.files).toContain('cluster-repo/ingressroute-shop.yaml');
    expect(outputs.summary).toContain('Every value was given as input');
  });

  describe('when the cluster cannot give the values', () => {
    it('a cluster missing from the catalog: names the inputs and the fix', async () => {
      await expect(run(minimalInput('aks-prod-weu'), [])).rejects.toThrow(
        new InputError(
          "Missing inputs 'keyVaultName', 'tenantId', 'certificateReaderClientId': required because the cluster entity resource:default/aks-prod-weu is not in the catalog (register the catalog-info.yaml aks-baseline:create-cluster wrote, and these come from it).",
        ),
      );
    });

    it('a cluster without a contract: names the inputs', async () => {
      const bare = clusterEntities.get('aks-prod-weu')!;
      const annotations = Object.fromEntries(
        Object.entries(bare.metadata.annotations!).filter(
          ([name]) => !name.startsWith('aks-baseline.io/stamp-'),
        ),
      );
      await expect(
        run(minimalInput('aks-prod-weu'), [
          { ...bare, metadata: { ...bare.metadata, annotations } },
        ]),
      ).rejects.toThrow(
        /^Missing inputs 'keyVaultName', 'tenantId', 'certificateReaderClientId': required because the cluster entity resource:default\/aks-prod-weu has no stamp contract/,
      );
    });

    it('a contract without the certificate reader: names the input and the annotation', async () => {
      await expect(
        run(minimalInput('aks-prod-weu'), [
          clusterEntities.get('aks-prod-weu')!,
        ]),
      ).rejects.toThrow(
        "Missing input 'certificateReaderClientId': the cluster entity resource:default/aks-prod-weu has no annotation aks-baseline.io/stamp-certificate-reader-client-id yet.",
      );
    });

    it('a malformed annotation: names it, its value and the fix', async () => {
      const entity = withReader(clusterEntities.get('aks-prod-weu')!);
      entity.metadata.annotations![
        STAMP_CONTRACT_ANNOTATIONS.traefikPodLabels
      ] = 'app.kubernetes.io/name: traefik';
      await expect(run(minimalInput('aks-prod-weu'), [entity])).rejects.toThrow(
        /^The cluster entity resource:default\/aks-prod-weu carries a stamp contract onboarding cannot read: annotation aks-baseline.io\/stamp-traefik-pod-labels is "app.kubernetes.io\/name: traefik" \(must be 1 to 16 Kubernetes labels .*\)\. Fix these annotations in the cluster's catalog-info.yaml/,
      );
    });

    it("a contract value onboarding's own rule refuses: names the annotation", async () => {
      const entity = withReader(clusterEntities.get('aks-prod-weu')!);
      // Well formed for the contract, but public: Traefik would admit anyone.
      entity.metadata.annotations![
        STAMP_CONTRACT_ANNOTATIONS.appGatewaySubnetCidr
      ] = '20.50.0.0/24';
      await expect(run(minimalInput('aks-prod-weu'), [entity])).rejects.toThrow(
        /^The cluster entity resource:default\/aks-prod-weu's annotation aks-baseline.io\/stamp-gateway-subnet is "20.50.0.0\/24", which onboarding cannot use: 'appGatewaySubnetCidr' must be a private IPv4 network .* Fix the annotation in the cluster's catalog-info.yaml, or give 'appGatewaySubnetCidr' explicitly\.$/,
      );
    });
  });

  describe('a host another app on the cluster serves', () => {
    const cluster = 'resource:default/aks-prod-weu';
    const onboard = (apps: Entity[], host = 'shop.contoso.com') =>
      run(minimalInput('aks-prod-weu', { host }), [
        withReader(clusterEntities.get('aks-prod-weu')!),
        ...apps,
      ]);

    it.each([
      ['the same host', 'shop.contoso.com', cluster],
      ['the same host in another case', 'Shop.Contoso.COM', cluster],
      ['a wildcard host covering it', '*.contoso.com', cluster],
      ['the cluster named by a short ref', 'shop.contoso.com', 'aks-prod-weu'],
    ])('is refused: %s, naming the other app', async (_case, host, ref) => {
      await expect(onboard([app('storefront', ref, host)])).rejects.toThrow(
        new InputError(
          `Invalid "Public host name" (host): shop.contoso.com is already served on ${cluster} by component:default/storefront (its aks-baseline.io/host is ${host}). Choose another host, or move or retire that app first.`,
        ),
      );
    });

    it.each([
      ['a different host on the same cluster', 'orders.contoso.com', cluster],
      [
        'the same host on another cluster',
        'shop.contoso.com',
        'resource:default/aks-dev-neu',
      ],
      ['a wildcard of another domain', '*.fabrikam.com', cluster],
    ])('is accepted: %s', async (_case, host, ref) => {
      const { outputs } = await onboard([app('storefront', ref, host)]);
      expect(outputs.appUrl).toBe('https://shop.contoso.com');
    });

    it("is accepted when it is the app's own entity (a re-run)", async () => {
      const { outputs } = await onboard([
        app('shop', cluster, 'shop.contoso.com'),
      ]);
      expect(outputs.appUrl).toBe('https://shop.contoso.com');
    });
  });
});

function flatten(tree: object, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (typeof value === 'string') flat[path] = value;
    else Object.assign(flat, flatten(value, path));
  }
  return flat;
}
