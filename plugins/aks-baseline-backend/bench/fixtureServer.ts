/*
 * The benchmark's fixture estate in a process of its own, so the refresh's
 * process (the backend) is measured without it: the child builds the estate
 * and serves it with the fixture transport (same latency, ARM throttle and
 * Resource Graph quota) over HTTP on loopback; the refresh's Azure SDK
 * clients reach it through `LoopbackFixtureClient`, an `HttpClient` that
 * sends each request there and passes the answer back unchanged.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type HttpMethods,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import {
  ArmFixtureTransport,
  type ArmFixtureTransportOptions,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/** The header carrying the URL the SDK asked for (the transport routes on it). */
const URL_HEADER = 'x-fixture-url';
const CONTROL = '/__fixture/';

/** What the parent asks the child for between cycles. */
export interface FixtureStats {
  requestCount: number;
  throttledCount: number;
  /** Requests whose path contains each asked fragment. */
  counts: Record<string, number>;
  rssMb: number;
}

/**
 * Serves `transport` on 127.0.0.1 (an ephemeral port); resolves with the
 * port once listening.
 */
export function serveFixture(transport: ArmFixtureTransport): Promise<number> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.startsWith(CONTROL)) {
        control(transport, req.url, body, res);
        return;
      }
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableEnded) abort.abort();
      });
      const request = createPipelineRequest({
        url: String(req.headers[URL_HEADER]),
        method: (req.method ?? 'GET') as HttpMethods,
        body: body.length > 0 ? body : undefined,
        abortSignal: abort.signal,
      });
      transport.sendRequest(request).then(
        answer => {
          res.writeHead(answer.status, answer.headers.toJSON());
          res.end(answer.bodyAsText ?? '');
        },
        error => {
          if (!res.headersSent) res.writeHead(599);
          res.end(String(error?.message ?? error));
        },
      );
    });
  });
  // Idle sockets stay open across a cycle's long CPU phases: a socket the
  // server closed while the client reused it would be a retried request.
  server.keepAliveTimeout = 30 * 60_000;
  server.headersTimeout = 30 * 60_000 + 1000;
  server.requestTimeout = 0;
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    ),
  );
}

function control(
  transport: ArmFixtureTransport,
  url: string,
  body: string,
  res: http.ServerResponse,
) {
  if (url === `${CONTROL}reset`) {
    transport.resetCounters();
    res.end('{}');
    return;
  }
  const fragments: string[] = body ? JSON.parse(body) : [];
  const stats: FixtureStats = {
    requestCount: transport.requestCount,
    throttledCount: transport.throttledCount,
    counts: Object.fromEntries(
      fragments.map(f => [f, transport.countRequests(f)]),
    ),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
  res.end(JSON.stringify(stats));
}

/** An Azure SDK `HttpClient` whose every request goes to the fixture child. */
export class LoopbackFixtureClient implements HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

  constructor(private readonly port: number) {}

  sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    return new Promise((resolve, reject) => {
      const body = typeof request.body === 'string' ? request.body : undefined;
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/',
          method: request.method,
          agent: this.agent,
          headers: {
            [URL_HEADER]: request.url,
            'content-type': 'application/json',
            ...(body !== undefined && {
              'content-length': Buffer.byteLength(body),
            }),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => {
            cleanup();
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') headers[name] = value;
            }
            resolve({
              request,
              status: res.statusCode ?? 599,
              headers: createHttpHeaders(headers),
              bodyAsText: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', fail);
        },
      );
      const onAbort = () => {
        req.destroy();
        const error = new Error('The operation was aborted.');
        error.name = 'AbortError';
        fail(error);
      };
      function cleanup() {
        request.abortSignal?.removeEventListener('abort', onAbort);
      }
      function fail(error: unknown) {
        cleanup();
        reject(error);
      }
      if (request.abortSignal?.aborted) {
        onAbort();
        return;
      }
      request.abortSignal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(body);
    });
  }

  /** Forgets the child's counted requests and throttle windows. */
  async reset(): Promise<void> {
    await this.control('reset', []);
  }

  async stats(fragments: string[]): Promise<FixtureStats> {
    return JSON.parse(await this.control('stats', fragments));
  }

  private async control(what: string, body: unknown): Promise<string> {
    try {
      return await this.controlOnce(what, body);
    } catch {
      // A kept-alive socket closed under us: once more, on a new one.
      return this.controlOnce(what, body);
    }
  }

  private controlOnce(what: string, body: unknown): Promise<string> {
    return new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: `${CONTROL}${what}`,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-length': Buffer.byteLength(text) },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Starts `module` (this benchmark's file) as the fixture child with `args`;
 * resolves with the child and the port it prints (`FIXTURE_PORT <n>`).
 */
export function startFixtureChild(
  module: string,
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(module, args, {
      // Not the parent's profiling or heap limit: those are for the refresh.
      execArgv: process.execArgv.filter(
        a => !a.startsWith('--cpu-prof') && !a.startsWith('--max-old-space'),
      ),
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const match = /FIXTURE_PORT (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', code =>
      reject(new Error(`the fixture child exited (${code}) before serving`)),
    );
  });
}

/** Runs in the child: builds the transport and serves it. */
export async function runFixtureChild(
  options: ArmFixtureTransportOptions,
): Promise<void> {
  const port = await serveFixture(new ArmFixtureTransport(options));
  process.stdout.write(`FIXTURE_PORT ${port}\n`);
  // The parent's exit (or its kill) ends this process.
  process.on('disconnect', () => process.exit(0));
}
