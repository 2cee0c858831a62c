import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { readPluginConfig } from '../config/pluginConfig';
import { SnapshotStore } from '../store/SnapshotStore';
import { replica } from '../__testUtils__/schedulerReplica';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { FleetReader } from './FleetReader';
import { refreshTask } from './refreshTask';
import { createRouter } from './router';

const { databases } = createTestDatabases();

describe('POST /v1/refresh', () => {
  const replicas: Array<ReturnType<typeof replica>> = [];
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map(r => r.shutdown()));
  });

  it('says when a refresh is already running, and how long it may hold the task', async () => {
    const knex = await databases.init('SQLITE_3');
    const config = readPluginConfig(new ConfigReader({}));
    const { scheduler, shutdown } = replica(knex);
    replicas.push({ scheduler, shutdown });
    let running = false;
    await scheduler.scheduleTask(
      refreshTask(
        {
          refresh: () => {
            running = true;
            return new Promise<never>(() => {});
          },
        },
        { ...config.refresh, frequencyMinutes: 30 },
      ),
    );
    while (!running) await new Promise(resolve => setTimeout(resolve, 50));
    const app = express().use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        scheduler,
        catalog: { getEntityByRef: async () => undefined },
        reader: new FleetReader(
          await SnapshotStore.create({
            database: mockServices.database({ knex }),
          }),
        ),
        config,
        sources: ['azure'],
        pluginVersion: '0.0.0',
      }),
    );

    const res = await request(app).post('/v1/refresh');

    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      status: 'already-running',
      message:
        'A refresh is already running, on this or another replica. It ends, or is abandoned, within 3 minutes of its start (aksBaseline.refresh.timeoutMinutes); if the replica running it died, refreshes can start again at most a minute after that.',
    });
  });
});
