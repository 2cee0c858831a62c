import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import type { ResolveOptions } from '../resolver';

/** Test-only: resolve options for clusters whose API server is out of reach, no errors. */
export function resolveOptionsAt(now: Date): ResolveOptions {
  return {
    now,
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    vaultErrors: new Map<string, string>(),
    subscriptionErrors: [],
    kubernetesUnavailableReason: 'API server not reachable from the portal',
  };
}
