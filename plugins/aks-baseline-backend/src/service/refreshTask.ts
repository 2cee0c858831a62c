import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AksBaselineConfig } from '../config/pluginConfig';
import type { OwnerNotifier } from '../notifications';
import type { FleetRefresher } from './FleetRefresher';

export const REFRESH_TASK_ID = 'aks-baseline-refresh';

/**
 * The fleet refresh as a scheduled task. Global scope: with several replicas
 * sharing the database, one refresh runs at a time across all of them. The
 * scheduler holds the task for one replica until its run returns or
 * `timeoutMinutes` pass: at the timeout it aborts the run's signal, and the
 * run stops its requests and hands the task back at once. A replica that
 * dies mid-run cannot hand it back; the scheduler's janitor frees it once
 * the timeout has passed (it looks every minute), so another replica's next
 * run starts at most `timeoutMinutes` + about 1 minute after the crash.
 */
export function refreshTask(
  refresher: Pick<FleetRefresher, 'refresh'>,
  settings: Pick<
    AksBaselineConfig['refresh'],
    'frequencyMinutes' | 'timeoutMinutes'
  >,
): SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition {
  return {
    id: REFRESH_TASK_ID,
    scope: 'global',
    frequency: { minutes: settings.frequencyMinutes },
    timeout: { minutes: settings.timeoutMinutes },
    initialDelay: { seconds: 3 },
    fn: async signal => {
      await refresher.refresh(signal);
    },
  };
}

export const NOTICE_RETRY_TASK_ID = 'aks-baseline-notice-retry';

/**
 * Notices a refresh could not send (a send failed, the catalog was down or
 * did not have the entities yet: the first refresh runs seconds after a
 * start) are tried again every few minutes rather than at the next refresh,
 * half an hour later. Local scope: each replica retries what its own
 * refreshes left; the notice ledger keeps every notice to one send.
 */
export function noticeRetryTask(
  notifier: Pick<OwnerNotifier, 'retryLeftovers'>,
): SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition {
  return {
    id: NOTICE_RETRY_TASK_ID,
    scope: 'local',
    frequency: { minutes: 2 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await notifier.retryLeftovers();
    },
  };
}
