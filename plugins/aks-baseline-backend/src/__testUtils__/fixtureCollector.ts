import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { getCloudSettings } from '../azure';
import {
  ArmFixtureFault,
  ArmFixtureTransport,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { collectInventory } from '../inventory';
import { clusterTelemetryTargets } from '../resolver';
import type { FleetRefresherOptions } from '../service/FleetRefresher';

/**
 * Test-only: the refresher's `collect` through the real inventory and Azure
 * SDK pipeline, over an estate served by the fixture transport. Both arguments are
 * read at each collection, so a test can change the estate or the faults
 * between refreshes. No retries: a fault answers at once.
 */
export function fixtureCollector(
  estate: () => ArmResource[],
  faults: () => ArmFixtureFault[] = () => [],
  mode: 'arm' | 'resourceGraph' = 'arm',
): FleetRefresherOptions['collect'] {
  return (subscriptions, signal) =>
    collectInventory({
      mode,
      subscriptionIds: subscriptions,
      credential: new StaticTokenCredential(),
      cloud: getCloudSettings('AzurePublicCloud'),
      httpClient: new ArmFixtureTransport({
        resources: estate(),
        faults: faults(),
      }),
      maxRetries: 0,
      selectTelemetryTargets: clusterTelemetryTargets,
      signal,
    });
}
