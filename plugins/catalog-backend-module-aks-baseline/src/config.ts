import type { Config } from '@backstage/config';
import { z } from 'zod';

/** Where the module's options live in app-config. */
export const CONFIG_KEY = 'catalog.providers.aksBaseline';

// The catalog's rule for namespaces: a DNS label.
const namespace = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a lower-case DNS label (letters, digits, dashes), e.g. default',
  )
  .max(63);

// One requirement of an equality-based label selector: `key`, `!key`,
// `key=value`, `key==value` or `key!=value`.
const REQUIREMENT =
  '!?[A-Za-z0-9][-A-Za-z0-9_./]*(?:\\s*(?:=|==|!=)\\s*[-A-Za-z0-9_.]*)?';

const tagName = z.string().trim().min(1, 'must not be empty').max(512);

/**
 * `catalog.providers.aksBaseline`; strict, so a misspelt option fails the
 * start rather than being ignored. Held equal to `config.d.ts` by a test.
 */
export const providerConfigSchema = z
  .object({
    /** Namespace of the cluster entities. */
    namespace: namespace.default('default'),
    /** Owner of a cluster without an owner tag (an entity ref; kind defaults to group). */
    defaultOwner: z.string().trim().min(1).default('unknown'),
    /** Azure tag names read for owner and system (matched ignoring case, as Azure does). */
    tags: z
      .object({
        owner: tagName.default('owner'),
        system: tagName.default('system'),
      })
      .strict()
      .default({}),
    /**
     * What each cluster entity's Kubernetes tab lists (the Kubernetes
     * plugin's `backstage.io/kubernetes-label-selector` and `-namespace`);
     * absent: no such annotations, so no Kubernetes tab on cluster pages.
     */
    kubernetes: z
      .object({
        labelSelector: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(1024)
          .regex(
            new RegExp(`^${REQUIREMENT}(?:\\s*,\\s*${REQUIREMENT})*$`),
            'must be a Kubernetes equality-based label selector, e.g. app.kubernetes.io/name=traefik-ingress-ilb',
          ),
        namespace: namespace.optional(),
      })
      .strict()
      .optional(),
    /** `kubernetes.io/auth-provider` on every cluster entity. */
    authProvider: z
      .string()
      .regex(
        /^[a-zA-Z][-a-zA-Z0-9]*$/,
        'must be an auth provider name, e.g. aks',
      )
      .default('aks'),
  })
  .strict();

export type ProviderConfig = z.infer<typeof providerConfigSchema>;

/** The module's options, or an error naming each wrong key. */
export function readProviderConfig(config: Config): ProviderConfig {
  const raw = config.getOptional(CONFIG_KEY) ?? {};
  const parsed = providerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const path = [CONFIG_KEY, ...issue.path].join('.');
      return issue.code === 'unrecognized_keys'
        ? `${path}: unknown option(s) ${issue.keys.join(', ')}`
        : `${path}: ${issue.message}`;
    });
    throw new Error(
      `Invalid AKS baseline catalog provider config: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
