import { ClusterSummary } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * A subscription as people name it: its display name when Azure listed it,
 * else the first block of its GUID, which tells subscriptions apart.
 */
export function subscriptionLabel(
  subscription: Pick<ClusterSummary, 'subscriptionId' | 'subscriptionName'>,
): string {
  return (
    subscription.subscriptionName ??
    `${subscription.subscriptionId.split('-')[0]}…`
  );
}
