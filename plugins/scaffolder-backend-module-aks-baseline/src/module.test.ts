import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAksBaseline } from './module';

describe('scaffolderModuleAksBaseline', () => {
  it('registers the aks-baseline actions with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleAksBaseline, catalogServiceMock.factory()],
    });
    const ids = addActions.mock.calls.flat().map(action => action.id);
    expect(ids).toEqual([
      'aks-baseline:onboard-app',
      'aks-baseline:create-cluster',
    ]);
  });
});
