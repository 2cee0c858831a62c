import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { type AbortSignalLike, linkAbortSignals } from './linkedAbortSignal';

/**
 * Ties every request of a client to `cancel` (e.g. the scheduler abandoning
 * a refresh), including the pages the modular clients fetch without the
 * operation's options. Installed per call, outside the retry loop, so a
 * cancelled refresh also stops waiting out a `Retry-After`.
 */
export function cancellationPolicy(cancel: AbortSignalLike): PipelinePolicy {
  return {
    name: 'aksBaselineCancellation',
    async sendRequest(request, next) {
      const callerSignal = request.abortSignal;
      const linked = linkAbortSignals([callerSignal, cancel]);
      request.abortSignal = linked.signal;
      try {
        return await next(request);
      } finally {
        linked.dispose();
        request.abortSignal = callerSignal;
      }
    },
  };
}
