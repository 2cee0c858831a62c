import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Keeps the JSON body of every successful response one SDK client receives,
 * in order, so callers get ARM's REST shape (settings under `properties`)
 * instead of the SDK's flattened models.
 *
 * Why a policy and not the `onResponse` operation option: the modular clients
 * (`@azure/arm-containerservice` 25, `@azure/arm-keyvault` 5) call
 * `onResponse` for the first page only; later pages are fetched without the
 * operation's options (see `responseBodyRecorder.test.ts`). Installed per
 * call (outside the retry loop) it sees each page's final answer once.
 * Use one recorder per client and operation, so that bodies cannot mix.
 */
export class ResponseBodyRecorder {
  readonly bodies: unknown[] = [];

  readonly policy: PipelinePolicy = {
    name: 'aksBaselineResponseBodyRecorder',
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (
        response.status >= 200 &&
        response.status < 300 &&
        response.bodyAsText
      ) {
        try {
          this.bodies.push(JSON.parse(response.bodyAsText));
        } catch {
          // Not JSON: the SDK reports the malformed body itself.
        }
      }
      return response;
    },
  };
}
