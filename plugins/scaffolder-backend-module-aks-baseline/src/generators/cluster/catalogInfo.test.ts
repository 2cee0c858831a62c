import { readStampContract } from '@aks-baseline/plugin-aks-baseline-common';
import { acceptedByCatalog } from '../../__testUtils__/catalogEntities';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { SPEC_READERS } from '../../__testUtils__/yamlReaders';
import { toYaml } from '../serialize';
import {
  clusterCatalogEntity,
  clusterEntityRef,
  clusterStampContract,
} from './catalogInfo';

describe("the cluster's catalog entity", () => {
  it.each(clusterExampleRequests().map(r => [r.spec.clusterName, r.spec]))(
    '%s: the catalog accepts it and it carries the stamp contract',
    async (_name, spec) => {
      const stored = await acceptedByCatalog(clusterCatalogEntity(spec));
      expect(stored.metadata.namespace).toBe('default');
      expect(clusterEntityRef(spec)).toBe(
        `resource:default/${spec.clusterName}`,
      );
      expect(readStampContract(stored)).toEqual({
        status: 'valid',
        contract: clusterStampContract(spec),
      });
    },
  );

  it.each(
    clusterExampleRequests().flatMap(r =>
      SPEC_READERS.map(
        reader => [r.spec.clusterName, reader.name, r.spec, reader] as const,
      ),
    ),
  )(
    '%s: catalog-info.yaml read by %s gives back the same contract',
    (_name, _reader, spec, reader) => {
      const [read] = reader.read(toYaml(clusterCatalogEntity(spec)));
      expect(readStampContract(read as any)).toEqual({
        status: 'valid',
        contract: clusterStampContract(spec),
      });
    },
  );
});
