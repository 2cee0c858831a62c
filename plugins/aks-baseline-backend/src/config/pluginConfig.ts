import { Config } from '@backstage/config';
import { z } from 'zod';

const guid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'must be a GUID',
  );

const clusterId = z
  .string()
  .regex(
    /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i,
    'must be a managed cluster resource id (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>)',
  );

// Kubernetes label keys and values, as the API validates them (roughly).
const labelMap = z.record(
  z
    .string()
    .regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/),
  z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/),
);
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label');

const kubernetesSchema = z
  .object({
    /** Read in-cluster objects at all; off: every in-cluster hop says so. */
    enabled: z.boolean().default(true),
    traefik: z
      .object({
        namespace: dnsLabel.default('a0008'),
        labels: labelMap
          .refine(
            l => Object.keys(l).length > 0,
            'must name at least one label',
          )
          .default({ 'app.kubernetes.io/name': 'traefik-ingress-ilb' }),
        serviceName: dnsLabel.optional(),
      })
      .default({}),
    concurrency: z.number().int().min(1).max(64).default(8),
    requestConcurrency: z.number().int().min(1).max(16).default(4),
    requestTimeoutSeconds: z.number().positive().max(300).default(10),
    pageSize: z.number().int().min(1).max(5000).default(500),
    clusters: z
      .array(
        z
          .object({
            resourceId: clusterId,
            url: z
              .string()
              .url()
              .refine(u => u.startsWith('https://'), 'must be an https:// URL'),
            caData: z.string().optional(),
            caFile: z.string().optional(),
            tokenEnv: z
              .string()
              .regex(
                /^[A-Za-z_][A-Za-z0-9_]*$/,
                'must be the NAME of an environment variable (the token never goes in config)',
              ),
          })
          .refine(c => !(c.caData && c.caFile), {
            message: 'give caData or caFile, not both',
          }),
      )
      .default([]),
  })
  .default({});

const pluginConfigSchema = z
  .object({
    sources: z
      .array(z.enum(['demo', 'azure', 'config', 'catalog']))
      .min(1)
      .default(['demo']),
    cloud: z
      .enum(['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'])
      .default('AzurePublicCloud'),
    tenantId: guid.optional(),
    clientId: guid.optional(),
    subscriptions: z.array(guid).optional(),
    clusters: z.array(clusterId).default([]),
    refresh: z
      .object({
        frequencyMinutes: z.number().positive().default(30),
        // The scheduler holds the task this long for a run that hangs or a
        // replica that dies (then plus its janitor's minute). A 1,000-cluster
        // refresh measures 5-10 s (npm run bench); reading API servers adds
        // about a minute at that size. See the README before lowering it.
        timeoutMinutes: z.number().positive().default(3),
        concurrency: z.number().int().min(1).max(64).default(16),
        concurrencyPerSubscription: z.number().int().min(1).max(16).default(4),
        requestTimeoutSeconds: z.number().positive().default(30),
      })
      .default({}),
    kubernetes: kubernetesSchema,
    certificates: z
      .object({
        warningDays: z.number().int().min(0).default(30),
        criticalDays: z.number().int().min(0).default(7),
      })
      .default({})
      .refine(c => c.criticalDays <= c.warningDays, {
        message: 'criticalDays must not exceed warningDays',
      }),
    tlsProbe: z
      .object({
        enabled: z.boolean().default(false),
        timeoutSeconds: z.number().positive().max(60).default(5),
        port: z.number().int().min(1).max(65535).default(443),
      })
      .default({}),
  })
  .refine(
    c =>
      !(
        c.sources.includes('demo') &&
        (c.sources.includes('azure') || c.sources.includes('config'))
      ),
    {
      message: 'the demo source cannot be combined with azure or config',
      path: ['sources'],
    },
  );

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
