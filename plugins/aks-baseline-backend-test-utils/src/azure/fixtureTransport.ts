import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { FixtureIndex, normalizeArmPath } from './fixtureIndex';
import {
  RESOURCE_GRAPH_PATH,
  ResourceGraphFixture,
} from './resourceGraphFixture';
import { PolicyAssignmentFixture } from './policyAssignmentFixture';

/** A subscription's policy assignment list (PolicyAssignments_List), lower-cased. */
const POLICY_ASSIGNMENT_LIST =
  /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/policyassignments$/;

/** Tenant every fixture subscription belongs to. */
export const FIXTURE_TENANT_ID = '00000000-0000-0000-0000-0000000000aa';

/** ARM's per-subscription read throttling, simulated. */
export interface ArmFixtureThrottle {
  /** Requests a subscription may make per window before it gets 429s. */
  requestsPerWindow: number;
  windowMs: number;
  /** Sent as `Retry-After` with each 429. */
  retryAfterSeconds: number;
}

/** A failure injected into requests whose URL matches. */
export interface ArmFixtureFault {
  match: (url: URL) => boolean;
  /** Defaults to 200 when `body` is given (a malformed success), else 500. */
  status?: number;
  /** Raw response body; defaults to an ARM error body for the status. */
  body?: string;
  /** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
  headers?: Record<string, string>;
  /** Never answer; only the request's abort signal ends it (timeouts). */
  hang?: boolean;
  /** How many matching requests fail; then the fault is spent. Default: all. */
  times?: number;
}

export interface ArmFixtureTransportOptions {
  /** The estate, REST shape, each with its full `id`; children under their parent's id. */
  resources: ArmResource[];
  /** Items per list page before a `nextLink`. Default 100. */
  pageSize?: number;
  /** Delay before every answer. Default 0. */
  latencyMs?: number;
  throttle?: ArmFixtureThrottle;
  faults?: ArmFixtureFault[];
  /** Subscriptions `GET /subscriptions` answers; default: those the resources live in. */
  subscriptions?: string[];
  /**
   * Display names `GET /subscriptions` (and `GET /subscriptions/{id}`) give,
   * by subscription id (any case); default `fixture-{first block}`.
   */
  subscriptionNames?: Record<string, string>;
  /**
   * Resource Graph's per-user quota, simulated: each answer carries
   * `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after`, and a
   * query over quota is a 429 (Microsoft's default: 15 per 5 s).
   */
  resourceGraphQuota?: { queriesPerWindow: number; windowMs: number };
  /**
   * Management groups by name, each with every subscription under it
   * (directly or through its child groups). Their policy assignments (ids
   * `/providers/Microsoft.Management/managementGroups/{name}/providers/
   * Microsoft.Authorization/policyAssignments/...` in `resources`) are in the
   * policy assignment list of each of those subscriptions.
   */
  managementGroups?: Record<string, string[]>;
}

/** One request as the transport saw it. */
export interface ArmFixtureRequestRecord {
  method: string;
  /** URL path as requested (case kept). */
  path: string;
  url: string;
  /** Status answered; `undefined` when the request was aborted first. */
  status?: number;
}

interface FixtureAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * An `HttpClient` for the Azure SDK pipeline that answers from an in-memory
 * ARM estate, so the real pipeline (retries, deadlines, the plugin's REST
 * lists and their paging, the SDK clients it still uses) runs unchanged
 * above it. Used by tests, the demo module and benchmarks.
 *
 * Routing ignores `api-version` and case: `GET <resource id>` answers the
 * resource; `GET` on a collection (all of a type in a subscription or
 * resource group, or `<parent id>/<childType>`) answers pages of
 * `{ value, nextLink }`, the `nextLink` carrying a `$skipToken`; anything
 * else is a 404 with ARM's error body.
 */
export class ArmFixtureTransport implements HttpClient {
  private readonly index: FixtureIndex;
  private readonly graph: ResourceGraphFixture;
  private readonly policyAssignments: PolicyAssignmentFixture;
  private readonly graphQuota?: ArmFixtureTransportOptions['resourceGraphQuota'];
  private graphWindow = { start: 0, count: 0 };
  private readonly pageSize: number;
  private readonly latencyMs: number;
  private readonly throttle?: ArmFixtureThrottle;
  private readonly faults: Array<ArmFixtureFault & { remaining: number }>;
  private readonly windows = new Map<
    string,
    { start: number; count: number }
  >();
  private readonly log: ArmFixtureRequestRecord[] = [];
  private readonly subscriptionNames: Map<string, string>;
  private throttled = 0;
  private nextRequestId = 1;

  constructor(options: ArmFixtureTransportOptions) {
    this.index = new FixtureIndex(options.resources, options.subscriptions);
    this.subscriptionNames = new Map(
      Object.entries(options.subscriptionNames ?? {}).map(([id, name]) => [
        id.toLowerCase(),
        name,
      ]),
    );
    this.graph = new ResourceGraphFixture(options.resources);
    this.policyAssignments = new PolicyAssignmentFixture(
      options.resources,
      options.managementGroups,
    );
    this.graphQuota = options.resourceGraphQuota;
    this.pageSize = Math.max(1, options.pageSize ?? 100);
    this.latencyMs = options.latencyMs ?? 0;
    this.throttle = options.throttle;
    this.faults = (options.faults ?? []).map(fault => ({
      ...fault,
      remaining: fault.times ?? Infinity,
    }));
  }

  /** Requests received, including retries and aborted ones. */
  get requestCount(): number {
    return this.log.length;
  }

  /** Requests answered 429 by the simulated throttle. */
  get throttledCount(): number {
    return this.throttled;
  }

  /** Every request received, in order. */
  get requests(): readonly ArmFixtureRequestRecord[] {
    return this.log;
  }

  /** Requests whose path contains `fragment` (ignoring case) or matches it. */
  countRequests(fragment: string | RegExp): number {
    const matches =
      typeof fragment === 'string'
        ? (path: string) => path.toLowerCase().includes(fragment.toLowerCase())
        : (path: string) => fragment.test(path);
    return this.log.filter(record => matches(record.path)).length;
  }

  /** Forgets counted requests and throttle windows (not the faults spent). */
  resetCounters(): void {
    this.log.length = 0;
    this.throttled = 0;
    this.windows.clear();
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const record: ArmFixtureRequestRecord = {
      method: request.method,
      path: url.pathname,
      url: request.url,
    };
    this.log.push(record);
    const signal = request.abortSignal;

    throwIfAborted(signal);
    if (this.latencyMs > 0) {
      await delay(this.latencyMs, signal);
    }
    const answer = await this.answer(request, url, signal);
    record.status = answer.status;
    return {
      request,
      status: answer.status,
      bodyAsText: answer.body,
      headers: createHttpHeaders({
        'content-type': 'application/json; charset=utf-8',
        'x-ms-request-id': `fixture-${this.nextRequestId++}`,
        ...answer.headers,
      }),
    };
  }

  private async answer(
    request: PipelineRequest,
    url: URL,
    signal: PipelineRequest['abortSignal'],
  ): Promise<FixtureAnswer> {
    const { method } = request;
    const graph =
      method === 'POST' &&
      normalizeArmPath(url.pathname) === RESOURCE_GRAPH_PATH;
    // Resource Graph has its own quota, not ARM's per-subscription one.
    const throttled = graph ? undefined : this.applyThrottle(url.pathname);
    if (throttled) {
      return throttled;
    }
    const fault = this.faults.find(f => f.remaining > 0 && f.match(url));
    if (fault) {
      fault.remaining -= 1;
      if (fault.hang) {
        await waitForAbort(signal);
      }
      const status = fault.status ?? (fault.body !== undefined ? 200 : 500);
      return {
        status,
        body:
          fault.body ??
          armError(faultCode(status), `Injected fault (${status})`),
        headers: fault.headers,
      };
    }
    if (graph) return this.answerResourceGraph(request.body);
    if (method !== 'GET') {
      return {
        status: 405,
        body: armError(
          'MethodNotAllowed',
          `The fixture estate is read-only (${method})`,
        ),
      };
    }
    return this.route(url);
  }

  /** A Resource Graph query, within its quota. */
  private answerResourceGraph(body: PipelineRequest['body']): FixtureAnswer {
    const quota = this.graphQuotaHeaders();
    if (quota.exceeded) {
      this.throttled += 1;
      return {
        status: 429,
        body: armError(
          'RateLimiting',
          'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed',
        ),
        headers: quota.headers,
      };
    }
    const answer = this.graph.answer(
      typeof body === 'string' ? body : undefined,
    );
    if ('body' in answer) return { ...ok(answer.body), headers: quota.headers };
    return {
      status: answer.status,
      body: armError(answer.code, answer.message),
      headers: quota.headers,
    };
  }

  private graphQuotaHeaders(): {
    exceeded: boolean;
    headers?: Record<string, string>;
  } {
    if (!this.graphQuota) return { exceeded: false };
    const { queriesPerWindow, windowMs } = this.graphQuota;
    const now = Date.now();
    if (now - this.graphWindow.start >= windowMs) {
      this.graphWindow = { start: now, count: 0 };
    }
    const exceeded = this.graphWindow.count >= queriesPerWindow;
    if (!exceeded) this.graphWindow.count += 1;
    const resetsInSeconds = Math.ceil(
      (this.graphWindow.start + windowMs - now) / 1000,
    );
    return {
      exceeded,
      headers: {
        'x-ms-user-quota-remaining': String(
          queriesPerWindow - this.graphWindow.count,
        ),
        'x-ms-user-quota-resets-after': `00:00:${String(
          resetsInSeconds,
        ).padStart(2, '0')}`,
      },
    };
  }

  /** A subscription as ARM's subscription list shows it. */
  private subscription(subscriptionId: string) {
    return fixtureSubscription(
      subscriptionId,
      this.subscriptionNames.get(subscriptionId.toLowerCase()),
    );
  }

  private route(url: URL): FixtureAnswer {
    const path = normalizeArmPath(url.pathname);
    const policyList = POLICY_ASSIGNMENT_LIST.exec(path);
    if (policyList && this.index.subscriptions.has(policyList[1])) {
      return this.policyAssignmentList(url, policyList[1]);
    }
    const route = this.index.route(path);
    switch (route.kind) {
      case 'resource':
        return ok(route.resource);
      case 'collection':
        return ok(this.page(url, route.items));
      case 'subscriptions':
        return ok(
          this.page(
            url,
            [...this.index.subscriptions.values()].map(id =>
              this.subscription(id),
            ),
          ),
        );
      case 'subscription':
        return ok(this.subscription(route.subscriptionId));
      default:
        return { status: 404, body: armError(route.code, route.message) };
    }
  }

  /** Every assignment at, under or above the subscription (see `PolicyAssignmentFixture`). */
  private policyAssignmentList(
    url: URL,
    subscriptionId: string,
  ): FixtureAnswer {
    const listed = this.policyAssignments.listOf(
      subscriptionId,
      url.searchParams.get('$filter'),
    );
    if (typeof listed === 'string') {
      return { status: 400, body: armError('InvalidFilter', listed) };
    }
    return ok(this.page(url, listed));
  }

  private page(url: URL, items: readonly unknown[]) {
    const skip = Number(url.searchParams.get('$skipToken') ?? 0) || 0;
    const value = items.slice(skip, skip + this.pageSize);
    if (skip + this.pageSize >= items.length) {
      return { value };
    }
    const next = new URL(url.toString());
    next.searchParams.set('$skipToken', String(skip + this.pageSize));
    return { value, nextLink: next.toString() };
  }

  /** Fixed windows per subscription; a throttled request does not use budget. */
  private applyThrottle(pathname: string): FixtureAnswer | undefined {
    if (!this.throttle) {
      return undefined;
    }
    const { requestsPerWindow, windowMs, retryAfterSeconds } = this.throttle;
    const key = subscriptionOfPath(pathname) ?? 'tenant';
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= requestsPerWindow) {
      this.throttled += 1;
      return {
        status: 429,
        body: armError(
          'TooManyRequests',
          `Number of read requests for subscription '${key}' exceeded the limit of '${requestsPerWindow}' for time interval '${windowMs}ms'. Please try again after '${retryAfterSeconds}' seconds.`,
        ),
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ms-ratelimit-remaining-subscription-reads': '0',
        },
      };
    }
    window.count += 1;
    return undefined;
  }
}

function ok(body: unknown): FixtureAnswer {
  return { status: 200, body: JSON.stringify(body) };
}

function fixtureSubscription(subscriptionId: string, displayName?: string) {
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName: displayName ?? `fixture-${subscriptionId.slice(0, 8)}`,
    state: 'Enabled',
    tenantId: FIXTURE_TENANT_ID,
  };
}

/** ARM's error envelope. */
export function armError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function faultCode(status: number): string {
  switch (status) {
    case 401:
      return 'AuthenticationFailed';
    case 403:
      return 'AuthorizationFailed';
    case 404:
      return 'ResourceNotFound';
    case 429:
      return 'TooManyRequests';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

type AbortSignalLike = PipelineRequest['abortSignal'];

function throwIfAborted(signal: AbortSignalLike) {
  if (signal?.aborted) {
    throw abortError();
  }
}

function waitForAbort(signal: AbortSignalLike): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) {
      return; // hangs for good, as a dead server would
    }
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    signal.addEventListener('abort', () => reject(abortError()), {
      once: true,
    });
  });
}

function delay(ms: number, signal: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    const pending: { timer?: ReturnType<typeof setTimeout> } = {};
    const onAbort = () => {
      clearTimeout(pending.timer);
      reject(abortError());
    };
    pending.timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The subscription id an ARM path starts with, lower-cased, if any. */
function subscriptionOfPath(path: string): string | undefined {
  const match = /^\/subscriptions\/([^/]+)/i.exec(path);
  return match ? match[1].toLowerCase() : undefined;
}
