import { InputError } from '@backstage/errors';
import Ajv from 'ajv';
import {
  formSchemaOf,
  loadTemplate,
  renderStepInput,
  Schema,
} from '../__testUtils__/templateForm';
import { parseCreateClusterInput } from '../validation/createClusterInput';
import {
  CRDS_DIR,
  TRAEFIK_CRDS_PATH,
  TRAEFIK_CRDS_URL,
  crdsKustomization,
} from '../generators/cluster/manifests/crds';
import { TRAEFIK_VERSION } from '../generators/cluster/manifests/images';
import { createCreateClusterAction } from './createCluster';

/*
 * The baseline-cluster template and the action agree: the form checks what
 * the action's schema checks, offers the action's defaults, and what it
 * collects is input the action accepts.
 */

const action = createCreateClusterAction();
const { template, step: clusterStep } = loadTemplate(
  'baseline-cluster',
  action.id,
);
const formSchema = formSchemaOf(template);
const actionSchema = action.schema!.input as Schema;

/** Form fields the template's steps use, not the action. */
const FORM_ONLY = ['repoUrl', 'fetchTraefikCrds', 'publishTo'];
/** Action inputs the template derives from other fields rather than asking. */
const DERIVED = ['gitopsRepositoryUrl'];

const SAMPLE_PARAMETERS = {
  clusterName: 'aks-prod-weu',
  owner: 'group:default/platform-team',
  subscriptionId: '6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b',
  resourceGroup: 'rg-aks-prod-weu',
  location: 'westeurope',
  kubernetesVersion: '1.34',
  systemNodeVmSize: 'Standard_D4ds_v5',
  systemNodeCount: 3,
  userNodeVmSize: 'Standard_D8ds_v5',
  userNodeMinCount: 2,
  userNodeMaxCount: 5,
  vnetAddressSpace: '10.240.0.0/16',
  nodeSubnetCidr: '10.240.0.0/22',
  ingressSubnetCidr: '10.240.4.0/28',
  privateEndpointsSubnetCidr: '10.240.4.32/28',
  appGatewaySubnetCidr: '10.240.5.0/24',
  serviceCidr: '172.16.0.0/16',
  firewallPrivateIp: '10.200.0.4',
  firewallResourceId:
    '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-westeurope',
  hubVirtualNetworkId:
    '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-westeurope-hub',
  ingressDomain: 'contoso.com',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  adminGroupObjectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  traefikNamespace: 'a0008',
  keyVaultName: 'kv-aks-prod-weu',
  edgeCertificateName: 'gateway-external-pfx-cert',
  ingressCertificateName: 'traefik-ingress-internal-aks-ingress-tls',
  backendRootCertificateName: 'appgw-ingress-internal-aks-ingress-tls',
  gitopsBranch: 'main',
  deploy: false,
  repoUrl: 'github.com?owner=contoso&repo=aks-prod-weu',
  publishTo: 'github',
};

/**
 * The step's input with Flux's URL as the scaffolder derives it from a
 * GitHub repoUrl (a conditional expression this file's renderer does not
 * evaluate; templatesDryRun.test.ts has the real scaffolder render it for
 * GitHub and Azure Repos URLs).
 */
function clusterStepInput(parameters: Record<string, unknown>) {
  return {
    ...renderStepInput(clusterStep, parameters),
    gitopsRepositoryUrl: 'https://github.com/contoso/aks-prod-weu',
  };
}

describe('templates/baseline-cluster/template.yaml', () => {
  it('is a v1beta3 Template: the action, publish:github or publish:azure, catalog:register', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.kind).toBe('Template');
    expect(template.spec.parameters.map((p: Schema) => p.title)).toEqual([
      'Cluster',
      'Network',
      'Identity',
      'Certificates',
      'Repository',
    ]);
    expect(template.spec.steps.map((s: Schema) => s.action)).toEqual([
      'fetch:plain:file',
      'aks-baseline:create-cluster',
      'publish:github',
      'publish:azure',
      'catalog:register',
      'catalog:register',
    ]);
    const [, , publish, publishAzure, register] = template.spec.steps;
    expect(publishAzure.input.sourcePath).toBe(clusterStep.input.outputDir);
    expect(publishAzure.input.defaultBranch).toBe(
      clusterStep.input.gitopsBranch,
    );
    expect(publish.input.sourcePath).toBe(clusterStep.input.outputDir);
    // Flux follows the branch the repository is created with.
    expect(publish.input.defaultBranch).toBe(clusterStep.input.gitopsBranch);
    expect(register.input).toEqual({
      repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}',
      catalogInfoPath: '${{ steps.cluster.output.catalogInfoPath }}',
    });
    expect(template.spec.output.links.map((l: Schema) => l.title)).toEqual([
      'Repository',
      'Azure Repos repository',
      'Open in catalog',
    ]);
  });

  it('passes every form field to the action, and only fields the action declares', () => {
    const passed = Object.keys(clusterStep.input).filter(
      k => k !== 'outputDir' && !DERIVED.includes(k),
    );
    expect(passed.sort()).toEqual(
      Object.keys(formSchema.properties)
        .filter(k => !FORM_ONLY.includes(k))
        .sort(),
    );
    for (const key of Object.keys(clusterStep.input)) {
      expect(actionSchema.properties).toHaveProperty([key]);
    }
  });

  it("validates each field with the action's patterns, limits and defaults", () => {
    const keywords = (schema: Schema) => ({
      type: schema.type,
      pattern: schema.pattern,
      maxLength: schema.maxLength,
      minimum: schema.minimum,
      maximum: schema.maximum,
    });
    const form: Record<string, unknown> = {};
    const act: Record<string, unknown> = {};
    for (const [name, field] of Object.entries<Schema>(formSchema.properties)) {
      if (FORM_ONLY.includes(name)) continue;
      const actField = actionSchema.properties[name];
      form[name] = keywords(field);
      act[name] = keywords(actField);
      if ('default' in actField) {
        form[`${name} default`] = field.default;
        act[`${name} default`] = actField.default;
      }
    }
    expect(form).toEqual(act);
  });

  it('requires what the action requires', () => {
    expect([...formSchema.required].sort()).toEqual(
      [
        ...actionSchema.required.filter((f: string) => !DERIVED.includes(f)),
        // The repository is required; the CRD fetch and where to publish
        // (download only) have defaults.
        'repoUrl',
      ].sort(),
    );
  });

  it('publishes to the repository the form names, on the branch Flux follows', () => {
    // How Flux's URL is derived from it: templatesDryRun.test.ts.
    for (const [publishAction, target] of [
      ['publish:github', 'github'],
      ['publish:azure', 'azure'],
    ]) {
      const publish = template.spec.steps.find(
        (s: Schema) => s.action === publishAction,
      );
      expect(publish.input.repoUrl).toBe('${{ parameters.repoUrl }}');
      expect(publish.if).toBe(`\${{ parameters.publishTo === '${target}' }}`);
    }
    const request = parseCreateClusterInput(
      clusterStepInput(SAMPLE_PARAMETERS),
    );
    expect(request.spec.gitops.branch).toBe('main');
  });

  it("fetches Traefik's CRDs, before the action, to exactly the file the crds kustomization lists", () => {
    const steps: Schema[] = template.spec.steps;
    const fetchIndex = steps.findIndex(s => s.action === 'fetch:plain:file');
    const clusterIndex = steps.indexOf(clusterStep);
    expect(fetchIndex).toBeGreaterThanOrEqual(0);
    expect(fetchIndex).toBeLessThan(clusterIndex);
    const fetch = steps[fetchIndex];
    // On unless the user says the portal cannot reach github.com.
    expect(fetch.if).toBe('${{ parameters.fetchTraefikCrds }}');
    const repository = template.spec.parameters.find(
      (p: Schema) => p.title === 'Repository',
    );
    expect(repository.properties.fetchTraefikCrds).toMatchObject({
      type: 'boolean',
      default: true,
    });
    const outputDir = clusterStep.input.outputDir.replace(/^\.\//, '');
    expect(fetch.input.url).toBe(TRAEFIK_CRDS_URL);
    expect(fetch.input.url).toContain(`/blob/${TRAEFIK_VERSION}/`);
    expect(fetch.input.targetPath.replace(/^\.\//, '')).toBe(
      `${outputDir}/${TRAEFIK_CRDS_PATH}`,
    );
    // The crds kustomization, next to the fetched file, lists exactly it.
    expect(
      crdsKustomization().resources.map(file => `${CRDS_DIR}/${file}`),
    ).toEqual([TRAEFIK_CRDS_PATH]);
  });

  it('collects input the action accepts', () => {
    const formValidate = new Ajv({ strict: false }).compile(formSchema);
    expect(formValidate(SAMPLE_PARAMETERS)).toBe(true);
    const input = clusterStepInput(SAMPLE_PARAMETERS);
    const actionValidate = new Ajv({ strict: false }).compile(actionSchema);
    expect(actionValidate(input)).toBe(true);
    const request = parseCreateClusterInput(input);
    expect(request.outputDir).toBe('cluster-repo');
    expect(request.spec.clusterName).toBe('aks-prod-weu');
  });

  it('rejects in the form what the action rejects', () => {
    const formValidate = new Ajv({ strict: false }).compile(formSchema);
    for (const [field, value] of [
      ['clusterName', 'aks\n---\nkind: ClusterRoleBinding'],
      ['clusterName', 'aks--prod'],
      ['resourceGroup', 'rg.'],
      ['kubernetesVersion', 'latest'],
      ['userNodeMinCount', 1],
      ['vnetAddressSpace', '10.240.0.0/33'],
      ['firewallPrivateIp', '10.200.0'],
      ['ingressDomain', '*.contoso.com'],
      ['tenantId', '"quoted"'],
      ['keyVaultName', 'kv--prod'],
      ['edgeCertificateName', 'edge_cert'],
    ] as const) {
      const parameters = { ...SAMPLE_PARAMETERS, [field]: value };
      expect({ field, valid: formValidate(parameters) }).toEqual({
        field,
        valid: false,
      });
      expect(() =>
        parseCreateClusterInput(clusterStepInput(parameters)),
      ).toThrow(InputError);
    }
  });
});
