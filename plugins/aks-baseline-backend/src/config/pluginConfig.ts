import {
  MANAGED_CLUSTER_ID_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
} from '@aks-baseline/plugin-aks-baseline-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';
import { knownKeysAt, nearestKey } from './configKeys';

export const guid = z.string().regex(SUBSCRIPTION_ID_PATTERN, 'must be a GUID');

export const clusterId = z
  .string()
  .regex(
    MANAGED_CLUSTER_ID_PATTERN,
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
      .strict()
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
          .strict()
          .refine(c => !(c.caData && c.caFile), {
            message: 'give caData or caFile, not both',
          }),
      )
      .default([]),
  })
  .strict()
  .default({});

/** A `HumanDuration` as the Backstage scheduler takes it, e.g. `{ hours: 4 }`. */
const humanDuration = z
  .object({
    years: z.number().nonnegative().optional(),
    months: z.number().nonnegative().optional(),
    weeks: z.number().nonnegative().optional(),
    days: z.number().nonnegative().optional(),
    hours: z.number().nonnegative().optional(),
    minutes: z.number().nonnegative().optional(),
    seconds: z.number().nonnegative().optional(),
    milliseconds: z.number().nonnegative().optional(),
  })
  .strict()
  .refine(d => durationToMilliseconds(d) > 0, {
    message: 'must be a positive duration, e.g. { hours: 4 }',
  });

/** `demo` was a source before it became a module: say where it went. */
const sourceError: z.ZodErrorMap = (issue, ctx) => ({
  message:
    issue.code === 'invalid_enum_value' && issue.received === 'demo'
      ? 'demo is no longer a source: add the module @aks-baseline/plugin-aks-baseline-backend-module-demo to the backend instead'
      : ctx.defaultError,
});

/** `aksBaseline.*`; config.d.ts declares the same keys (a test holds them equal). */
export const pluginConfigSchema = z
  .object({
    // May stay empty when a module (e.g. the demo) adds a source; with
    // neither, the plugin refuses to start and says what to configure.
    sources: z
      .array(z.enum(['azure', 'config', 'catalog'], { errorMap: sourceError }))
      .default([]),
    // Read by the frontend plugin (its links to README sections); checked
    // here so a wrong value stops the portal at start-up, not in a link.
    documentationUrl: z
      .string()
      .url()
      .refine(u => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
      .optional(),
    cloud: z
      .enum(['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'])
      .default('AzurePublicCloud'),
    tenantId: guid.optional(),
    clientId: guid.optional(),
    subscriptions: z.array(guid).optional(),
    clusters: z.array(clusterId).default([]),
    // How topology is listed: per type and subscription from ARM (fresh),
    // or one paged Resource Graph query (far fewer requests; can lag ARM).
    inventory: z.enum(['arm', 'resourceGraph']).default('arm'),
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
        // Key Vault secret listings and the per-cluster governance and
        // telemetry lists: certificates are rotated in months, so hours
        // between reads keep a steady-state cycle to the topology lists.
        slowTier: z
          .object({ frequency: humanDuration.default({ hours: 4 }) })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    kubernetes: kubernetesSchema,
    certificates: z
      .object({
        warningDays: z.number().int().min(0).default(30),
        criticalDays: z.number().int().min(0).default(7),
      })
      .strict()
      .default({})
      .refine(c => c.criticalDays <= c.warningDays, {
        message: 'criticalDays must not exceed warningDays',
      }),
    notifications: z
      .object({
        // On by default: being told before a certificate expires is the
        // point, and a portal nobody remembered to configure would stay silent.
        enabled: z.boolean().default(true),
        certificateLevels: z
          .array(z.enum(['warning', 'critical', 'expired']))
          .default(['warning', 'critical', 'expired']),
        clusterNoticesTo: z.enum(['owner', 'none']).default('owner'),
      })
      .strict()
      .default({}),
    tlsProbe: z
      .object({
        enabled: z.boolean().default(false),
        timeoutSeconds: z.number().positive().max(60).default(5),
        port: z.number().int().min(1).max(65535).default(443),
      })
      .strict()
      .default({}),
  })
  // Which sources may combine depends on the modules installed too, so
  // that rule is checked at start-up (sources/extensionPoint.ts).
  .strict();

/** The plugin's validated configuration. */
export type AksBaselineConfig = z.infer<typeof pluginConfigSchema>;

/** Where the plugin's options live in app-config. */
const SECTION = 'aksBaseline';

/**
 * Reads `aksBaseline.*` and fails start-up with a message naming the key,
 * because a portal that silently ignores a misspelt source shows no clusters
 * and nobody knows why. Unknown keys are errors for the same reason: a
 * misspelt option would otherwise start on its default.
 */
export function readPluginConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): AksBaselineConfig {
  if (options.logger) {
    warnAboutMisspeltSection(config, options.logger);
  }
  const raw = config.getOptional(SECTION) ?? {};
  const parsed = pluginConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(describeIssue).join('; ');
    throw new Error(`Invalid AKS baseline configuration: ${issues}`);
  }
  return parsed.data;
}

function describeIssue(issue: z.ZodIssue): string[] {
  const at = [SECTION, ...issue.path].join('.');
  if (issue.code !== z.ZodIssueCode.unrecognized_keys) {
    return [`${at}: ${issue.message}`];
  }
  const valid = knownKeysAt(pluginConfigSchema, issue.path);
  return issue.keys.map(key => {
    const meant = nearestKey(key, valid);
    return meant
      ? `${at}.${key} is not a known option; did you mean ${meant}?`
      : `${at}.${key} is not a known option (valid: ${valid.join(', ')})`;
  });
}

/**
 * A top-level key is not ours to refuse (other plugins own the top level), so
 * `aksbaseline:` or `aks-baseline:` only warns: its options are not read.
 */
function warnAboutMisspeltSection(config: Config, logger: LoggerService) {
  for (const key of config.keys()) {
    if (key !== SECTION && nearestKey(key, [SECTION])) {
      logger.warn(
        `Top-level configuration key ${key} is not read; the AKS baseline plugin reads ${SECTION} (did you mean ${SECTION}?)`,
      );
    }
  }
}
