import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Counts HTTP attempts for a set of SDK clients. Installed per retry (inside
 * the SDK's retry loop), so a throttled request and its retry count twice:
 * the number is what Azure saw, which is what its throttling budgets count.
 */
export class RequestMetrics {
  requestCount = 0;
  /** Attempts answered 429 Too Many Requests. */
  throttledCount = 0;

  readonly policy: PipelinePolicy = {
    name: 'aksBaselineRequestMetrics',
    sendRequest: async (request, next) => {
      this.requestCount += 1;
      const response = await next(request);
      if (response.status === 429) {
        this.throttledCount += 1;
      }
      return response;
    },
  };
}
