import {
  buildDemoEstate,
  demoClusterObjects,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { indexInventory, resolveCluster } from '.';

const NOW = new Date('2026-11-26T12:00:00Z');
const inventory = inventoryOf(buildDemoEstate(NOW));
const index = indexInventory(inventory);
const objects = demoClusterObjects();

function chainsOf(name: string, read: boolean) {
  const cluster = inventory.managedClusters.find(c => c.name === name)!;
  return resolveCluster(cluster, index, {
    now: NOW,
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    vaultErrors: new Map(),
    subscriptionErrors: [],
    ...(read && objects[name]
      ? { kubernetes: { objects: objects[name] } }
      : { kubernetesUnavailableReason: 'not read' }),
  }).ingress;
}

describe('hop details', () => {
  it('leave out a list that is empty instead of showing a label with no value', () => {
    // The staging stamp talks HTTP to Traefik: its backend settings trust no root.
    const settings = chainsOf('aks-staging-weu', false)[0].hops.find(
      h => h.kind === 'backend-settings',
    )!;

    expect(settings.details.map(d => d.label)).toEqual([
      'Protocol',
      'Port',
      'Host name',
    ]);
  });

  it.each(inventory.managedClusters.map(c => c.name!))(
    'of %s have a value on every line, read or not',
    name => {
      const empty = [true, false]
        .flatMap(read => chainsOf(name, read))
        .flatMap(chain => chain.hops)
        .flatMap(hop =>
          hop.details
            .filter(d => d.value.trim() === '')
            .map(d => `${hop.kind}: ${d.label}`),
        );

      expect(empty).toEqual([]);
    },
  );
});
