import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aksBaselineApiRef } from '../api';

export function useAbout() {
  const api = useApi(aksBaselineApiRef);
  return useAsync(() => api.getAbout(), [api]);
}
