import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useState } from 'react';
import { aksBaselineApiRef } from '../api';

/** How often the fleet list is re-read while a refresh runs. */
export const REFRESH_POLL_MS = 5_000;
/** A refresh of a big estate takes minutes; stop polling after this. */
export const REFRESH_POLL_LIMIT_MS = 5 * 60_000;

/**
 * Starts a fleet refresh and re-reads the list until the last refresh's
 * finish time changes, so the table updates without a page reload.
 */
export function useFleetRefresh(options: {
  lastFinishedAt?: string;
  reload: () => void;
}) {
  const { lastFinishedAt, reload } = options;
  const api = useApi(aksBaselineApiRef);
  const alertApi = useApi(alertApiRef);
  // The finish time seen when the refresh started; `null` when not waiting.
  const [waitingFrom, setWaitingFrom] = useState<string | undefined | null>(
    null,
  );
  const [starting, setStarting] = useState(false);

  const start = useCallback(async () => {
    setStarting(true);
    try {
      const { status, message } = await api.refresh();
      alertApi.post({
        // The backend says how long a running refresh may hold the task.
        message:
          status === 'already-running'
            ? message ??
              'A refresh is already running; the list updates when it finishes.'
            : 'Refresh started; the list updates when it finishes.',
        severity: 'info',
        display: 'transient',
      });
      setWaitingFrom(lastFinishedAt);
    } catch (error) {
      // A ResponseError carries the backend's own words in `cause`.
      const { message, cause } = error as Error & { cause?: Error };
      alertApi.post({
        message: `Could not start a refresh: ${cause?.message ?? message}`,
        severity: 'error',
      });
    } finally {
      setStarting(false);
    }
  }, [api, alertApi, lastFinishedAt]);

  const waiting = waitingFrom !== null;
  useEffect(() => {
    if (!waiting) return undefined;
    const poll = setInterval(reload, REFRESH_POLL_MS);
    const giveUp = setTimeout(
      () => setWaitingFrom(null),
      REFRESH_POLL_LIMIT_MS,
    );
    return () => {
      clearInterval(poll);
      clearTimeout(giveUp);
    };
  }, [waiting, reload]);

  useEffect(() => {
    if (waiting && lastFinishedAt !== waitingFrom) setWaitingFrom(null);
  }, [waiting, lastFinishedAt, waitingFrom]);

  return { start, running: starting || waiting };
}
