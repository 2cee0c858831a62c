import {
  parseArmId,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  isPolicyAssignment,
  subscriptionOfAssignment,
} from './policyAssignmentFixture';

/** The Resource Graph query endpoint, lower-cased (`POST`, tenant level). */
export const RESOURCE_GRAPH_PATH =
  '/providers/microsoft.resourcegraph/resources';

/** Resource Graph's default page size, and its largest `$top`. */
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

/** The answer to one query: a body, or an error with its status. */
export type ResourceGraphAnswer =
  | { status: 200; body: unknown }
  | { status: number; code: string; message: string };

type Row = Record<string, unknown>;

/** Query results kept for their next pages (the oldest is dropped first). */
const PAGED_QUERIES_KEPT = 4;

/** The tables the fixture answers, lower-cased as Resource Graph compares them. */
type Table = 'resources' | 'policyresources';

/**
 * The table a resource is a row of, and the subscription it is under
 * (Microsoft's table reference, "Azure Resource Graph table and resource
 * type reference": policy assignments are rows of `PolicyResources`, not
 * `Resources`). Management groups' assignments are under no subscription:
 * a query scoped to subscriptions does not return them. Child resources (a
 * vault's secrets) are rows of neither.
 */
function rowOf(
  resource: ArmResource,
): { table: Table; subscription: string } | undefined {
  if (isPolicyAssignment(resource)) {
    const subscription = subscriptionOfAssignment(resource);
    return subscription
      ? { table: 'policyresources', subscription }
      : undefined;
  }
  const parts = resource.id ? parseArmId(resource.id) : undefined;
  if (!parts || parts.types.length !== 1) return undefined;
  return {
    table: 'resources',
    subscription: parts.subscriptionId.toLowerCase(),
  };
}

/**
 * Answers Resource Graph queries over the fixture estate, as the service
 * would for the `Resources` and `PolicyResources` tables: rows are the
 * top-level resources (`Resources`) or the policy assignments at, or under,
 * the requested subscriptions (`PolicyResources`), `type` lower-cased, projected columns absent on
 * a resource are `null`, pages of `$top` rows (default 100, at most 1000)
 * carry a `$skipToken` while more remain. The query language is a small,
 * strict subset of KQL, enough for the plugin's and Microsoft's recorded
 * examples (`../shared/azure-examples/resourceGraph_*`): `where type in~
 * ('a', 'b')`, `where type =~ 'a'`, `project c1, c2`, `order by id asc`,
 * `limit n`; `project` also takes `column = a.b.c` (a value inside a
 * column). Anything else is a 400, so a query the fixture cannot run never
 * passes silently.
 */
export class ResourceGraphFixture {
  /** `table|subscription` -> rows. */
  private readonly rows = new Map<string, ArmResource[]>();

  constructor(resources: readonly ArmResource[]) {
    for (const resource of resources) {
      const row = rowOf(resource);
      if (!row) continue;
      const key = `${row.table}|${row.subscription}`;
      const rows = this.rows.get(key) ?? [];
      rows.push(resource);
      this.rows.set(key, rows);
    }
  }

  /**
   * The results first pages were cut from, for their next pages, by query
   * and subscriptions: a client pages several queries at once (topology and
   * policy assignments).
   */
  private readonly paging = new Map<string, Row[] | string>();

  /**
   * The query's rows: run afresh for a first page; a later page (a
   * `$skipToken`) of the same query and subscriptions reuses them, as the
   * service pages one result, so paging a large estate is not quadratic.
   */
  private run(
    query: string,
    subscriptions: string[],
    skip: number,
  ): Row[] | string {
    const key = JSON.stringify([query, subscriptions]);
    const paged = skip > 0 ? this.paging.get(key) : undefined;
    if (paged) return paged;
    const [table, ...operators] = query.split('|').map(s => s.trim());
    const name = table.toLowerCase();
    if (name !== 'resources' && name !== 'policyresources') {
      return `The fixture knows only the Resources and PolicyResources tables, not '${table}'`;
    }
    const rows = subscriptions.flatMap(
      s => this.rows.get(`${name}|${s.toLowerCase()}`) ?? [],
    );
    const result = runOperators(operators, rows);
    // A first page starts the query afresh; only the few in progress are kept.
    this.paging.delete(key);
    this.paging.set(key, result);
    if (this.paging.size > PAGED_QUERIES_KEPT) {
      this.paging.delete(this.paging.keys().next().value!);
    }
    return result;
  }

  answer(requestBody: string | undefined): ResourceGraphAnswer {
    let request: {
      subscriptions?: unknown;
      query?: unknown;
      options?: { $top?: unknown; $skipToken?: unknown };
    };
    try {
      request = JSON.parse(requestBody ?? '');
    } catch {
      return badRequest('The request body is not JSON');
    }
    const { subscriptions, query, options } = request;
    if (
      !Array.isArray(subscriptions) ||
      subscriptions.some(s => typeof s !== 'string')
    ) {
      return badRequest('subscriptions must be a list of subscription ids');
    }
    if (typeof query !== 'string') return badRequest('query is required');
    const top = Number(options?.$top ?? DEFAULT_TOP);
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
      return badRequest(`$top must be between 1 and ${MAX_TOP}`);
    }
    const skip = Number(options?.$skipToken ?? 0) || 0;
    const result = this.run(query, subscriptions as string[], skip);
    if (typeof result === 'string') return badRequest(result);
    const data = result.slice(skip, skip + top);
    const more = skip + top < result.length;
    return {
      status: 200,
      body: {
        totalRecords: result.length,
        count: data.length,
        resultTruncated: 'false',
        facets: [],
        data,
        ...(more ? { $skipToken: String(skip + top) } : {}),
      },
    };
  }
}

/** The rows a query's operators leave of a table's, or why the fixture cannot run one. */
function runOperators(
  operators: string[],
  resources: ArmResource[],
): Row[] | string {
  let rows: Row[] = resources.map(asRow);
  for (const operator of operators) {
    const next = applyOperator(operator, rows);
    if (typeof next === 'string') return next;
    rows = next;
  }
  return rows;
}

/** `column` or `column = a.b.c`. */
const PROJECTED = /^([a-z0-9_]+)(?:\s*=\s*([a-z0-9_]+(?:\.[a-z0-9_]+)*))?$/i;

function applyOperator(operator: string, rows: Row[]): Row[] | string {
  const typeIn = /^where type in~ \(((?:\s*'[^']*'\s*,?)+)\)$/i.exec(operator);
  if (typeIn) {
    const types = new Set(
      [...typeIn[1].matchAll(/'([^']*)'/g)].map(m => m[1].toLowerCase()),
    );
    return rows.filter(r => types.has(String(r.type)));
  }
  const typeIs = /^where type =~ '([^']*)'$/i.exec(operator);
  if (typeIs) {
    return rows.filter(r => r.type === typeIs[1].toLowerCase());
  }
  const project = /^project (.+)$/i.exec(operator);
  if (project) {
    const columns = project[1].split(',').map(c => PROJECTED.exec(c.trim()));
    if (columns.some(c => !c)) return `The fixture cannot run '${operator}'`;
    return rows.map(r =>
      Object.fromEntries(
        columns.map(c => [c![1], valueAt(r, (c![2] ?? c![1]).split('.'))]),
      ),
    );
  }
  if (/^order by id asc$/i.test(operator)) {
    return [...rows].sort((a, b) =>
      String(a.id).toLowerCase().localeCompare(String(b.id).toLowerCase()),
    );
  }
  const limit = /^limit (\d+)$/i.exec(operator);
  if (limit) return rows.slice(0, Number(limit[1]));
  return `The fixture cannot run '${operator}'`;
}

/** The value at a path of a row; `null` where absent, as Resource Graph projects it. */
function valueAt(row: Row, path: string[]): unknown {
  let value: unknown = row;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Row)[key];
  }
  return value ?? null;
}

/** A resource as a row: Resource Graph lower-cases `type`. */
function asRow(resource: ArmResource): Row {
  return { ...resource, type: resource.type?.toLowerCase() };
}

function badRequest(message: string): ResourceGraphAnswer {
  return { status: 400, code: 'BadRequest', message };
}
