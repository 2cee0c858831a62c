import { SourceError } from '@aks-baseline/plugin-aks-baseline-common';

/** Statuses that mean "the portal's identity may not read this". */
const ACCESS_STATUSES = new Set([401, 403]);

/**
 * Why the portal may not read a cluster, when ARM or its API server refused
 * the portal's identity: one sentence for the fleet row instead of the
 * errors that follow from it. Other failures (timeouts, 5xx) are not
 * access problems and keep their own reasons.
 */
export function accessDeniedReason(errors: SourceError[]): string | undefined {
  const refused = errors.filter(
    e => e.status !== undefined && ACCESS_STATUSES.has(e.status),
  );
  if (refused.length === 0) return undefined;
  const where = [
    ...new Set(
      refused.map(e => (e.kind === 'kubernetes' ? 'its API server' : 'Azure')),
    ),
  ].join(' and ');
  const first = refused[0];
  return `No access: ${where} refused the portal (HTTP ${first.status}): ${first.message}`;
}

/** The value of the cluster's `owner` tag, whatever the tag name's case. */
export function ownerTag(
  tags: Record<string, string> | undefined,
): string | undefined {
  const entry = Object.entries(tags ?? {}).find(
    ([key, value]) => key.toLowerCase() === 'owner' && value.trim(),
  );
  return entry?.[1].trim();
}
