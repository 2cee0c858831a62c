import { HopStatus } from '@aks-baseline/plugin-aks-baseline-common';
import { StatusLabel, StatusTone } from './StatusLabel';

const TONE: Record<HopStatus, StatusTone> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  'not-observed': 'pending',
};

/** The words for a hop's or cluster's status, also used in accessible names. */
export function hopStatusText(status: HopStatus): string {
  return status === 'not-observed' ? 'not observed' : status;
}

/** A hop's (or a chain's, or a cluster's worst) status. */
export const HopStatusLabel = ({ status }: { status: HopStatus }) => (
  <StatusLabel tone={TONE[status]}>{hopStatusText(status)}</StatusLabel>
);
