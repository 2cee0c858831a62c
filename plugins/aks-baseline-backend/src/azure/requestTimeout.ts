import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { linkAbortSignals } from './linkedAbortSignal';

/** An ARM request that got no answer in time. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number, url: string) {
    super(`No answer within ${timeoutMs} ms from ${new URL(url).pathname}`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * Gives every HTTP attempt its own deadline.
 *
 * A pipeline policy rather than an `abortSignal` operation option because the
 * generated "modular" clients (`@azure/arm-containerservice` 25) fetch a
 * list's pages after the first without the operation's options, so an
 * option-borne signal would not reach them; and the REST lists
 * (`armRestList.ts`) share one pipeline per refresh.
 * It runs inside the retry loop (position `perRetry`), and the error it throws
 * is not a `RestError`, so the SDK does not retry a timed-out request: a hung
 * endpoint costs one timeout, not `maxRetries + 1` of them.
 */
export function requestTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'aksBaselineRequestTimeout',
    async sendRequest(request, next) {
      const callerSignal = request.abortSignal;
      const linked = linkAbortSignals([callerSignal]);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        linked.abort();
      }, timeoutMs);
      request.abortSignal = linked.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut) {
          throw new RequestTimeoutError(timeoutMs, request.url);
        }
        throw error;
      } finally {
        clearTimeout(timer);
        linked.dispose();
        // The same request object is sent again on a retry.
        request.abortSignal = callerSignal;
      }
    },
  };
}
