import { ControlStatus } from '@aks-baseline/plugin-aks-baseline-common';
import { StatusLabel, StatusTone } from './StatusLabel';

const TONE: Record<ControlStatus, StatusTone> = {
  pass: 'ok',
  fail: 'error',
  warning: 'warning',
  'not-observed': 'pending',
  'not-applicable': 'aborted',
};

export function controlStatusText(status: ControlStatus): string {
  return status.replace('-', ' ');
}

/** A control verdict: pass, fail, warning, not observed, not applicable. */
export const ControlStatusLabel = ({ status }: { status: ControlStatus }) => (
  <StatusLabel tone={TONE[status]}>{controlStatusText(status)}</StatusLabel>
);
