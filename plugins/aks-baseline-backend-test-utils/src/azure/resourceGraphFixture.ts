import {
  parseArmId,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';

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

/**
 * Answers Resource Graph queries over the fixture estate, as the service
 * would for the `Resources` table: rows are the top-level resources of the
 * requested subscriptions, `type` lower-cased, projected columns absent on
 * a resource are `null`, pages of `$top` rows (default 100, at most 1000)
 * carry a `$skipToken` while more remain. The query language is a small,
 * strict subset of KQL, enough for the plugin's and Microsoft's recorded
 * examples (`../shared/azure-examples/resourceGraph_*`): `where type in~
 * ('a', 'b')`, `where type =~ 'a'`, `project c1, c2`, `order by id asc`,
 * `limit n`. Anything else is a 400, so a query the fixture cannot run
 * never passes silently.
 */
export class ResourceGraphFixture {
  private readonly bySubscription = new Map<string, ArmResource[]>();

  constructor(resources: readonly ArmResource[]) {
    for (const resource of resources) {
      const parts = resource.id ? parseArmId(resource.id) : undefined;
      // Child resources (a vault's secrets) are not rows of `Resources`.
      if (!parts || parts.types.length !== 1) continue;
      const key = parts.subscriptionId.toLowerCase();
      const rows = this.bySubscription.get(key) ?? [];
      rows.push(resource);
      this.bySubscription.set(key, rows);
    }
  }

  /** The result the last first page was cut from, for its next pages. */
  private paging?: { key: string; result: Row[] | string };

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
    if (skip > 0 && this.paging?.key === key) return this.paging.result;
    const rows = subscriptions.flatMap(
      s => this.bySubscription.get(s.toLowerCase()) ?? [],
    );
    const result = runQuery(query, rows);
    this.paging = { key, result };
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

/** The rows a query returns, or why the fixture cannot run it. */
function runQuery(query: string, resources: ArmResource[]): Row[] | string {
  const [table, ...operators] = query.split('|').map(s => s.trim());
  if (table.toLowerCase() !== 'resources') {
    return `The fixture knows only the Resources table, not '${table}'`;
  }
  let rows: Row[] = resources.map(asRow);
  for (const operator of operators) {
    const next = applyOperator(operator, rows);
    if (typeof next === 'string') return next;
    rows = next;
  }
  return rows;
}

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
  const project = /^project ([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)$/i.exec(
    operator,
  );
  if (project) {
    const columns = project[1].split(',').map(c => c.trim());
    return rows.map(r =>
      Object.fromEntries(columns.map(c => [c, r[c] ?? null])),
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

/** A resource as a `Resources` row: Resource Graph lower-cases `type`. */
function asRow(resource: ArmResource): Row {
  return { ...resource, type: resource.type?.toLowerCase() };
}

function badRequest(message: string): ResourceGraphAnswer {
  return { status: 400, code: 'BadRequest', message };
}
