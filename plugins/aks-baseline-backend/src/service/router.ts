import {
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  AboutResponse,
  aksBaselineClusterReadPermission,
  aksBaselineClusterRefreshPermission,
  formatManagedClusterId,
  MANAGED_CLUSTER_NAME_PATTERN,
  RefreshResponse,
  RESOURCE_GROUP_NAME_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  BasicPermission,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AksBaselineConfig } from '../config/pluginConfig';
import {
  clusterFiltersQuery,
  clusterPageQuery,
  filtersOf,
} from './clusterListParams';
import { writeClustersCsv } from './clustersCsv';
import { FleetReader } from './FleetReader';
import { REFRESH_TASK_ID } from './refreshTask';
import { traceRequestSchema, traceStoredCluster } from './traceRoute';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  scheduler: Pick<SchedulerService, 'triggerTask'>;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  reader: FleetReader;
  config: AksBaselineConfig;
  /** Names of the configured and the modules' cluster sources. */
  sources: string[];
  pluginVersion: string;
}

// Azure's own naming rules, so a bad path is a 400 that says which part is wrong.
const clusterParams = z.object({
  subscriptionId: z
    .string()
    .regex(SUBSCRIPTION_ID_PATTERN, 'must be a subscription GUID'),
  resourceGroup: z
    .string()
    .regex(
      RESOURCE_GROUP_NAME_PATTERN,
      'must be a resource group name (1-90 characters: letters, digits, - _ . ( ))',
    ),
  name: z
    .string()
    .regex(
      MANAGED_CLUSTER_NAME_PATTERN,
      'must be an AKS cluster name (1-63 characters: letters, digits, - _, starting and ending with a letter or digit)',
    ),
});

const entityQuery = z.object({
  entityRef: z
    .string()
    .max(512)
    .refine(
      isEntityRef,
      'must be an entity ref such as resource:default/aks-prod-weu',
    ),
});

function isEntityRef(ref: string): boolean {
  try {
    parseEntityRef(ref);
    return true;
  } catch {
    return false;
  }
}

const certificatesQuery = z.object({
  maxDaysLeft: z.coerce.number().int().min(-3650).max(3650).optional(),
});

// The output type, so defaults and transforms show (z.ZodType<T> infers the input).
function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map(
      i => `${i.path.join('.') || where} ${i.message}`,
    );
    throw new InputError(`Invalid ${where}: ${issues.join('; ')}`);
  }
  return result.data;
}

/**
 * Until when a refresh holds the task: the scheduler abandons it at the
 * timeout, and frees the task of a replica that died within a minute after.
 */
function alreadyRunning(timeoutMinutes: number): string {
  const minutes = `${timeoutMinutes} minute${timeoutMinutes === 1 ? '' : 's'}`;
  return `A refresh is already running, on this or another replica. It ends, or is abandoned, within ${minutes} of its start (aksBaseline.refresh.timeoutMinutes); if the replica running it died, refreshes can start again at most a minute after that.`;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    scheduler,
    catalog,
    reader,
    config,
    sources,
    pluginVersion,
  } = options;
  const router = Router();
  router.use(express.json());

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  router.get('/v1/about', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: AboutResponse = {
      plugin: 'aks-baseline',
      version: pluginVersion,
      sources,
      cloud: config.cloud,
    };
    res.json(body);
  });

  router.get('/v1/clusters', async (req, res) => {
    const query = parse(clusterPageQuery, req.query, 'query');
    await authorize(req, aksBaselineClusterReadPermission);
    const { sort, order, offset, limit } = query;
    const answer = await reader.listClusterPage({
      filters: filtersOf(query),
      sort,
      order,
      offset,
      limit,
      now: new Date(),
    });
    // The page polls: a browser asks again with the tag it holds, and an
    // unchanged page costs a 304 without a body. Only after the checks above.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', answer.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('json').send(answer.body);
  });

  router.get('/v1/clusters.csv', async (req, res) => {
    const query = parse(clusterFiltersQuery, req.query, 'query');
    await authorize(req, aksBaselineClusterReadPermission);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="aks-baseline-clusters.csv"',
    );
    const rows = reader.streamClusters({
      filters: filtersOf(query),
      now: new Date(),
    });
    await writeClustersCsv(res, rows).catch(error => {
      // Headers are out: a failure mid-export can only cut the download.
      if (!res.headersSent) throw error;
      res.destroy(error);
    });
  });

  router.get(
    '/v1/clusters/:subscriptionId/:resourceGroup/:name',
    async (req, res) => {
      const p = parse(clusterParams, req.params, 'cluster path');
      await authorize(req, aksBaselineClusterReadPermission);
      res.json(await reader.getCluster(formatManagedClusterId(p)));
    },
  );

  router.post(
    '/v1/clusters/:subscriptionId/:resourceGroup/:name/trace',
    async (req, res) => {
      const p = parse(clusterParams, req.params, 'cluster path');
      const body = parse(traceRequestSchema, req.body, 'trace request');
      await authorize(req, aksBaselineClusterReadPermission);
      res.json(
        await traceStoredCluster(reader, formatManagedClusterId(p), body),
      );
    },
  );

  router.get('/v1/entity', async (req, res) => {
    const { entityRef } = parse(entityQuery, req.query, 'query');
    const credentials = await authorize(req, aksBaselineClusterReadPermission);
    // The catalog is asked as the caller, so its own permissions apply too.
    const lookup = (ref: string) =>
      catalog.getEntityByRef(ref, { credentials });
    res.json(await reader.forEntity(entityRef, lookup));
  });

  router.get('/v1/certificates', async (req, res) => {
    const { maxDaysLeft } = parse(certificatesQuery, req.query, 'query');
    await authorize(req, aksBaselineClusterReadPermission);
    res.json(await reader.certificates(maxDaysLeft));
  });

  router.post('/v1/refresh', async (req, res) => {
    await authorize(req, aksBaselineClusterRefreshPermission);
    let body: RefreshResponse = { status: 'triggered' };
    try {
      // The global task runs on one replica; triggering it here is safe with many.
      await scheduler.triggerTask(REFRESH_TASK_ID);
    } catch (error) {
      if ((error as Error)?.name !== 'ConflictError') throw error;
      body = {
        status: 'already-running',
        message: alreadyRunning(config.refresh.timeoutMinutes),
      };
    }
    res.status(202).json(body);
  });

  return router;
}
