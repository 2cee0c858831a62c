import Ajv from 'ajv';
import {
  formSchemaOf,
  loadTemplate,
  renderStepInput,
  Schema,
} from '../__testUtils__/templateForm';
import { parseOnboardAppInput } from '../validation/onboardAppInput';
import { createOnboardAppAction } from './onboardApp';

/*
 * The app-onboarding template and the action agree: the form checks what the
 * action checks, and what the form collects is input the action accepts.
 */

const action = createOnboardAppAction();
const { template, step: onboardStep } = loadTemplate(
  'app-onboarding',
  action.id,
);
const formSchema = formSchemaOf(template);
const actionSchema = action.schema!.input as Schema;

const SAMPLE_PARAMETERS = {
  appName: 'my-app',
  owner: 'group:default/team-a',
  cluster: 'resource:default/aks-prod-weu',
  host: 'my-app.apps.contoso.com',
  servicePort: 80,
  targetPort: '8080',
  healthProbePath: '/',
  clusterContract: {
    ingressDomain: 'apps.contoso.com',
    traefikNamespace: 'a0008',
    appGatewaySubnetCidr: '10.240.5.0/24',
    keyVaultName: 'kv-aks-prod-weu',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
  },
  certificateName: 'my-app-tls',
  egress: [{ cidr: '20.50.0.0/16', ports: [{ port: 443, protocol: 'TCP' }] }],
  publishTo: 'github',
  repoUrl: 'github.com?owner=contoso&repo=aks-prod-weu-gitops',
};

/**
 * The form's fields by the action input each fills: the pages' fields, and
 * those of the "What the cluster says" object (its custom field fills them
 * from the cluster's stamp contract).
 */
const FORM_FIELDS: Record<string, Schema> = (() => {
  const {
    clusterContract,
    publishTo: _publishTo,
    ...top
  } = formSchema.properties as Record<string, Schema>;
  return { ...top, ...clusterContract.properties };
})();

/** SAMPLE_PARAMETERS with one field (top-level or in the contract) replaced. */
function withField(field: string, value: unknown) {
  return field in SAMPLE_PARAMETERS.clusterContract
    ? {
        ...SAMPLE_PARAMETERS,
        clusterContract: {
          ...SAMPLE_PARAMETERS.clusterContract,
          [field]: value,
        },
      }
    : { ...SAMPLE_PARAMETERS, [field]: value };
}

describe('templates/app-onboarding/template.yaml', () => {
  it('is a v1beta3 Template that calls the action and publishes the result', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.kind).toBe('Template');
    expect(template.spec.steps.map((s: Schema) => s.action)).toEqual([
      'aks-baseline:onboard-app',
      'publish:github:pull-request',
      'publish:azure',
      'catalog:register',
      'catalog:register',
    ]);
    const [, publish, publishAzure] = template.spec.steps;
    expect(publish.input.sourcePath).toBe(onboardStep.input.outputDir);
    expect(publishAzure.input.sourcePath).toBe(onboardStep.input.outputDir);
  });

  it('passes only inputs the action declares', () => {
    for (const key of Object.keys(onboardStep.input)) {
      expect(actionSchema.properties).toHaveProperty([key]);
    }
  });

  it("validates each field with the action's patterns and limits", () => {
    // Per field: the form's keywords, and the action's, side by side.
    const form: Record<string, unknown> = {};
    const act: Record<string, unknown> = {};
    const keywordsOf = (schema: Schema, numeric: Schema) => ({
      pattern: schema.pattern,
      maxLength: schema.maxLength,
      minimum: numeric.minimum,
      maximum: numeric.maximum,
    });
    const compare = (formField: Schema, actField: Schema, path: string) => {
      // targetPort is a number or a string in the action, a string in the form.
      const actString =
        actField.anyOf?.find((s: Schema) => s.type === 'string') ?? actField;
      form[path] = keywordsOf(formField, formField);
      act[path] = keywordsOf(actString, actField);
    };
    for (const [name, field] of Object.entries<Schema>(FORM_FIELDS)) {
      compare(field, actionSchema.properties[name], name);
    }
    const formEgress = FORM_FIELDS.egress.items.properties;
    const actEgress = actionSchema.properties.egress.items.properties;
    for (const name of ['namespace', 'cidr']) {
      compare(formEgress[name], actEgress[name], `egress.${name}`);
    }
    compare(
      formEgress.ports.items.properties.port,
      actEgress.ports.items.properties.port,
      'egress.ports.port',
    );
    expect(form).toEqual(act);
    const checked = Object.keys(form);
    expect(checked).toContain('host');
    expect(checked).toContain('keyVaultName');
  });

  it('collects input the action accepts', () => {
    const formValidate = new Ajv({ strict: false }).compile(formSchema);
    expect(formValidate(SAMPLE_PARAMETERS)).toBe(true);

    const input = renderStepInput(onboardStep, SAMPLE_PARAMETERS);
    const actionValidate = new Ajv({ strict: false }).compile(actionSchema);
    expect(actionValidate(input)).toBe(true);
    const { spec, dirs } = parseOnboardAppInput(input);
    expect(spec.targetPort).toBe(8080);
    expect(dirs.cluster).toBe('cluster-repo');
  });

  it('rejects in the form what the action rejects', () => {
    const formValidate = new Ajv({ strict: false }).compile(formSchema);
    for (const [field, value] of [
      ['appName', 'a\n---\nkind: ClusterRoleBinding'],
      ['host', '{x: 1}'],
      ['host', 'my-аpp.contoso.com'],
      ['keyVaultName', 'kv--prod'],
      ['tenantId', '"quoted"'],
      ['targetPort', '70000'],
      ['appGatewaySubnetCidr', '10.240.5.0/33'],
    ]) {
      expect({
        field,
        valid: formValidate(withField(field, value)),
      }).toEqual({ field, valid: false });
    }
  });
});
