import { PropsWithChildren } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/** Which of core-components' status icons to draw. */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending' | 'aborted';

const STATUS_BY_TONE = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  aborted: StatusAborted,
} as const;

/**
 * A status as icon + text, so it never depends on colour alone.
 *
 * core-components marks its status spans `aria-hidden` (they are meant as
 * decoration next to text). Here the text *is* the status, so it is exposed
 * to assistive technology again; the icon itself stays hidden.
 */
export const StatusLabel = ({
  tone,
  children,
}: PropsWithChildren<{ tone: StatusTone }>) => {
  const Status = STATUS_BY_TONE[tone];
  return (
    <Status aria-hidden={false} aria-label={undefined}>
      {children}
    </Status>
  );
};
