import { ClusterListFilters } from '@aks-baseline/plugin-aks-baseline-common';
import { SummaryPageRequest } from '../store/SnapshotStore';

/**
 * "Expiring within N days" counts from the end of the current minute: answers
 * to it then hold for a minute rather than a millisecond, and can be kept.
 * Rounded up, so a certificate at the window's edge is listed, not missed.
 */
const EXPIRY_CLOCK_MS = 60_000;

/** Distinct values in one order; none is no filter. */
function valueSet(values: string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

/**
 * The filters as the query applies them (pure): repeated or reordered values
 * and the case of subscription ids and the search text select the same rows,
 * so they are spelled one way. Regions and owners are compared as given.
 */
export function normalizeFilters(
  filters: ClusterListFilters,
): ClusterListFilters {
  return {
    status: valueSet(filters.status) as ClusterListFilters['status'],
    subscriptionId: valueSet(filters.subscriptionId?.map(s => s.toLowerCase())),
    region: valueSet(filters.region),
    owner: valueSet(filters.owner),
    expiringWithinDays: filters.expiringWithinDays,
    search: filters.search?.toLowerCase() || undefined,
  };
}

/** A page request in one spelling per answer, its clock on the minute (pure). */
export function normalizePageRequest(
  request: SummaryPageRequest,
): SummaryPageRequest {
  const minute = Math.ceil(request.now.getTime() / EXPIRY_CLOCK_MS);
  return {
    ...request,
    filters: normalizeFilters(request.filters),
    now: new Date(minute * EXPIRY_CLOCK_MS),
  };
}

/**
 * What the count of a normalized request depends on; the clock only where
 * an expiry filter reads it.
 */
export function filtersKey(request: SummaryPageRequest): string {
  const { filters, now } = request;
  return JSON.stringify([
    filters.status,
    filters.subscriptionId,
    filters.region,
    filters.owner,
    filters.expiringWithinDays,
    filters.search,
    filters.expiringWithinDays === undefined ? undefined : now.toISOString(),
  ]);
}

/** What the page of a normalized request depends on. */
export function pageKey(request: SummaryPageRequest): string {
  const { sort, order, offset, limit } = request;
  return JSON.stringify([filtersKey(request), sort, order, offset, limit]);
}
