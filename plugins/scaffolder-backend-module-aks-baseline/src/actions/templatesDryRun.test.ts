import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import azureModule from '@backstage/plugin-scaffolder-backend-module-azure';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import request from 'supertest';
import { acceptedByCatalog } from '../__testUtils__/catalogEntities';
import { clusterExampleRequests } from '../__testUtils__/clusterFixtures';
import { loadTemplate, Schema } from '../__testUtils__/templateForm';
import { clusterCatalogEntity } from '../generators/cluster/catalogInfo';
import { scaffolderModuleAksBaseline } from '../module';

/*
 * Both templates, dry-run by the real scaffolder backend (the template
 * editor's POST /v2/dry-run) with the maintained GitHub and Azure DevOps
 * publish modules installed and no token configured: "download" publishes
 * nothing and still answers 200 with the files and the summary; an Azure
 * Repos URL runs publish:azure (and no GitHub step) with the URL the form
 * collected.
 */

jest.setTimeout(120_000);

const { template: onboarding } = loadTemplate('app-onboarding', '');
const { template: cluster } = loadTemplate('baseline-cluster', '');

/** A dry run's log, as the editor shows it (one message per entry). */
type DryRunBody = {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: { path: string }[];
  output: { text?: { title: string; content?: string }[]; links?: Schema[] };
  steps: { id: string }[];
};

async function startScaffolder(clusterEntity: object) {
  return startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      azureModule,
      scaffolderModuleAksBaseline,
      catalogServiceMock.factory({ entities: [clusterEntity as any] }),
      // No integrations.github / integrations.azure token: what a new portal has.
      mockServices.rootConfig.factory({
        data: { backend: { baseUrl: 'http://localhost:7007' } },
      }),
    ],
  });
}

/** The steps whose action the run rendered and ran (or dry-ran), in order. */
function ranSteps(body: DryRunBody): string[] {
  return body.log
    .filter(entry => /in dry-run mode with inputs/.test(entry.body.message))
    .map(entry => entry.body.stepId!);
}

/** The output links the task page shows (those with a URL or an entity). */
function shownLinks(body: DryRunBody): string[] {
  return (body.output.links ?? [])
    .filter(link => link.url || link.entityRef)
    .map(link => link.title);
}

/** The steps the run skipped because their `if` was false. */
function skippedSteps(body: DryRunBody): string[] {
  return body.log
    .filter(entry =>
      /because its if condition was false/.test(entry.body.message),
    )
    .map(entry => entry.body.stepId!);
}

/** The input the dry run logged for a step's action (secrets redacted). */
function loggedInput(body: DryRunBody, stepId: string): Schema {
  const entry = body.log.find(
    e =>
      e.body.stepId === stepId &&
      /in dry-run mode with inputs/.test(e.body.message),
  );
  if (!entry) throw new Error(`no input logged for step ${stepId}`);
  return JSON.parse(entry.body.message.replace(/^[^{]*/, ''));
}

async function dryRun(
  backend: Awaited<ReturnType<typeof startScaffolder>>,
  template: Schema,
  values: Schema,
) {
  return request(backend.server)
    .post('/api/scaffolder/v2/dry-run')
    .send({ template, values, secrets: {}, directoryContents: [] });
}

describe('templates dry-run by the scaffolder without a token', () => {
  const [{ spec: clusterSpec }] = clusterExampleRequests();
  let backend: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    const entity = await acceptedByCatalog(clusterCatalogEntity(clusterSpec));
    backend = await startScaffolder(entity);
  });
  afterAll(() => backend?.stop());

  const onboardingValues = {
    appName: 'payments',
    owner: 'group:default/team-a',
    cluster: `resource:default/${clusterSpec.clusterName}`,
    host: `payments.${clusterSpec.ingressDomain}`,
    targetPort: '8080',
    certificateName: 'payments-tls',
    // The example cluster's contract has no certificate reader yet (its
    // owner adds it once deployed): the form asks for it.
    clusterContract: {
      certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
    },
  };

  it('onboarding, download only: 200, the files and the summary, no publish step', async () => {
    const res = await dryRun(backend, onboarding, {
      ...onboardingValues,
      publishTo: 'download',
    });
    expect(res.status).toBe(200);
    const body = res.body as DryRunBody;
    expect(ranSteps(body)).toEqual(['onboard']);
    expect(skippedSteps(body)).toEqual([
      'publish',
      'publish-azure',
      'register',
      'register-azure',
    ]);
    expect(body.directoryContents.map(f => f.path)).toContain(
      'cluster-repo/catalog-info.yaml',
    );
    const text = Object.fromEntries(
      (body.output.text ?? []).map(t => [t.title, t.content ?? '']),
    );
    expect(text['What was generated and what is left to do']).toMatch(
      /payments/,
    );
    expect(text['Generated files']).toContain(
      '#### `cluster-repo/catalog-info.yaml`',
    );
    // Nothing registered, so no catalog link; the app's URL stays.
    expect(shownLinks(body)).toEqual(['App URL']);
  });

  it('onboarding to Azure DevOps: publish:azure with the dev.azure.com URL, no GitHub step', async () => {
    const repoUrl =
      'dev.azure.com?organization=contoso&project=platform&repo=payments-gitops';
    const res = await dryRun(backend, onboarding, {
      ...onboardingValues,
      publishTo: 'azure',
      repoUrl,
    });
    expect(res.status).toBe(200);
    const body = res.body as DryRunBody;
    expect(skippedSteps(body)).toEqual(['publish', 'register']);
    expect(ranSteps(body)).toEqual([
      'onboard',
      'publish-azure',
      'register-azure',
    ]);
    expect(shownLinks(body)).toContain('Open in catalog');
    expect(loggedInput(body, 'publish-azure')).toEqual({
      repoUrl,
      description: `Onboard payments onto resource:default/${clusterSpec.clusterName}`,
      sourcePath: './cluster-repo',
      defaultBranch: 'main',
    });
  });

  const clusterValues = {
    clusterName: 'aks-dryrun-weu',
    owner: 'group:default/platform-team',
    subscriptionId: clusterSpec.subscriptionId,
    resourceGroup: 'rg-aks-dryrun-weu',
    location: 'westeurope',
    firewallPrivateIp: clusterSpec.firewall.privateIp,
    firewallResourceId: clusterSpec.firewall.resourceId,
    hubVirtualNetworkId: clusterSpec.hub.id,
    ingressDomain: 'contoso.com',
    tenantId: clusterSpec.entra.tenantId,
    adminGroupObjectId: clusterSpec.entra.adminGroupObjectId,
    keyVaultName: 'kv-aks-dryrun-weu',
    fetchTraefikCrds: false,
    gitopsBranch: 'main',
  };

  it('cluster to Azure DevOps: Flux clones the Azure Repos URL, publish:azure pushes it', async () => {
    const repoUrl =
      'dev.azure.com?organization=contoso&project=platform&repo=aks-dryrun-weu';
    const res = await dryRun(backend, cluster, {
      ...clusterValues,
      publishTo: 'azure',
      repoUrl,
    });
    expect(res.status).toBe(200);
    const body = res.body as DryRunBody;
    expect(skippedSteps(body)).toEqual(['traefik-crds', 'publish', 'register']);
    expect(ranSteps(body)).toEqual([
      'cluster',
      'publish-azure',
      'register-azure',
    ]);
    expect(loggedInput(body, 'cluster').gitopsRepositoryUrl).toBe(
      'https://dev.azure.com/contoso/platform/_git/aks-dryrun-weu',
    );
    expect(loggedInput(body, 'publish-azure')).toMatchObject({
      repoUrl,
      sourcePath: './cluster-repo',
      defaultBranch: 'main',
    });
  });

  it('cluster, download only: 200 with the summary and nothing published', async () => {
    const res = await dryRun(backend, cluster, {
      ...clusterValues,
      publishTo: 'download',
      repoUrl: 'github.com?owner=contoso&repo=aks-dryrun-weu',
    });
    expect(res.status).toBe(200);
    const body = res.body as DryRunBody;
    expect(ranSteps(body)).toEqual(['cluster']);
    expect(skippedSteps(body)).toEqual([
      'traefik-crds',
      'publish',
      'publish-azure',
      'register',
      'register-azure',
    ]);
    expect(loggedInput(body, 'cluster').gitopsRepositoryUrl).toBe(
      'https://github.com/contoso/aks-dryrun-weu',
    );
    expect(
      (body.output.text ?? []).find(t => /next steps/.test(t.title))?.content,
    ).toBeTruthy();
  });
});
