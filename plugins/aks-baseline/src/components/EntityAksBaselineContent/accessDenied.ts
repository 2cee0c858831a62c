import type { SourceError } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * The API server's refusal of the portal (401: identity rejected, 403: no
 * list permission), if the cluster's errors hold one. Many clusters deny
 * the portal by design (another team's cluster), so the page says it in one
 * line rather than as a card of errors.
 */
export function apiServerDenial(
  errors: SourceError[],
): SourceError | undefined {
  return errors.find(
    e => e.kind === 'kubernetes' && (e.status === 401 || e.status === 403),
  );
}
