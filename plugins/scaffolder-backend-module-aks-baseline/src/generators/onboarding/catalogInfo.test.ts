import {
  Entity,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  readArm,
} from '@aks-baseline/plugin-aks-baseline-common';
import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { catalogInfoEntity } from './catalogInfo';
import { traefikIngressNetworkPolicy } from './networkPolicies';

describe('catalogInfoEntity', () => {
  it.each(exampleRequests().map(r => [r.spec.appName, r.spec] as const))(
    '%s: is a valid Component the catalog accepts',
    async (_name, spec) => {
      const entity = catalogInfoEntity(spec) as Entity;
      // The checks the catalog runs when it ingests an entity.
      for (const policy of [
        new SchemaValidEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
      ]) {
        await expect(policy.enforce(entity)).resolves.toBe(entity);
      }
      await expect(
        componentEntityV1alpha1Validator.check(entity),
      ).resolves.toBe(true);
      expect(entity.metadata.annotations).toEqual({
        [ANNOTATION_CLUSTER]: spec.clusterRef,
        [ANNOTATION_NAMESPACE]: spec.namespace,
        [ANNOTATION_HOST]: spec.host,
        'backstage.io/kubernetes-id': spec.appName,
        'backstage.io/kubernetes-namespace': spec.namespace,
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${spec.appName}`,
      });
      // The Kubernetes plugin shows the pods Traefik may reach: the same labels.
      const selector =
        entity.metadata.annotations!['backstage.io/kubernetes-label-selector'];
      const policy = traefikIngressNetworkPolicy(spec);
      expect(
        Object.fromEntries(selector.split(',').map(term => term.split('='))),
      ).toEqual(readArm(policy, 'spec.podSelector.matchLabels'));
      expect(entity.spec?.owner).toBe(spec.ownerRef);
      expect(entity.metadata.links).toEqual([
        expect.objectContaining({ url: `https://${spec.host}` }),
      ]);
    },
  );
});
