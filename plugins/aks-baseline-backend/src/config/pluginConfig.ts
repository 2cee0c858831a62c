import { Config } from '@backstage/config';
import { z } from 'zod';

const clusterSourceSchema = z.enum(['demo', 'azure', 'config', 'catalog']);

const cloudSchema = z.enum([
  'AzurePublicCloud',
  'AzureUSGovernment',
  'AzureChinaCloud',
]);

const pluginConfigSchema = z.object({
  sources: z.array(clusterSourceSchema).min(1).default(['demo']),
  cloud: cloudSchema.default('AzurePublicCloud'),
});

/** The plugin's validated configuration. */
export type AksBaselineConfig = z.infer<typeof pluginConfigSchema>;

/**
 * Reads `aksBaseline.*` and fails start-up with a message naming the key,
 * because a portal that silently ignores a misspelt source shows no clusters
 * and nobody knows why.
 */
export function readPluginConfig(config: Config): AksBaselineConfig {
  const raw = config.getOptional('aksBaseline') ?? {};
  const parsed = pluginConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map(i => `aksBaseline.${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid AKS baseline configuration: ${issues}`);
  }
  return parsed.data;
}
