import { DEMO_SUBSCRIPTIONS } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import type { ClusterSelection } from '../service/FleetRefresher';

/** Test-only: what a source taking every cluster of the demo's subscriptions selects. */
export function everyDemoCluster(): ClusterSelection {
  return {
    all: true,
    ids: new Set(),
    subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
    entityRefs: new Map(),
  };
}
