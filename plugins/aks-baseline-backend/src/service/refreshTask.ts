import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AksBaselineConfig } from '../config/pluginConfig';
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
