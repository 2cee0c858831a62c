import { InputError } from '@backstage/errors';
import { CREATE_CLUSTER_ACTION_ID } from '../actions/createCluster';
import { createClusterInputFields } from '../actions/createClusterSchema';
import { ONBOARD_APP_ACTION_ID } from '../actions/onboardApp';
import { onboardAppInputFields } from '../actions/onboardAppSchema';
import { Schema, loadTemplate } from '../__testUtils__/templateForm';
import {
  CREATE_CLUSTER_FIELD_LABELS,
  FieldLabels,
  ONBOARD_APP_FIELD_LABELS,
  labelInvalidInputs,
  withFieldLabels,
} from './fieldLabels';

/**
 * The title the form shows for each step input: the title of the template
 * parameter its expression reads first (`parameters.repoUrl` inside a
 * parseRepoUrl expression, `parameters.clusterContract.keyVaultName`).
 * Inputs written as constants (output folders) have no form field.
 */
function formTitlesOf(folder: string, actionId: string) {
  const { template, step } = loadTemplate(folder, actionId);
  const root: Schema = {
    properties: Object.assign(
      {},
      ...template.spec.parameters.map((page: Schema) => page.properties),
    ),
  };
  const titles: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.input)) {
    const read = /parameters\.([\w.]+)/.exec(String(value));
    if (!read) continue;
    const field = read[1]
      .split('.')
      .reduce<Schema>((node, name) => node.properties[name], root);
    titles[key] = field.title;
  }
  return titles;
}

describe.each([
  [
    'baseline-cluster',
    CREATE_CLUSTER_ACTION_ID,
    createClusterInputFields,
    CREATE_CLUSTER_FIELD_LABELS,
    ['outputDir'],
  ],
  [
    'app-onboarding',
    ONBOARD_APP_ACTION_ID,
    onboardAppInputFields,
    ONBOARD_APP_FIELD_LABELS,
    // The stamp contract gives these three; the form has no field for them.
    [
      'outputDir',
      'platformOutputDir',
      'keyVaultDnsSuffix',
      'routingRulePriority',
      'traefikPodLabels',
    ],
  ],
] as Array<[string, string, object, FieldLabels, string[]]>)(
  'the labels of %s',
  (folder, actionId, inputFields, labels, notFromForm) => {
    const titles = formTitlesOf(folder, actionId);

    it("are the template's field titles, one for every input the form fills", () => {
      expect(labels).toEqual(titles);
    });

    it('cover every input the action validates but the ones no form field gives', () => {
      const unlabelled = Object.keys(inputFields).filter(
        key => !(key in labels),
      );
      expect(unlabelled.sort()).toEqual([...notFromForm].sort());
    });
  },
);

describe('labelInvalidInputs', () => {
  const labels = {
    host: 'Public host name',
    egress: 'Allowed destinations',
  };

  it('names the label and keeps the key, nested paths included, for every field at fault', () => {
    expect(
      labelInvalidInputs(
        "Invalid input 'host': must be a DNS name; got \"x\". Invalid input 'egress[0].ports[1].port': must be a port",
        labels,
      ),
    ).toBe(
      'Invalid "Public host name" (host): must be a DNS name; got "x". Invalid "Allowed destinations" (egress[0].ports[1].port): must be a port',
    );
  });

  it('leaves a key without a label, or one only inherited from Object, as it was', () => {
    const message =
      "Invalid input 'outputDir': must be a relative path. Invalid input 'constructor': must be known";
    expect(labelInvalidInputs(message, labels)).toBe(message);
  });
});

describe('withFieldLabels', () => {
  it('throws an InputError again with the labels', () => {
    const original = new InputError("Invalid input 'host': must be a name");
    let thrown: unknown;
    try {
      withFieldLabels({ host: 'Public host name' }, () => {
        throw original;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect(thrown).toMatchObject({
      message: 'Invalid "Public host name" (host): must be a name',
    });
  });

  it('lets other errors through untouched and returns what parse returns', () => {
    const failure = new TypeError('bug');
    expect(() =>
      withFieldLabels({}, () => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(withFieldLabels({}, () => 42)).toBe(42);
  });
});
