import type { RootLifecycleService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

/**
 * Test-only: Backstage's real scheduler as one backend replica has it, over
 * `knex` (replicas share it as they share a database). `shutdown()` stops
 * its workers, as the backend's shutdown does.
 */
export function replica(knex: Knex) {
  const hooks: Array<() => void | Promise<void>> = [];
  const rootLifecycle = {
    addShutdownHook: (hook: () => void) => hooks.push(hook),
    addStartupHook: () => {},
    addBeforeShutdownHook: () => {},
  } as unknown as RootLifecycleService;
  const instrument = { add() {}, record() {} };
  const scheduler = DefaultSchedulerService.create({
    database: mockServices.database({ knex }),
    logger: mockServices.logger.mock(),
    metrics: {
      createCounter: () => instrument,
      createHistogram: () => instrument,
      createGauge: () => instrument,
    } as unknown as MetricsService,
    rootLifecycle,
    httpRouter: mockServices.httpRouter.mock(),
    pluginMetadata: { getId: () => 'aks-baseline' },
  });
  return {
    scheduler,
    shutdown: () => Promise.all(hooks.map(hook => hook())),
  };
}
