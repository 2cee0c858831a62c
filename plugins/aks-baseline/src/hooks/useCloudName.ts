import { useApiHolder } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aksBaselineApiRef } from '../api';

/**
 * The Azure cloud the backend reads (`GET /about`), for links into the
 * right Azure portal; undefined (the backend's default, the public cloud)
 * until it answers, if it fails, or where no plugin API is installed.
 */
export function useCloudName(): string | undefined {
  const api = useApiHolder().get(aksBaselineApiRef);
  return useAsync(async () => (await api?.getAbout())?.cloud, [api]).value;
}
