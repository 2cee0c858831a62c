import type { Entity } from '@backstage/catalog-model';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { aksBaselinePlugin } from '../plugin';

type Server = Parameters<typeof request>[0];

/**
 * The plugin in a test backend with a catalog, a permission policy, and the
 * refresh task run at start-up despite its initial delay; `features` add
 * modules and the config.
 */
export function startPluginBackend(options: {
  features: BackendFeature[];
  entities?: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  return startTestBackend({
    features: [
      aksBaselinePlugin,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...options.features,
    ],
  });
}

/**
 * `GET /v1/clusters` once `ready` says so: the scheduled refresh runs
 * shortly after start.
 */
export async function waitForFleet(
  server: Server,
  ready: (body: any) => boolean = body => body.clusters.length > 0,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server).get('/api/aks-baseline/v1/clusters');
    if (res.status === 200 && ready(res.body)) return res;
    if (Date.now() > deadline) {
      throw new Error(`no fleet after ${timeoutMs} ms: ${res.status}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}
