import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { InputError } from '@backstage/errors';
import Ajv from 'ajv';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { acceptedDespiteSchema } from '../__testUtils__/schemaAgreement';
import { runOnboardAction } from '../__testUtils__/actionRuns';
import { clusterExampleRequests } from '../__testUtils__/clusterFixtures';
import { exampleInputs, validInput } from '../__testUtils__/onboardingFixtures';
import { clusterCatalogEntity } from '../generators/cluster/catalogInfo';
import { parseOnboardAppInput } from '../validation/onboardAppInput';
import { ONBOARD_APP_FIELD_LABELS } from '../validation/fieldLabels';
import { invalidFieldOpening } from '../__testUtils__/fieldMessages';
import { createOnboardAppAction } from './onboardApp';
import { examples } from './onboardApp.examples';
import { onboardAppInputFields } from './onboardAppSchema';

describe('aks-baseline:onboard-app', () => {
  const action = createOnboardAppAction();
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const exampleCatalogAction = createOnboardAppAction({
    catalog: catalogServiceMock({
      entities: clusterExampleRequests().map(
        ({ spec }) => clusterCatalogEntity(spec) as Entity,
      ),
    }),
  });

  const run = (
    input: Record<string, unknown>,
    isDryRun = false,
    runner = action,
  ) => runOnboardAction(runner, input, workspace.path, isDryRun);

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
    walk(workspace.content() ?? {}, '');
    return flat;
  }

  it('declares its identity, dry-run support and a described schema', () => {
    expect(action.id).toBe('aks-baseline:onboard-app');
    expect(action.supportsDryRun).toBe(true);
    const input = action.schema?.input as any;
    expect(Object.keys(input.properties).sort()).toEqual(
      Object.keys(onboardAppInputFields).sort(),
    );
    for (const [field, schema] of Object.entries<any>(input.properties)) {
      expect({ field, description: schema.description }).toEqual({
        field,
        description: expect.stringMatching(/\w/),
      });
    }
    expect(input.required.sort()).toEqual(
      [
        'appName',
        'owner',
        'cluster',
        'host',
        'targetPort',
        // keyVaultName, tenantId and certificateReaderClientId default to
        // the cluster's stamp contract (generators/onboarding/clusterContract.test.ts).
        'certificateName',
      ].sort(),
    );
    expect(Object.keys((action.schema?.output as any).properties)).toEqual([
      'files',
      'appUrl',
      'summary',
      'filesMarkdown',
    ]);
  });

  it.each(examples.map((e, i) => [e.description, i] as const))(
    'example: %s',
    async (_description, index) => {
      const step = parse(examples[index].example).steps[0];
      expect(step.action).toBe(action.id);
      // As in a portal where create-cluster's example clusters are registered.
      const outputs = await run(step.input, false, exampleCatalogAction);

      const written = writtenFiles();
      expect(Object.keys(written).sort()).toEqual([...outputs.files].sort());
      expect(outputs.files.some(f => f.endsWith('/kustomization.yaml'))).toBe(
        true,
      );
      expect(outputs.files.some(f => f.endsWith('/catalog-info.yaml'))).toBe(
        true,
      );
      expect(outputs.appUrl).toBe(`https://${step.input.host}`);
      expect(outputs.summary).toContain(step.input.appName);
    },
  );

  it('writes the default example into ./cluster-repo and ./platform-infra', async () => {
    const { files } = await run(exampleInputs()[0]);
    expect(files).toEqual([
      'cluster-repo/namespace-my-app.yaml',
      'cluster-repo/networkpolicy-default-deny.yaml',
      'cluster-repo/networkpolicy-allow-dns-egress.yaml',
      'cluster-repo/networkpolicy-allow-ingress-from-traefik.yaml',
      'cluster-repo/serviceaccount-my-app.yaml',
      'cluster-repo/secretproviderclass-my-app-tls-csi-akv.yaml',
      'cluster-repo/ingressroute-my-app.yaml',
      'cluster-repo/kustomization.yaml',
      'cluster-repo/catalog-info.yaml',
      'cluster-repo/README.md',
      'platform-infra/appgateway-my-app.json',
    ]);
    expect(readFileSync(join(workspace.path, files[9]), 'utf8')).toContain(
      'mounted by at least one pod',
    );
  });

  it('writes the same files in a dry run, and nothing else', async () => {
    const input = exampleInputs()[1];
    const real = await run(input);
    const realFiles = writtenFiles();
    workspace.clear();
    const dry = await run(input, true);
    expect(dry).toEqual(real);
    expect(writtenFiles()).toEqual(realFiles);
  });

  it.each<[string, Record<string, unknown>]>([
    ['namespace', { namespace: 'kube-system' }],
    ['host', { host: 'a\n---\nkind: ClusterRoleBinding' }],
    ['keyVaultName', { keyVaultName: '{x: 1}' }],
    ['tenantId', { tenantId: '"quoted"' }],
    ['appName', { appName: 'my-аpp' }],
    ['appGatewaySubnetCidr', { appGatewaySubnetCidr: '10.0.0.1/8' }],
    ['targetPort', { targetPort: 0 }],
    ['outputDir', { outputDir: '../escape' }],
    [
      'egress[0].ports[0].port',
      { egress: [{ cidr: '10.0.0.0/8', ports: [{ port: 65536 }] }] },
    ],
  ])(
    'rejects bad %s with an InputError and writes nothing',
    async (field, overrides) => {
      const promise = run(validInput(overrides));
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(
        invalidFieldOpening(field, ONBOARD_APP_FIELD_LABELS),
      );
      expect(writtenFiles()).toEqual({});
    },
  );

  it("names the form's label of a bad field, its key and path in parentheses", async () => {
    await expect(
      run(
        validInput({
          egress: [{ cidr: '10.0.0.0/8', ports: [{ port: 65536 }] }],
        }),
      ),
    ).rejects.toThrow(
      'Invalid "Allowed destinations" (egress[0].ports[0].port): ',
    );
  });

  describe('folder names the file system takes', () => {
    // The file system's own limit: a name (one path segment) of 255 bytes.
    const segment = (length: number) => `d${'x'.repeat(length - 1)}`;

    it('is the limit this file system has', () => {
      expect(() => mkdirSync(join(workspace.path, segment(256)))).toThrow(
        expect.objectContaining({ code: 'ENAMETOOLONG' }),
      );
      expect(() => mkdirSync(join(workspace.path, segment(255)))).not.toThrow();
    });

    it.each(['outputDir', 'platformOutputDir'])(
      'writes %s with a segment of 255 characters',
      async field => {
        const { files } = await run(
          validInput({ [field]: `apps/${segment(255)}` }),
        );
        expect(files.some(f => f.startsWith(`apps/${segment(255)}/`))).toBe(
          true,
        );
      },
    );

    it.each(['outputDir', 'platformOutputDir'])(
      'refuses %s with a longer segment as bad input, writing nothing',
      async field => {
        const promise = run(validInput({ [field]: `apps/${segment(256)}` }));
        await expect(promise).rejects.toThrow(InputError);
        await expect(promise).rejects.toThrow(
          invalidFieldOpening(field, ONBOARD_APP_FIELD_LABELS),
        );
        expect(writtenFiles()).toEqual({});
      },
    );
  });

  /*
   * The JSON schema (what the scaffolder and the form check) agrees with the
   * handler wherever a pattern or a range can express the rule.
   */
  describe('JSON schema', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(action.schema!.input as object);

    it('accepts every example', () => {
      for (const input of exampleInputs()) {
        expect(validate(input)).toBe(true);
      }
    });

    it('is never wider than the handler: what it refuses, the handler refuses', () => {
      const valid = validInput({
        egress: [
          {
            namespace: 'db',
            podLabels: { app: 'postgres' },
            ports: [{ port: 5432, protocol: 'TCP' }],
          },
          { cidr: '10.0.0.0/8', ports: [{ port: 443 }] },
        ],
      });
      expect(
        acceptedDespiteSchema(
          action.schema!.input as any,
          valid,
          parseOnboardAppInput,
          [
            ['traefikPodLabels', 'app.kubernetes.io/name'],
            ['egress', 0, 'namespace'],
            ['egress', 0, 'podLabels', 'app'],
            ['egress', 0, 'ports', 0, 'port'],
            ['egress', 0, 'ports', 0, 'protocol'],
            ['egress', 1, 'cidr'],
          ],
        ),
      ).toEqual([]);
    });

    it.each<[string, unknown]>([
      ['appName', 'My_App'],
      ['appName', 'a\n---\nkind: ClusterRoleBinding'],
      ['appName', 'my-аpp'],
      ['namespace', '{x: 1}'],
      ['host', '*.contoso.com'],
      ['host', 'my-app.contoso.com`)'],
      ['servicePort', 0],
      ['targetPort', 'HTTP'],
      ['targetPort', 70000],
      ['traefikNamespace', 'A0008'],
      ['traefikPodLabels', { 'bad key': 'x' }],
      ['traefikPodLabels', { app: '"quoted"' }],
      ['appGatewaySubnetCidr', '10.240.5.0/33'],
      ['keyVaultName', 'kv--prod'],
      ['keyVaultName', '1kv'],
      ['tenantId', 'not-a-guid'],
      ['certificateName', 'my_cert'],
      ['healthProbePath', 'healthz'],
      ['routingRulePriority', 20001],
      ['outputDir', '../escape'],
      ['outputDir', '/etc'],
      ['hots', 'x'],
    ])('rejects %s = %j like the handler does', (field, value) => {
      const input = validInput({ [field]: value });
      expect(validate(input)).toBe(false);
      expect(() => parseOnboardAppInput(input)).toThrow(InputError);
    });
  });
});
