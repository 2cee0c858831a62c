import type { SnapshotPartsReadAt } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../../format';

/**
 * When each part of the snapshot was read from Azure: topology at every
 * refresh, certificates and governance settings on the slower cadence
 * (`aksBaseline.refresh.slowTier.frequency`), so "certificates read 3 hours
 * ago" explains a rotation not shown yet. `now` is for tests.
 */
export function describePartsReadAt(
  parts: SnapshotPartsReadAt,
  now?: Date,
): string {
  return [
    `topology read ${formatAge(parts.topology, now)}`,
    parts.certificates &&
      `certificates read ${formatAge(parts.certificates, now)}`,
    parts.governance &&
      `governance settings read ${formatAge(parts.governance, now)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Nothing for snapshots stored before tiered reads. */
export const PartsReadAt = ({ parts }: { parts?: SnapshotPartsReadAt }) =>
  parts ? (
    // The default text colour: textSecondary fails axe's contrast check.
    <Typography variant="body2" data-testid="aks-baseline-parts-read-at">
      {describePartsReadAt(parts)}
    </Typography>
  ) : null;
