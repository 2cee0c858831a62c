import { PUBLIC_CLOUD_KEY_VAULT_DNS_SUFFIX } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * Defaults of the onboarding input, from the AKS baseline reference
 * implementation (mspnp/aks-baseline): Traefik runs in the workload
 * namespace `a0008` with pods labelled `app.kubernetes.io/name:
 * traefik-ingress-ilb`. The action schema shows them; the parser applies
 * them (the scaffolder does not apply schema defaults).
 */
export const ONBOARD_APP_DEFAULTS = {
  servicePort: 80,
  traefikNamespace: 'a0008',
  traefikPodLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
  keyVaultDnsSuffix: PUBLIC_CLOUD_KEY_VAULT_DNS_SUFFIX,
  healthProbePath: '/',
  routingRulePriority: 100,
  outputDir: 'cluster-repo',
  platformOutputDir: 'platform-infra',
} as const;
