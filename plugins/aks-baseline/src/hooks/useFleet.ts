import { ClusterListQuery } from '@aks-baseline/plugin-aks-baseline-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aksBaselineApiRef } from '../api';

/**
 * One page of the fleet list; `retry` reloads it. While the next page or
 * filter loads, the last value stays so the table does not flash empty.
 */
export function useFleet(query: ClusterListQuery = {}) {
  const api = useApi(aksBaselineApiRef);
  // The query is rebuilt on each render: depend on its content.
  const key = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.listClusters(query), [api, key]);
}
