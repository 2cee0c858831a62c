import { HttpAuthService } from '@backstage/backend-plugin-api';
import { AboutResponse } from '@aks-baseline/plugin-aks-baseline-common';
import express from 'express';
import Router from 'express-promise-router';
import { AksBaselineConfig } from '../config/pluginConfig';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  config: AksBaselineConfig;
  pluginVersion: string;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, config, pluginVersion } = options;
  const router = Router();
  router.use(express.json());

  // Describes this deployment of the plugin so the frontend can tell the
  // user where the fleet data comes from (demo estate or real Azure).
  router.get('/v1/about', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: AboutResponse = {
      plugin: 'aks-baseline',
      version: pluginVersion,
      sources: config.sources,
      cloud: config.cloud,
    };
    res.json(body);
  });

  return router;
}
