import type {
  AksBaselineAzureConnection,
  AksBaselineClusterSource,
  AksBaselineClusterSourcesExtensionPoint,
} from '@aks-baseline/plugin-aks-baseline-node';
import { z } from 'zod';
import type { AksBaselineConfig } from '../config/pluginConfig';

const BUILT_IN_SOURCES: ReadonlyArray<string> = ['azure', 'config', 'catalog'];

// Shown by GET /v1/about and in errors next to the built-in names.
const sourceName = z
  .string()
  .regex(
    /^[a-z0-9][-a-z0-9]*$/,
    'must be lower-case letters, digits and dashes',
  )
  .refine(
    name => !BUILT_IN_SOURCES.includes(name),
    'is taken by a built-in source (aksBaseline.sources)',
  );

/** What modules added through `aksBaselineClusterSourcesExtensionPoint`. */
export class ClusterSourcesExtensions
  implements AksBaselineClusterSourcesExtensionPoint
{
  readonly sources: AksBaselineClusterSource[] = [];
  connection?: AksBaselineAzureConnection;

  addClusterSource(source: AksBaselineClusterSource): void {
    const parsed = sourceName.safeParse(source?.name);
    if (!parsed.success) {
      throw new Error(
        `AKS baseline: a module's cluster source name ${JSON.stringify(
          source?.name,
        )} ${parsed.error.issues.map(i => i.message).join('; ')}`,
      );
    }
    const name = parsed.data;
    if (this.sources.some(s => s.name === name)) {
      throw new Error(
        `AKS baseline: two modules add a cluster source named ${name}`,
      );
    }
    this.sources.push(source);
  }

  setAzureConnection(connection: AksBaselineAzureConnection): void {
    if (this.connection) {
      throw new Error(
        `AKS baseline: the ${this.connection.name} module already replaces the Azure connection; ${connection.name} cannot replace it too`,
      );
    }
    this.connection = connection;
  }
}

/**
 * The names of every source, or a start-up error saying what to change:
 * with no source the portal would show an empty fleet forever, and a
 * module's connection serves its own estate, where the clusters of the
 * `azure` and `config` sources (real subscriptions) are not found.
 */
export function checkClusterSources(
  config: Pick<AksBaselineConfig, 'sources'>,
  extensions: Pick<ClusterSourcesExtensions, 'sources' | 'connection'>,
): string[] {
  const names = [...config.sources, ...extensions.sources.map(s => s.name)];
  if (names.length === 0) {
    throw new Error(
      'no cluster source: set aksBaseline.sources to [azure], [config] or [catalog] (see README), or add a module such as @aks-baseline/plugin-aks-baseline-backend-module-demo',
    );
  }
  const connection = extensions.connection;
  const real = config.sources.filter(s => s === 'azure' || s === 'config');
  if (connection && real.length > 0) {
    throw new Error(
      `the ${
        connection.name
      } module replaces the Azure connection, so aksBaseline.sources cannot include ${real.join(
        ' or ',
      )} (their clusters live in real subscriptions the ${
        connection.name
      } connection does not reach): remove ${real.join(
        ' and ',
      )} from aksBaseline.sources, or remove the ${connection.name} module`,
    );
  }
  return names;
}
