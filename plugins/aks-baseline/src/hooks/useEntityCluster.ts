import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aksBaselineApiRef } from '../api';

/** The cluster behind a catalog entity (narrowed to the app's host for an app). */
export function useEntityCluster(entityRef: string) {
  const api = useApi(aksBaselineApiRef);
  return useAsyncRetry(() => api.getEntity(entityRef), [api, entityRef]);
}
