import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findRepoRoot } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { buildDemoGeneratedStamp } from './demoGeneratedCluster';

/** The entities of a catalog file of `examples/`, as the catalog reads them. */
function exampleEntities(file: string): Array<Record<string, any>> {
  const text = readFileSync(join(findRepoRoot(), 'examples', file), 'utf8');
  return parseAllDocuments(text)
    .map(doc => doc.toJS())
    .filter(Boolean);
}

const named = (entities: Array<Record<string, any>>, name: string) =>
  entities.filter(e => e.metadata?.name === name);

/*
 * The demo registers the generated cluster and its app from examples/ (as
 * app-config.yaml does every demo entity); the demo module generates the
 * same cluster at start-up. These keep the two from drifting.
 */
describe("the generated cluster's example entities", () => {
  const { entities } = buildDemoGeneratedStamp(new Date());

  it('examples/clusters.yaml holds the entity create-cluster writes, stamp contract included', () => {
    expect(
      named(exampleEntities('clusters.yaml'), 'aks-generated-weu'),
    ).toEqual([entities.cluster]);
  });

  it('examples/apps.yaml holds the entity onboard-app writes for it', () => {
    expect(named(exampleEntities('apps.yaml'), 'inventory-api')).toEqual([
      entities.app,
    ]);
  });
});
