/*
 * What the catalog entity provider adds to a fleet refresh.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/aks-baseline-backend/bench/catalogProviderBench.ts
 *
 * For each estate (synthetic, baseline-shaped, fixture transport without
 * latency so the refresh's own work is the baseline), one FleetRefresher on
 * SQLite refreshes three times with the discovered-clusters hub and the
 * catalog module's provider subscribed: the first refresh gives the catalog
 * a full mutation, the second (same estate) nothing, the third (one cluster
 * deleted in Azure) a delta. The provider's share is timed around the
 * publication (store read, entities, claims query to an in-memory catalog,
 * plan); the catalog's own ingestion (its database writes and processing) is
 * outside it. Prints a markdown table; writes bench-results/catalog-provider.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ArmResource,
  DEFAULT_EXPIRY_THRESHOLDS,
} from '@aks-baseline/plugin-aks-baseline-common';
import { DiscoveredClustersHub } from '@aks-baseline/plugin-aks-baseline-node';
import {
  ArmFixtureTransport,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  AksClusterEntityProvider,
  readProviderConfig,
} from '@aks-baseline/plugin-catalog-backend-module-aks-baseline';
import knexFactory from 'knex';
import { getCloudSettings } from '../src/azure/cloud';
import { collectInventory } from '../src/inventory';
import { FleetRefresher } from '../src/service/FleetRefresher';
import { readDiscoveredClusters } from '../src/service/discoveredClusters';
import { SnapshotStore } from '../src/store/SnapshotStore';
import { syntheticEstate } from '../src/__testUtils__/syntheticEstate';

const ESTATES = [
  { clusters: 5, subscriptions: 2 },
  { clusters: 1000, subscriptions: 10 },
];
const cloud = getCloudSettings('AzurePublicCloud');
const logger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => logger,
};

interface Step {
  step: string;
  refreshMs: number;
  providerMs: number;
  mutation: string;
  entities: number;
}

const isCluster = (r: ArmResource) =>
  r.type?.toLowerCase() === 'microsoft.containerservice/managedclusters';

async function measure(clusters: number, subscriptions: number) {
  const estate = syntheticEstate({ clusters, subscriptions });
  let resources = estate.resources;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const store = await SnapshotStore.create({
    database: { getClient: async () => knex } as any,
  });
  const hub = new DiscoveredClustersHub(error => {
    throw error;
  });
  hub.setReader(() => readDiscoveredClusters(store));
  const mutations: EntityProviderMutation[] = [];
  const provider = new AksClusterEntityProvider({
    config: readProviderConfig(new ConfigReader({})),
    logger,
    auth: {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials' as const,
        principal: { type: 'service' as const, subject: 'bench' },
      }),
    },
    catalog: catalogServiceMock({ entities: [] }),
    discoveredClusters: hub,
  });
  await provider.connect({
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  });
  let providerMs = 0;
  const refresher = new FleetRefresher({
    store,
    logger,
    select: async () => ({
      all: true,
      ids: new Set(),
      subscriptions: estate.subscriptionIds,
      entityRefs: new Map(),
    }),
    collect: list =>
      collectInventory({
        subscriptionIds: list!,
        credential: new StaticTokenCredential(),
        cloud,
        httpClient: new ArmFixtureTransport({ resources, pageSize: 100 }),
      }),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in the benchmark',
    publishStored: async () => {
      const started = performance.now();
      await hub.refreshed();
      providerMs = performance.now() - started;
    },
  });

  const steps: Step[] = [];
  const run = async (step: string) => {
    const before = mutations.length;
    const started = performance.now();
    await refresher.refresh();
    const refreshMs = performance.now() - started;
    const mutation = mutations[before];
    let described = 'none (nothing changed)';
    let entities = 0;
    if (mutation?.type === 'full') {
      described = 'full';
      entities = mutation.entities.length;
    } else if (mutation?.type === 'delta') {
      described = `delta +${mutation.added.length} -${mutation.removed.length}`;
      entities = mutation.added.length + mutation.removed.length;
    }
    steps.push({ step, refreshMs, providerMs, mutation: described, entities });
  };

  await run('first refresh');
  await run('same estate');
  const gone = resources.find(isCluster)!.id!;
  resources = resources.filter(r => r.id !== gone);
  await run('one cluster deleted');
  await knex.destroy();
  return { clusters, subscriptions, steps };
}

async function main() {
  const results = [];
  const lines = [
    '| clusters | step | refresh ms (incl. provider) | provider ms | provider share | mutation | entities in it |',
    '| ---: | --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const { clusters, subscriptions } of ESTATES) {
    const result = await measure(clusters, subscriptions);
    results.push(result);
    for (const s of result.steps) {
      lines.push(
        `| ${clusters} | ${s.step} | ${s.refreshMs.toFixed(
          0,
        )} | ${s.providerMs.toFixed(1)} | ${(
          (100 * s.providerMs) /
          s.refreshMs
        ).toFixed(1)}% | ${s.mutation} | ${s.entities} |`,
      );
    }
  }
  console.log(lines.join('\n'));
  const outDir = join(__dirname, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'catalog-provider.json'),
    JSON.stringify(results, null, 2),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
