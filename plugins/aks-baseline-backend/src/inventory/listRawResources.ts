import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ResponseBodyRecorder } from '../azure';

/** The part of an SDK list result the inventory drives: its pages. */
export interface PagedList {
  byPage(): AsyncIterableIterator<unknown[]>;
}

/**
 * Runs one SDK list operation to its last page and returns the items as ARM
 * sent them (REST shape).
 *
 * `open` builds a fresh SDK client with the given per-call policies and starts
 * the operation; the SDK follows `nextLink`, retries and parses, and its
 * errors (HTTP status, malformed body, a `value` that is not a list) end the
 * call. The raw bodies come from a recorder on that client alone.
 */
export async function listRawResources(
  open: (perCallPolicies: PipelinePolicy[]) => PagedList,
): Promise<ArmResource[]> {
  const recorder = new ResponseBodyRecorder();
  let sdkItemCount = 0;
  for await (const page of open([recorder.policy]).byPage()) {
    sdkItemCount += page.length;
  }
  const items = recorder.bodies.flatMap(rawPageItems);
  if (items.length !== sdkItemCount) {
    // The recorder and the SDK saw different pages; better no data than wrong data.
    throw new Error(
      `Captured ${items.length} raw items but the SDK listed ${sdkItemCount}`,
    );
  }
  return items;
}

function rawPageItems(body: unknown): ArmResource[] {
  const value = (body as { value?: unknown } | null)?.value;
  return Array.isArray(value) ? (value as ArmResource[]) : [];
}
