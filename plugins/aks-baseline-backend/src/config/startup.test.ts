import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { aksBaselinePlugin } from '../plugin';

// Through the real backend wiring: the plugin's init reads the root config, so
// a misspelt option must fail the start-up itself, not a later refresh.
describe('aksBaselinePlugin start-up', () => {
  it('fails when aksBaseline holds an unknown key, naming it and its nearest valid spelling', async () => {
    await expect(
      startTestBackend({
        features: [
          aksBaselinePlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: { aksBaseline: { refresh: { frequencyMinutess: 5 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      "Plugin 'aks-baseline' startup failed; caused by Error: Invalid AKS baseline configuration: aksBaseline.refresh.frequencyMinutess is not a known option; did you mean frequencyMinutes?",
    );
  });
});
