import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  aksBaselineCertificatesCard,
  aksBaselineEntityContent,
} from './alpha';

const entity = (kind: string, annotations = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

// The entity extensions are exported as plain ExtensionDefinitions (see
// alpha.tsx), so the tester's typed `get` does not know their outputs.
function outputsOf(extension: typeof aksBaselineEntityContent) {
  const tester = createExtensionTester(extension) as unknown as {
    get(ref: { id: string }): unknown;
  };
  return tester;
}

describe('the /alpha plugin', () => {
  it('adds the "AKS Baseline" tab where it is relevant', () => {
    const tab = outputsOf(aksBaselineEntityContent);

    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('AKS Baseline');
    expect(tab.get(coreExtensionData.routePath)).toBe('aks-baseline');
    const filter = tab.get(EntityContentBlueprint.dataRefs.filterFunction) as (
      e: Entity,
    ) => boolean;
    expect(filter(entity('Component'))).toBe(true);
    expect(filter(entity('System'))).toBe(false);
  });

  it('offers cards only for annotated entities', () => {
    const card = outputsOf(aksBaselineCertificatesCard);

    const filter = card.get(EntityCardBlueprint.dataRefs.filterFunction) as (
      e: Entity,
    ) => boolean;
    expect(filter(entity('Component'))).toBe(false);
    expect(
      filter(
        entity('Component', {
          'aks-baseline.io/cluster': 'resource:default/aks-prod-weu',
        }),
      ),
    ).toBe(true);
  });

  it('is the aks-baseline plugin', () => {
    expect(plugin.id).toBe('aks-baseline');
  });
});
