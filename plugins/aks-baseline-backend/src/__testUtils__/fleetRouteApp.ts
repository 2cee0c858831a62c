import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { readPluginConfig } from '../config/pluginConfig';
import { FleetReader } from '../service/FleetReader';
import { createRouter } from '../service/router';

/**
 * Test-only: the plugin's router over `reader` with Backstage's test auth
 * and permission services, and the backend's own error handler, so an
 * InputError is a 400, NotAllowedError a 403, no credentials a 401.
 */
export async function fleetRouteApp(
  reader: FleetReader,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    signedIn?: boolean;
  } = {},
) {
  return express().use(
    await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials:
          options.signedIn === false
            ? mockCredentials.none()
            : mockCredentials.user(),
      }),
      permissions: mockServices.permissions({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      scheduler: { triggerTask: async () => {} },
      catalog: { getEntityByRef: async () => undefined },
      reader,
      config: readPluginConfig(new ConfigReader({})),
      sources: ['azure'],
      pluginVersion: '0.0.0',
    }),
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
}
