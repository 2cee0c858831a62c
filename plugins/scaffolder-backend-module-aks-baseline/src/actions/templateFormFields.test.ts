import { Schema, loadTemplate } from '../__testUtils__/templateForm';
import { CREATE_CLUSTER_ACTION_ID } from './createCluster';
import { ONBOARD_APP_ACTION_ID } from './onboardApp';

/** Every schema node of the form, with its path (dependencies' branches included). */
function* schemaNodes(
  node: unknown,
  path: string,
): Generator<[string, Schema]> {
  if (node === null || typeof node !== 'object') return;
  if (!Array.isArray(node)) yield [path, node as Schema];
  for (const [key, child] of Object.entries(node)) {
    yield* schemaNodes(child, `${path}.${key}`);
  }
}

describe.each([
  ['baseline-cluster', CREATE_CLUSTER_ACTION_ID],
  ['app-onboarding', ONBOARD_APP_ACTION_ID],
])('the %s form', (folder, actionId) => {
  const nodes = [
    ...schemaNodes(
      loadTemplate(folder, actionId).template.spec.parameters,
      'parameters',
    ),
  ];

  it('types the repository as plain text, so the first click on Review sees it', () => {
    // The picker's suggesting boxes (freeSolo, autoSelect) commit the typed
    // owner and repository only on blur: the Review click validated the value
    // from before, failing once.
    const pickers = nodes.filter(([, n]) => n['ui:field'] === 'RepoUrlPicker');
    expect(pickers.length).toBeGreaterThan(0);
    for (const [path, picker] of pickers) {
      expect({ path, options: picker['ui:options'] }).toEqual({
        path,
        options: expect.objectContaining({ disableRepoAutocomplete: true }),
      });
    }
  });

  it("titles every list's items, so an item is not named '<list title>-1'", () => {
    for (const [path, list] of nodes.filter(([, n]) => n.type === 'array')) {
      expect({ path, title: list.items?.title }).toEqual({
        path,
        title: expect.stringMatching(/\S/),
      });
    }
  });
});
