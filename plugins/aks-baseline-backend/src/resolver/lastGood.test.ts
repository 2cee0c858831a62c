import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { indexInventory } from './inventoryIndex';
import { keepLastGood, subscriptionsUsedBy } from './lastGood';
import { ListingGap } from './listingGaps';
import { resolveCluster } from './resolveCluster';

const T0 = new Date('2026-11-26T12:00:00Z');
const T1 = new Date('2026-12-06T12:00:00Z');

function demoSnapshot(now: Date, name = 'aks-prod-weu'): ClusterSnapshot {
  const inventory = inventoryOf(buildDemoEstate(now));
  return resolveCluster(
    inventory.managedClusters.find(c => c.name === name)!,
    indexInventory(inventory),
    {
      now,
      thresholds: DEFAULT_EXPIRY_THRESHOLDS,
      vaultErrors: new Map(),
      subscriptionErrors: [],
    },
  );
}

/** A snapshot whose every hop and control says it is the old one. */
function marked(snapshot: ClusterSnapshot): ClusterSnapshot {
  const hop = <T extends { statusText: string }>(h: T) => ({
    ...h,
    statusText: 'last good',
  });
  return {
    ...snapshot,
    ingress: snapshot.ingress.map(c => ({ ...c, hops: c.hops.map(hop) })),
    egress: snapshot.egress.map(hop),
    keyVault: snapshot.keyVault.map(hop),
    controls: snapshot.controls.map(c => ({ ...c, reason: 'last good' })),
  };
}

const gap = (input: ListingGap['input']): ListingGap => ({
  input,
  error: {
    kind: 'subscription',
    scope: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    message: `Listing ${input} failed: 500 InternalServerError`,
    status: 500,
  },
});

describe('keepLastGood', () => {
  const fresh = demoSnapshot(T1);
  const lastGood = marked(demoSnapshot(T0));
  const clock = { now: T1, thresholds: DEFAULT_EXPIRY_THRESHOLDS };

  it('takes only what a failed route table list feeds from the last good snapshot', () => {
    const { snapshot, staleReason } = keepLastGood(
      fresh,
      [gap('routeTables')],
      lastGood,
      clock,
    );

    expect(snapshot.egress).toEqual(lastGood.egress);
    expect(snapshot.ingress).toEqual(fresh.ingress);
    expect(snapshot.keyVault).toEqual(fresh.keyVault);
    expect(snapshot.certificates).toEqual(fresh.certificates);
    const keptControls = snapshot.controls
      .filter(c => c.reason === 'last good')
      .map(c => c.id);
    expect(keptControls).toEqual(['NET-03', 'FW-01', 'FW-02']);
    expect(staleReason).toBe(
      'Listing routeTables failed: 500 InternalServerError (subscription 6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b); ' +
        `kept the egress path, controls NET-03, FW-02, FW-01 of ${T0.toISOString()}`,
    );
  });

  it('counts kept certificates down to now', () => {
    const { snapshot } = keepLastGood(
      fresh,
      [gap('keyVaults')],
      demoSnapshot(T0, 'aks-dev-neu'),
      clock,
    );

    // aks-dev-neu's trust root had 5 days left at T0: expired 5 days later.
    const root = snapshot.certificates.find(
      c => c.purpose === 'backend-trust-root',
    )!;
    expect(root).toMatchObject({
      daysLeft: -5,
      status: 'expired',
      statusText: 'expired 5 days ago',
    });
  });

  it('leaves the fresh snapshot, unknown parts marked, when there is no last good one', () => {
    const { snapshot, staleReason } = keepLastGood(
      fresh,
      [gap('privateEndpoints')],
      undefined,
      clock,
    );

    expect(snapshot).toBe(fresh);
    expect(staleReason).toMatch(/not observed until that list succeeds$/);
  });
});

describe('subscriptionsUsedBy', () => {
  it('names the subscriptions of the resources a snapshot shows, the own one aside', () => {
    const snapshot = demoSnapshot(T0);
    const hub = '00000000-0000-4000-8000-00000000abcd';
    const egress = snapshot.egress.map(h =>
      h.kind === 'firewall'
        ? {
            ...h,
            resourceId: `/subscriptions/${hub}/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw`,
          }
        : h,
    );

    expect(subscriptionsUsedBy({ ...snapshot, egress })).toEqual([hub]);
    expect(subscriptionsUsedBy(snapshot)).toEqual([]);
  });
});
