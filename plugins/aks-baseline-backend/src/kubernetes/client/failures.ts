import { ApiException } from '@kubernetes/client-node';

/** Why one list call failed, sorted into what the reader does about it. */
export type ListFailure =
  /** No HTTP answer: DNS, connection, deadline. Normal for private clusters. */
  | { kind: 'unreachable'; detail: string }
  /** The server's certificate is not trusted. */
  | { kind: 'tls'; detail: string }
  /** The API server answered with an error status. */
  | { kind: 'status'; status: number; message?: string }
  /** The caller gave up (refresh deadline, shutdown). */
  | { kind: 'cancelled' };

const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

const TLS_CODE =
  /^(ERR_TLS_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|CERT_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** Sorts an error thrown by a client call (or by node-fetch under it). */
export function classifyFailure(
  error: unknown,
  context: { host: string; timeoutMs: number; timedOut: boolean },
): ListFailure {
  if (error instanceof ApiException) {
    return {
      kind: 'status',
      status: error.code,
      message: statusMessage(error.body),
    };
  }
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  if (
    name === 'AbortError' ||
    (error as { type?: string })?.type === 'aborted'
  ) {
    return context.timedOut
      ? {
          kind: 'unreachable',
          detail: `no answer from ${context.host} within ${
            context.timeoutMs / 1000
          } s`,
        }
      : { kind: 'cancelled' };
  }
  if (code && TLS_CODE.test(code)) {
    return {
      kind: 'tls',
      detail: `${context.host} presented a certificate the portal does not trust (${code})`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      kind: 'unreachable',
      detail: `${context.host} does not resolve from the portal's network (${code})`,
    };
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return { kind: 'unreachable', detail: `${code} from ${context.host}` };
  }
  return {
    kind: 'unreachable',
    detail: `${context.host}: ${(error as Error)?.message ?? String(error)}`,
  };
}

/** The `message` of a Kubernetes `Status` body, when the body is one. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim().slice(0, 300) || undefined;
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
}
