import { BASELINE_CONTROLS } from '@aks-baseline/plugin-aks-baseline-common';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { acceptedDespiteSchema } from '../__testUtils__/schemaAgreement';
import { ArmDeploymentError } from '../deploy/deploymentErrors';
import {
  clusterExampleInputs,
  validClusterInput,
} from '../__testUtils__/clusterFixtures';
import {
  ARM_PATHS,
  FakeArmTransport,
  deploymentScenario,
  fakeCredential,
} from '../__testUtils__/fakeArmTransport';
import { parseCreateClusterInput } from '../validation/createClusterInput';
import { CREATE_CLUSTER_FIELD_LABELS } from '../validation/fieldLabels';
import { invalidFieldOpening } from '../__testUtils__/fieldMessages';
import { TRAEFIK_CRDS_PATH } from '../generators/cluster/manifests/crds';
import {
  CreateClusterActionOptions,
  createCreateClusterAction,
} from './createCluster';
import { examples } from './createCluster.examples';
import { createClusterInputFields } from './createClusterSchema';

const CLIENT_ID = '0b5c3f1e-7d2a-4c8b-9e6f-1a2b3c4d5e6f';

describe('aks-baseline:create-cluster', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  function actionWith(transport: FakeArmTransport) {
    const options: CreateClusterActionOptions = {
      credential: fakeCredential,
      httpClient: transport,
      pollIntervalMs: 1,
      retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 },
    };
    return createCreateClusterAction(options);
  }

  async function run(
    input: Record<string, unknown>,
    { isDryRun = false, transport = new FakeArmTransport([]) } = {},
  ) {
    // createMockActionContext drops isDryRun: set it on the context.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      isDryRun,
    };
    await actionWith(transport).handler(ctx);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    ) as {
      files: string[];
      summary: string;
      controls: Array<{ id: string; status: string }>;
      deployment?: { mode: string; message: string };
      clusterResourceId: string;
      entityRef: string;
      catalogInfoPath: string;
    };
  }

  /** Every file under the workspace, as relative path -> content. */
  function writtenFiles(): Record<string, string> {
    const flat: Record<string, string> = {};
    const walk = (tree: unknown, prefix: string) => {
      for (const [name, value] of Object.entries(tree as object)) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (typeof value === 'string') flat[path] = value;
        else walk(value, path);
      }
    };
    walk(workspace.content({ shouldReadAsText: true }) ?? {}, '');
    return flat;
  }

  it('declares its identity, dry-run support and a described schema', () => {
    const action = createCreateClusterAction();
    expect(action.id).toBe('aks-baseline:create-cluster');
    expect(action.supportsDryRun).toBe(true);
    const input = action.schema?.input as any;
    expect(Object.keys(input.properties).sort()).toEqual(
      Object.keys(createClusterInputFields).sort(),
    );
    for (const [field, schema] of Object.entries<any>(input.properties)) {
      expect({ field, description: schema.description }).toEqual({
        field,
        description: expect.stringMatching(/\w/),
      });
    }
    expect(input.required.sort()).toEqual(
      [
        'clusterName',
        'owner',
        'subscriptionId',
        'resourceGroup',
        'location',
        'firewallPrivateIp',
        'firewallResourceId',
        'hubVirtualNetworkId',
        'ingressDomain',
        'tenantId',
        'adminGroupObjectId',
        'keyVaultName',
        'gitopsRepositoryUrl',
      ].sort(),
    );
    const output = (action.schema?.output as any).properties;
    for (const [field, schema] of Object.entries<any>(output)) {
      expect({ field, description: schema.description }).toEqual({
        field,
        description: expect.stringMatching(/\w/),
      });
    }
  });

  it.each(examples.map((e, i) => [e.description, i] as const))(
    'example: %s',
    async (_description, index) => {
      const step = parse(examples[index].example).steps[0];
      expect(step.action).toBe('aks-baseline:create-cluster');
      const transport = new FakeArmTransport(
        deploymentScenario({ outputs: { traefikIdentityClientId: CLIENT_ID } }),
      );
      const outputs = await run(step.input, { transport });
      expect(Object.keys(writtenFiles()).sort()).toEqual(
        [...outputs.files].sort(),
      );
      expect(outputs.summary).toContain(step.input.clusterName);
      expect(outputs.entityRef).toBe(
        `resource:default/${step.input.clusterName}`,
      );
      expect(outputs.controls).toHaveLength(BASELINE_CONTROLS.length);
      expect(outputs.deployment?.mode).toBe(
        step.input.deploy ? 'deployed' : undefined,
      );
      expect(transport.requests.length > 0).toBe(step.input.deploy === true);
    },
  );

  it('writes the repository for the default example', async () => {
    const outputs = await run(clusterExampleInputs()[0]);
    expect(outputs.files).toEqual([
      'infra/cluster.json',
      'infra/cluster.parameters.json',
      'hub/egress-rules.json',
      'cluster-manifests/namespace-a0008.yaml',
      'cluster-manifests/serviceaccount-traefik-ingress-ilb.yaml',
      'cluster-manifests/clusterrole-traefik-ingress-ilb-a0008.yaml',
      'cluster-manifests/clusterrolebinding-traefik-ingress-ilb-a0008.yaml',
      'cluster-manifests/configmap-traefik-static-config.yaml',
      'cluster-manifests/configmap-traefik-dynamic-config.yaml',
      'cluster-manifests/secretproviderclass-traefik-ingress-tls-csi-akv.yaml',
      'cluster-manifests/tlsstore-default.yaml',
      'cluster-manifests/deployment-traefik-ingress-ilb.yaml',
      'cluster-manifests/service-traefik-ingress-ilb.yaml',
      'cluster-manifests/ingressclass-traefik-internal.yaml',
      'cluster-manifests/poddisruptionbudget-traefik-ingress-ilb.yaml',
      'cluster-manifests/crds/kustomization.yaml',
      'cluster-manifests/workload-identity.env',
      'cluster-manifests/kustomization.yaml',
      'catalog-info.yaml',
      'README.md',
    ]);
    const files = writtenFiles();
    expect(outputs.clusterResourceId).toBe(
      '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-aks-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu',
    );
    expect(parse(files['catalog-info.yaml'])).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: expect.objectContaining({
        name: 'aks-prod-weu',
        annotations: expect.objectContaining({
          'aks-baseline.io/resource-id': outputs.clusterResourceId,
          // The stamp contract (generators/cluster/catalogInfo.test.ts).
          'aks-baseline.io/stamp-entity-ref': 'resource:default/aks-prod-weu',
        }),
      }),
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
      },
    });
    const template = JSON.parse(files['infra/cluster.json']);
    expect(template.$schema).toContain('deploymentTemplate.json');
    expect(template.resources).toHaveLength(68);
    const readme = files['README.md'];
    // Nobody peers by hand: the deployment creates both sides, and the
    // README says what the deploying identity needs on the hub VNet.
    expect(readme).not.toMatch(/peer the spoke with the hub/i);
    for (const expected of [
      'creates both sides',
      'Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write',
      'Microsoft.Network/virtualNetworks/peer/action',
      'virtual-network-manage-peering#permissions',
      'vnet-westeurope-hub/to_vnet-spoke-aks-prod-weu',
      'az deployment group create',
      'gateway-external-pfx-cert',
      'traefik-ingress-internal-aks-ingress-tls',
      'appgw-ingress-internal-aks-ingress-tls',
      '*.aks-ingress.contoso.com',
      '**FW-01** (not-observed)',
    ]) {
      expect(readme).toContain(expected);
    }
    expect(outputs.summary).toMatch(/40 of 49 pass/);
    expect(outputs.summary).toContain("send to the stamp's own workspace la-");
  });

  describe("Traefik's CRDs in the workspace", () => {
    /** Traefik's own CRD file of the pinned release (shared/schemas, v3.7.9). */
    const realCrds = readFileSync(
      join(
        sharedDir('schemas'),
        'traefik-v3',
        'kubernetes-crd-definition-v1.yml',
      ),
      'utf8',
    );
    const withoutKind = (kind: string) =>
      parseAllDocuments(realCrds)
        .map(d => d.toJS())
        .filter(crd => crd?.spec?.names?.kind !== kind)
        .map(crd => stringify(crd))
        .join('---\n');

    it('accepts the fetched file, keeps it, and the README asks for no CRD step', async () => {
      workspace.setContent({ [TRAEFIK_CRDS_PATH]: realCrds });
      const outputs = await run(validClusterInput());
      const files = writtenFiles();
      expect(files[TRAEFIK_CRDS_PATH]).toBe(realCrds);
      expect(outputs.files).not.toContain(TRAEFIK_CRDS_PATH);
      expect(parse(files['cluster-manifests/crds/kustomization.yaml'])).toEqual(
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: ['traefik-crds-v3.7.9.yaml'],
        },
      );
      expect(files['README.md']).not.toContain('curl -fsSL');
    });

    it.each(['TLSStore', 'IngressRoute', 'Middleware', 'ServersTransport'])(
      'refuses a file without the %s CRD, naming it, and writes nothing',
      async kind => {
        workspace.setContent({ [TRAEFIK_CRDS_PATH]: withoutKind(kind) });
        const promise = run(validClusterInput());
        await expect(promise).rejects.toThrow(InputError);
        await expect(promise).rejects.toThrow(
          new RegExp(`does not define the CRDs of ${kind} `),
        );
        expect(Object.keys(writtenFiles())).toEqual([TRAEFIK_CRDS_PATH]);
      },
    );

    it('still accepts a file without a CRD nothing here uses', async () => {
      workspace.setContent({
        [TRAEFIK_CRDS_PATH]: withoutKind('IngressRouteUDP'),
      });
      await expect(run(validClusterInput())).resolves.toBeDefined();
    });

    it('refuses a file that is not YAML', async () => {
      workspace.setContent({ [TRAEFIK_CRDS_PATH]: 'kind: [unclosed' });
      await expect(run(validClusterInput())).rejects.toThrow(/not valid YAML/);
    });

    it('without the file, the README gives the command and the reason', async () => {
      await run(validClusterInput());
      const readme = writtenFiles()['README.md'];
      expect(readme).toContain(
        `curl -fsSL -o ${TRAEFIK_CRDS_PATH} \\\n    https://github.com/traefik/traefik/raw/v3.7.9/docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml`,
      );
      expect(readme).toContain(
        '*Manual because* this repository was generated without',
      );
    });
  });

  it('writes the same files in a dry run, and nothing else', async () => {
    const input = clusterExampleInputs()[1];
    const real = await run(input);
    const realFiles = writtenFiles();
    workspace.clear();
    const dry = await run(input, { isDryRun: true });
    expect(dry).toEqual(real);
    expect(writtenFiles()).toEqual(realFiles);
    expect(Object.keys(realFiles).every(f => f.startsWith('cluster/'))).toBe(
      true,
    );
  });

  describe('with deploy', () => {
    const input = clusterExampleInputs()[2];

    it("deploys through ARM and fills in Traefik's client id", async () => {
      const transport = new FakeArmTransport(
        deploymentScenario({ outputs: { traefikIdentityClientId: CLIENT_ID } }),
      );
      const outputs = await run(input, { transport });
      expect(outputs.deployment).toEqual({
        mode: 'deployed',
        message: 'Deployment aks-baseline-aks-dev-neu succeeded.',
      });
      const put = transport.requests.find(
        r => r.method === 'PUT' && ARM_PATHS.DEPLOYMENT.test(r.path),
      )!;
      expect(put.path).toMatch(
        /\/resourcegroups\/rg-aks-dev-neu\/.*\/deployments\/aks-baseline-aks-dev-neu$/,
      );
      const files = writtenFiles();
      expect(put.body.properties.template).toEqual(
        JSON.parse(files['infra/cluster.json']),
      );
      expect(put.body.properties.parameters).toEqual(
        JSON.parse(files['infra/cluster.parameters.json']).parameters,
      );
      expect(files['cluster-manifests/workload-identity.env']).toContain(
        `clientId=${CLIENT_ID}`,
      );
    });

    it('only validates in a dry run', async () => {
      const transport = new FakeArmTransport(deploymentScenario());
      const outputs = await run(input, { isDryRun: true, transport });
      expect(outputs.deployment?.mode).toBe('validated');
      expect(transport.requests.map(r => r.method)).toEqual(['HEAD', 'POST']);
      expect(
        writtenFiles()['cluster-manifests/workload-identity.env'],
      ).toContain('clientId=set-from-workload-identity-env');
    });

    it('fails with the per-resource errors of a failed deployment, writing nothing', async () => {
      const transport = new FakeArmTransport(
        deploymentScenario({ outcome: 'failed' }),
      );
      const promise = run(input, { transport });
      await expect(promise).rejects.toThrow(ArmDeploymentError);
      await expect(promise).rejects.toThrow(
        /agw-aks-prod-weu: ApplicationGatewayKeyVaultSecretAccessDenied/,
      );
      expect(writtenFiles()).toEqual({});
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['clusterName', { clusterName: 'aks\n---\nkind: ClusterRoleBinding' }],
    ['subscriptionId', { subscriptionId: '"quoted"' }],
    ['location', { location: 'usgovvirginia' }],
    ['kubernetesVersion', { kubernetesVersion: 'latest' }],
    ['nodeSubnetCidr', { nodeSubnetCidr: '10.240.0.0/25' }],
    ['appGatewaySubnetCidr', { appGatewaySubnetCidr: '10.240.5.0/27' }],
    ['ingressSubnetCidr', { ingressSubnetCidr: '10.241.4.0/28' }],
    ['serviceCidr', { serviceCidr: '10.240.0.0/16' }],
    ['firewallPrivateIp', { firewallPrivateIp: '8.8.8.8' }],
    ['keyVaultName', { keyVaultName: 'kv_aks' }],
    ['userNodeMinCount', { userNodeMinCount: 1 }],
    ['outputDir', { outputDir: '../escape' }],
    ['certificateSourceVaultId', { deploy: true }],
  ])(
    'rejects bad %s with an InputError and writes nothing',
    async (field, overrides) => {
      const promise = run(validClusterInput(overrides));
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(
        invalidFieldOpening(field, CREATE_CLUSTER_FIELD_LABELS),
      );
      expect(writtenFiles()).toEqual({});
    },
  );

  it("names the form's label of a bad field, its key in parentheses for API callers", async () => {
    await expect(
      run(validClusterInput({ firewallPrivateIp: '8.8.8.8' })),
    ).rejects.toThrow(
      'Invalid "Hub firewall private IP" (firewallPrivateIp): ',
    );
  });

  it('refuses an outputDir segment longer than a file name may be, writing nothing', async () => {
    // 256 bytes: one more than the file system takes in a name.
    const promise = run(
      validClusterInput({ outputDir: `out/${'x'.repeat(256)}` }),
    );
    await expect(promise).rejects.toThrow(InputError);
    await expect(promise).rejects.toThrow("Invalid input 'outputDir'");
    expect(writtenFiles()).toEqual({});
  });

  /*
   * The JSON schema (what the scaffolder and the form check) agrees with the
   * handler wherever a pattern or a range can say the rule.
   */
  describe('JSON schema', () => {
    const validate = new Ajv({ strict: false }).compile(
      createCreateClusterAction().schema!.input as object,
    );

    it('accepts every example', () => {
      for (const input of clusterExampleInputs()) {
        expect(validate(input)).toBe(true);
      }
    });

    it('is never wider than the handler: what it refuses, the handler refuses', () => {
      const schema = createCreateClusterAction().schema!.input as any;
      expect(
        acceptedDespiteSchema(
          schema,
          validClusterInput(),
          parseCreateClusterInput,
        ),
      ).toEqual([]);
    });

    it.each<[string, unknown]>([
      ['clusterName', 'aks--prod'],
      ['clusterName', 'a'.repeat(64)],
      ['clusterName', 'aks-prоd'], // Cyrillic 'о'
      ['subscriptionId', 'not-a-guid'],
      ['resourceGroup', 'rg.'],
      ['location', 'West Europe'],
      ['kubernetesVersion', 'v1.34'],
      ['systemNodeVmSize', 'D4ds_v5'],
      ['systemNodeCount', 0],
      ['userNodeMinCount', 1],
      ['userNodeMaxCount', 1001],
      ['vnetAddressSpace', '10.240.0.0/33'],
      ['dnsServiceIp', '172.16.0.010'],
      ['firewallPrivateIp', '10.200.0'],
      ['firewallResourceId', '/subscriptions/x'],
      ['ingressDomain', '*.contoso.com'],
      ['keyVaultName', 'kv--aks'],
      ['edgeCertificateName', 'edge_cert'],
      ['certificateSourceVaultId', '/subscriptions/x/vaults/y'],
      ['logAnalyticsWorkspaceId', 'la-aks'],
      ['traefikNamespace', 'Traefik'],
      ['outputDir', '/etc'],
      ['deploy', 'yes'],
      ['clustername', 'x'],
    ])('rejects %s = %j like the handler does', (field, value) => {
      const input = validClusterInput({ [field]: value });
      expect(validate(input)).toBe(false);
      expect(() => parseCreateClusterInput(input)).toThrow(InputError);
    });
  });
});
