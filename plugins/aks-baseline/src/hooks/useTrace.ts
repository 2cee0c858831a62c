import { TraceRequest } from '@aks-baseline/plugin-aks-baseline-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aksBaselineApiRef, ClusterKey } from '../api';

/** Runs a packet trace on a cluster's stored snapshot when asked. */
export function useTrace(cluster: ClusterKey) {
  const api = useApi(aksBaselineApiRef);
  const { subscriptionId, resourceGroup, name } = cluster;
  return useAsyncFn(
    (request: TraceRequest) =>
      api.traceCluster({ subscriptionId, resourceGroup, name }, request),
    [api, subscriptionId, resourceGroup, name],
  );
}
