import type { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from '../config/pluginConfig';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { SnapshotStore } from '../store/SnapshotStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { fixtureCollector } from '../__testUtils__/fixtureCollector';
import { replica } from '../__testUtils__/schedulerReplica';
import { FleetRefresher } from './FleetRefresher';
import { REFRESH_TASK_ID, refreshTask } from './refreshTask';

const { databases, supported } = createTestDatabases();

/** A small timeout, so the test measures in seconds what runs in minutes. */
const TIMEOUT_MS = 3_000;
const SETTINGS = { frequencyMinutes: 30, timeoutMinutes: TIMEOUT_MS / 60_000 };
/** How often an idle worker of Backstage's scheduler looks for due work. */
const WORK_CHECK_MS = 5_000;
/** How often the scheduler's janitor frees tasks whose run expired. */
const JANITOR_MS = 60_000;

/** Triggers the refresh task until no run holds it; when it was accepted. */
async function triggerUntilAccepted(
  scheduler: Pick<SchedulerService, 'triggerTask'>,
): Promise<number> {
  for (;;) {
    try {
      await scheduler.triggerTask(REFRESH_TASK_ID);
      return Date.now();
    } catch (error) {
      if ((error as Error).name !== 'ConflictError') throw error;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/**
 * The scheduler's janitor is off when NODE_ENV is `test`; a replica that
 * frees the task of a dead one needs it, as in production.
 */
async function withJanitor<T>(start: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await start();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

const replicas: Array<ReturnType<typeof replica>> = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map(r => r.shutdown()));
});

/** Two backend replicas whose schedulers share one database, and its store. */
async function twoReplicas(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await SnapshotStore.create({
    database: mockServices.database({ knex }),
  });
  const first = replica(knex);
  const second = replica(knex);
  replicas.push(first, second);
  return { store, first, second };
}

/** Sleeps a little, for loops that wait on what other workers do. */
const tick = () => new Promise(resolve => setTimeout(resolve, 50));

describe('the refresh task', () => {
  it('holds the task for 3 minutes by default: a crashed replica blocks refreshes for 4 at most', () => {
    const { refresh } = readPluginConfig(new ConfigReader({}));
    const task = refreshTask({ refresh: async () => ({} as never) }, refresh);

    expect(task.timeout).toEqual({ minutes: 3 });
    expect(task.scope).toBe('global');
  });
});

describe.each(supported)(
  'the refresh task, two replicas sharing %s',
  databaseId => {
    it('a run that hangs is abandoned at the timeout: the task is free again and the next run starts', async () => {
      const { store, first, second } = await twoReplicas(databaseId);
      // Azure never answers the inventory, on either replica.
      const hanging = new FleetRefresher({
        store,
        logger: mockServices.logger.mock(),
        select: async () => ({
          all: true,
          ids: new Set(),
          entityRefs: new Map(),
        }),
        collect: fixtureCollector(
          () => buildDemoEstate(new Date()),
          () => [{ match: () => true, hang: true }],
        ),
        thresholds: DEFAULT_EXPIRY_THRESHOLDS,
        kubernetesUnavailableReason: 'not read in this test',
      });
      const starts: number[] = [];
      const counted = {
        refresh: (signal?: AbortSignal) => {
          starts.push(Date.now());
          return hanging.refresh(signal);
        },
      };
      await first.scheduler.scheduleTask(refreshTask(counted, SETTINGS));
      await second.scheduler.scheduleTask(refreshTask(counted, SETTINGS));
      while (starts.length === 0) await tick();

      // A user asks for a refresh until it is let in (the next scheduled run
      // is a whole frequency after the abandoned one).
      const acceptedMs =
        (await triggerUntilAccepted(second.scheduler)) - starts[0];
      while (starts.length < 2) await tick();
      const nextMs = starts[1] - starts[0];

      // eslint-disable-next-line no-console -- the measured number is what this test reports
      console.log(
        `hung run: refresh accepted ${acceptedMs} ms, next run started ${nextMs} ms after the first started`,
      );
      expect(acceptedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(acceptedMs).toBeLessThan(TIMEOUT_MS + 1_000);
      expect(nextMs).toBeLessThan(acceptedMs + WORK_CHECK_MS + 1_000);
      expect((await store.latestRun())?.status).toBe('failed');
    }, 30_000);
  },
);

// The janitor's one-minute pace, measured once: on PostgreSQL (what several
// replicas share in production) when the run has it, else on SQLite.
const [janitorDatabase] = supported[supported.length - 1];

describe(`the refresh task, two replicas sharing ${janitorDatabase}`, () => {
  it('a replica that dies mid-run holds the task until the timeout, then the janitor frees it', async () => {
    const { first, second } = await twoReplicas(janitorDatabase);
    // The first replica's run never returns and never lets go: a SIGKILL.
    let claimedAt: number | undefined;
    const dead = {
      refresh: () => {
        claimedAt = Date.now();
        return new Promise<never>(() => {});
      },
    };
    let nextAt: number | undefined;
    const next = {
      refresh: async () => {
        nextAt = Date.now();
        return {} as never;
      },
    };

    await withJanitor(() =>
      first.scheduler.scheduleTask(refreshTask(dead, SETTINGS)),
    );
    while (claimedAt === undefined) await tick();
    await withJanitor(() =>
      second.scheduler.scheduleTask(refreshTask(next, SETTINGS)),
    );
    while (nextAt === undefined) await tick();
    const recoveryMs = nextAt - claimedAt;

    // eslint-disable-next-line no-console -- the measured number is what this test reports
    console.log(
      `dead replica: next run started ${recoveryMs} ms after the claim`,
    );
    expect(recoveryMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(recoveryMs).toBeLessThan(
      TIMEOUT_MS + JANITOR_MS + WORK_CHECK_MS + 2_000,
    );
  }, 90_000);
});
