import {
  CLUSTER_SORT_KEYS,
  ClusterListFilters,
  ClusterSortKey,
  MAX_CLUSTER_PAGE_SIZE,
  SUBSCRIPTION_ID_PATTERN,
} from '@aks-baseline/plugin-aks-baseline-common';
import { z } from 'zod';

/** The fleet page's default page size. */
export const DEFAULT_CLUSTER_PAGE_SIZE = 20;

/** More values than any filter offers is a mistake, not a query. */
const MAX_FILTER_VALUES = 100;

/**
 * A filter given once (`?region=x`) or repeated (`?region=x&region=y`); an
 * error names the value's position (`region.1`).
 */
function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(
    v => (v === undefined || Array.isArray(v) ? v : [v]),
    z
      .array(item)
      .max(MAX_FILTER_VALUES, `accepts at most ${MAX_FILTER_VALUES} values`),
  );
}

const filterFields = {
  status: listOf(
    z.enum(['error', 'warning', 'not-observed', 'ok'], {
      errorMap: () => ({
        message: 'must be one of error, warning, not-observed, ok',
      }),
    }),
  ).optional(),
  subscriptionId: listOf(
    z.string().regex(SUBSCRIPTION_ID_PATTERN, 'must be a subscription GUID'),
  ).optional(),
  region: listOf(
    z
      .string()
      .regex(/^[a-z0-9]{1,64}$/i, 'must be an Azure region such as westeurope'),
  ).optional(),
  owner: listOf(z.string().trim().min(1).max(256)).optional(),
  expiringWithinDays: z.coerce
    .number({ invalid_type_error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more days')
    .max(3650, 'must be at most 3650 days')
    .optional(),
  search: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .optional(),
};

/** Query of `GET /v1/clusters.csv`: the filters only (the export is whole). */
export const clusterFiltersQuery = z.object(filterFields).strict();

/** Query of `GET /v1/clusters`: filters, sort and one page. */
export const clusterPageQuery = z
  .object({
    ...filterFields,
    sort: z
      .enum(CLUSTER_SORT_KEYS, {
        errorMap: () => ({
          message: `must be one of ${CLUSTER_SORT_KEYS.join(', ')}`,
        }),
      })
      .default('attention'),
    order: z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'must be asc or desc' }),
      })
      .default('asc'),
    offset: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(1_000_000, 'must be at most 1000000')
      .default(0),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(
        MAX_CLUSTER_PAGE_SIZE,
        `must be at most ${MAX_CLUSTER_PAGE_SIZE} (the list is paged)`,
      )
      .default(DEFAULT_CLUSTER_PAGE_SIZE),
  })
  .strict();

/** The parsed filters, without the page fields. */
export function filtersOf(
  query: z.infer<typeof clusterFiltersQuery>,
): ClusterListFilters {
  const { status, subscriptionId, region, owner, expiringWithinDays, search } =
    query;
  return {
    status,
    subscriptionId,
    region,
    owner,
    expiringWithinDays,
    search: search || undefined,
  };
}

export type ClusterPageQuery = z.infer<typeof clusterPageQuery> & {
  sort: ClusterSortKey;
};
