import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { clusterCatalogEntity } from '../generators/cluster/catalogInfo';
import { toYaml } from '../generators/serialize';
import { clusterExampleRequests } from './clusterFixtures';
import { SPEC_READERS } from './yamlReaders';

/*
 * Catalog entities as the catalog would hold them: checked by the catalog
 * model's own policies (those the catalog backend applies to every entity)
 * and kind validators, and read back from the YAML the actions write.
 * Test-only.
 */

const catalogPolicies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const KIND_VALIDATORS: Record<string, typeof resourceEntityV1alpha1Validator> =
  {
    Resource: resourceEntityV1alpha1Validator,
    Component: componentEntityV1alpha1Validator,
  };

/**
 * The entity as the catalog stores it (namespace defaulted), or a throw
 * naming what the catalog's policies or the kind's validator refuse.
 */
export async function acceptedByCatalog(entity: object): Promise<Entity> {
  const stored = await catalogPolicies.enforce(entity as Entity);
  if (!stored) throw new Error('the catalog policies returned no entity');
  const validator = KIND_VALIDATORS[stored.kind];
  if (!validator || !(await validator.check(stored))) {
    throw new Error(`no ${stored.kind} validator accepts the entity`);
  }
  return stored;
}

/**
 * Each create-cluster example's catalog entity, as written to
 * catalog-info.yaml, read back by a YAML 1.2 reader (as the catalog reads)
 * and stored through the catalog's policies: what onboarding finds when it
 * asks the catalog for the cluster.
 */
export async function generatedClusterEntities(): Promise<
  {
    spec: ReturnType<typeof clusterExampleRequests>[number]['spec'];
    entity: Entity;
  }[]
> {
  const yaml12 = SPEC_READERS.find(reader => reader.name === 'yaml 1.2')!;
  return Promise.all(
    clusterExampleRequests().map(async ({ spec }) => {
      const [read] = yaml12.read(toYaml(clusterCatalogEntity(spec)));
      return { spec, entity: await acceptedByCatalog(read as object) };
    }),
  );
}
