import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aksBaselineApiRef } from '../api';

/** The fleet list; `retry` reloads it and keeps the last value meanwhile. */
export function useFleet() {
  const api = useApi(aksBaselineApiRef);
  return useAsyncRetry(() => api.listClusters(), [api]);
}
