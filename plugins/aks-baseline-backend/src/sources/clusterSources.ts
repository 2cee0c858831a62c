import type { CacheService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_RESOURCE_ID,
  normalizeArmResourceId,
  parseManagedClusterId,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  DISCOVERED_CLUSTERS_LOCATION,
  type AksBaselineAzureConnection,
  type AksBaselineClusterSource,
  type AksBaselineRefreshTransports,
  type ClusterSourceSelection,
} from '@aks-baseline/plugin-aks-baseline-node';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { AksBaselineConfig, clusterId, guid } from '../config/pluginConfig';
import { createCredential, getCloudSettings, shareTokens } from '../azure';
import {
  createKubernetesReader,
  KubernetesFleetReader,
} from '../kubernetes/readFleet';
import type { TraefikSettings } from '../kubernetes/types';
import { durationToMilliseconds } from '@backstage/types';
import { collectInventory, SlowTierCache } from '../inventory';
import { clusterTelemetryTargets, vaultReferenceSignatures } from '../resolver';
import {
  ClusterSelection,
  CollectedInventory,
} from '../service/FleetRefresher';

/** Cluster Resources in the catalog that carry an AKS resource id. */
export type CatalogClusters = () => Promise<Entity[]>;

/** The catalog's cluster entities in one refresh, or why it did not answer. */
interface CatalogRead {
  entities: Entity[];
  error?: Error;
}

/**
 * What the configured sources and the modules' sources ask for, merged. The
 * catalog is always read (when it answers) so fleet rows link to their
 * entity pages, but only the `catalog` source adds clusters from it.
 */
export async function selectClusters(
  config: AksBaselineConfig,
  catalogClusters: CatalogClusters,
  moduleSources: AksBaselineClusterSource[] = [],
): Promise<ClusterSelection> {
  const catalog: CatalogRead = await catalogClusters().then(
    entities => ({ entities }),
    (error: Error) => ({ entities: [], error }),
  );
  const selections = [
    ...builtInSelections(config, catalog),
    ...(await Promise.all(moduleSources.map(selectFromModule))),
  ];
  return {
    ...mergeSelections(selections),
    entityRefs: entityRefsByClusterId(catalog.entities),
  };
}

/** How long the fleet list trusts the catalog's links between clusters and entities. */
const ENTITY_LINKS_TTL_MS = 60_000;

/**
 * The catalog's links for the fleet list (`FleetReader`), read at most once a
 * minute through the backend's cache (shared by replicas where the cache is).
 */
export function cachedEntityLinks(
  cache: CacheService,
  catalogClusters: CatalogClusters,
): () => Promise<Map<string, string>> {
  const key = 'entity-links';
  return async () => {
    const cached = await cache.get<Record<string, string>>(key);
    if (cached) return new Map(Object.entries(cached));
    const links = entityRefsByClusterId(await catalogClusters());
    await cache.set(key, Object.fromEntries(links), {
      ttl: ENTITY_LINKS_TTL_MS,
    });
    return links;
  };
}

/**
 * The catalog entity of each annotated cluster, by normalised cluster id.
 * Where the catalog module's discovered entity and another carry the same
 * cluster (for the minute until the module withdraws its own), the other.
 */
export function entityRefsByClusterId(entities: Entity[]): Map<string, string> {
  const discoveredFirst = [...entities].sort(
    (a, b) => Number(isDiscovered(b)) - Number(isDiscovered(a)),
  );
  return new Map(
    annotated(discoveredFirst).clusters.map(({ id, entity }) => [
      normalizeArmResourceId(id),
      stringifyEntityRef(entity),
    ]),
  );
}

/** Made by the catalog module from what the fleet already holds. */
function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ===
    DISCOVERED_CLUSTERS_LOCATION
  );
}

/** What `aksBaseline.sources` asks for, in a fixed order (pure). */
export function builtInSelections(
  config: AksBaselineConfig,
  catalog: CatalogRead,
): ClusterSourceSelection[] {
  const sources = new Set(config.sources);
  const selections: ClusterSourceSelection[] = [];
  if (sources.has('azure')) {
    selections.push({ subscriptions: config.subscriptions ?? 'all' });
  }
  if (sources.has('config')) {
    selections.push({ clusterIds: config.clusters });
  }
  if (sources.has('catalog')) {
    // A catalog outage still lets the other sources refresh; the run reports
    // it instead of quietly scanning less.
    selections.push(
      catalog.error
        ? {
            errors: [
              {
                scope: 'catalog',
                kind: 'catalog',
                message: `catalog clusters could not be read: ${catalog.error.message}`,
              },
            ],
          }
        : catalogSelection(catalog.entities),
    );
  }
  return selections;
}

/**
 * One selection for the refresher (pure): clusters by id from every source,
 * their subscriptions scanned after the whole ones, and every cluster of the
 * scanned subscriptions while any source takes whole subscriptions.
 */
export function mergeSelections(
  selections: ClusterSourceSelection[],
): Omit<ClusterSelection, 'entityRefs'> {
  const whole = selections.flatMap(s =>
    s.subscriptions === undefined ? [] : [s.subscriptions],
  );
  const ids = selections.flatMap(s => s.clusterIds ?? []);
  // Every source's ids are validated cluster ids, so each parses.
  const subscriptionsOfIds = ids.flatMap(
    id => parseManagedClusterId(id)?.subscriptionId ?? [],
  );
  return {
    all: whole.length > 0,
    ids: new Set(ids.map(normalizeArmResourceId)),
    subscriptions: whole.includes('all')
      ? undefined
      : unique([...whole.flat(), ...subscriptionsOfIds]),
    errors: selections.flatMap(s => s.errors ?? []),
  };
}

// A module's answer is input like any other: a bad id would scan a
// subscription named '' or nothing at all, so it is checked and named.
const moduleSelection = z.object({
  subscriptions: z.union([z.literal('all'), z.array(guid)]).optional(),
  clusterIds: z.array(clusterId).optional(),
  errors: z
    .array(
      z.object({
        scope: z.string(),
        kind: z.custom<SourceError['kind']>(k => typeof k === 'string'),
        message: z.string(),
        status: z.number().int().optional(),
      }),
    )
    .optional(),
});

/** A module source's selection; its failure becomes an error of the run. */
async function selectFromModule(
  source: AksBaselineClusterSource,
): Promise<ClusterSourceSelection> {
  const failed = (message: string): ClusterSourceSelection => ({
    errors: [{ scope: source.name, kind: 'source', message }],
  });
  let answer: unknown;
  try {
    answer = await source.selectClusters();
  } catch (error) {
    return failed(
      `cluster source ${source.name} failed: ${
        (error as Error)?.message ?? error
      }`,
    );
  }
  const parsed = moduleSelection.safeParse(answer);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map(i => `${i.path.join('.') || 'selection'}: ${i.message}`)
      .join('; ');
    return failed(
      `cluster source ${source.name} returned an invalid selection: ${issues}`,
    );
  }
  return parsed.data;
}

/**
 * The catalog's clusters by their resource-id annotation. An annotation that
 * is not a managed cluster id is anyone's typo: it is reported against its
 * entity rather than scanned (it would name no subscription, or another
 * resource).
 */
function annotated(entities: Entity[]): {
  clusters: Array<{ id: string; entity: Entity }>;
  errors: SourceError[];
} {
  const clusters: Array<{ id: string; entity: Entity }> = [];
  const errors: SourceError[] = [];
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[ANNOTATION_RESOURCE_ID];
    if (!id) continue;
    if (parseManagedClusterId(id)) clusters.push({ id, entity });
    else
      errors.push({
        scope: stringifyEntityRef(entity),
        kind: 'catalog',
        message: `annotation ${ANNOTATION_RESOURCE_ID} is not a managed cluster resource id: ${JSON.stringify(
          id,
        )}`,
      });
  }
  return { clusters, errors };
}

/**
 * The clusters people registered. Entities the catalog module discovered
 * describe what the fleet already holds: taking them would keep every
 * cluster selected for ever, once discovered.
 */
function catalogSelection(entities: Entity[]): ClusterSourceSelection {
  const { clusters, errors } = annotated(
    entities.filter(e => !isDiscovered(e)),
  );
  return { clusterIds: clusters.map(({ id }) => id), errors };
}

/**
 * How the plugin reaches Azure in one refresh, shared by the inventory and
 * the Kubernetes reader.
 */
export interface AzureAccess {
  credential: TokenCredential;
  /** Opens a refresh's transports; the inventory calls it first each refresh. */
  openRefresh(): Promise<AksBaselineRefreshTransports>;
  /** The transports of the refresh in progress (opened if none is). */
  refreshInProgress(): Promise<AksBaselineRefreshTransports>;
}

/**
 * A module's connection, else `DefaultAzureCredential` over the real
 * network. A refresh's transports are opened once, by the inventory (every
 * refresh collects it before reading clusters, whose addresses come from
 * it), and reused by the Kubernetes read, so a module's estate is built
 * once per refresh.
 */
export function azureAccess(
  config: AksBaselineConfig,
  connection?: AksBaselineAzureConnection,
): AzureAccess {
  const credential =
    connection?.credential ??
    createCredential({
      cloud: getCloudSettings(config.cloud),
      tenantId: config.tenantId,
      clientId: config.clientId,
    });
  let current: Promise<AksBaselineRefreshTransports> | undefined;
  const openRefresh = () => {
    current = connection?.openRefresh?.() ?? Promise.resolve({});
    return current;
  };
  return {
    credential,
    openRefresh,
    refreshInProgress: () => current ?? openRefresh(),
  };
}

/** Collects the inventory from ARM (or Resource Graph). */
export function createInventoryCollector(
  config: AksBaselineConfig,
  azure: AzureAccess,
): (
  subscriptions?: string[],
  signal?: AbortSignal,
) => Promise<CollectedInventory> {
  const cloud = getCloudSettings(config.cloud);
  // One per collector: the slow tier's lists live as long as the plugin.
  const slowTier = new SlowTierCache(
    durationToMilliseconds(config.refresh.slowTier.frequency),
  );
  return async (subscriptions, signal) => {
    const { armHttpClient } = await azure.openRefresh();
    return collectInventory({
      mode: config.inventory,
      subscriptionIds: subscriptions,
      // The fleet page names subscriptions, also configured ones.
      nameSubscriptions: true,
      credential: azure.credential,
      cloud,
      httpClient: armHttpClient,
      concurrency: config.refresh.concurrency,
      concurrencyPerSubscription: config.refresh.concurrencyPerSubscription,
      timeoutMs: config.refresh.requestTimeoutSeconds * 1000,
      selectTelemetryTargets: clusterTelemetryTargets,
      slowTier,
      vaultSignatures: vaultReferenceSignatures,
      signal,
    });
  };
}

/**
 * Reads each cluster's API server for the in-cluster hops, or undefined
 * when `aksBaseline.kubernetes.enabled` is false.
 */
export function createKubernetesFleetReader(
  config: AksBaselineConfig,
  azure: AzureAccess,
): KubernetesFleetReader | undefined {
  const settings = config.kubernetes;
  if (!settings.enabled) return undefined;
  const base = {
    traefik: kubernetesTraefik(config),
    overrides: settings.clusters,
    // Shared across refreshes: the Entra token for the API servers is
    // fetched again only when it nears expiry.
    credential: shareTokens(azure.credential),
    cloud: getCloudSettings(config.cloud),
    concurrency: settings.concurrency,
    requestConcurrency: settings.requestConcurrency,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    pageSize: settings.pageSize,
  };
  return async (clusters, signal) => {
    const { armHttpClient, lookup } = await azure.refreshInProgress();
    return createKubernetesReader({
      ...base,
      httpClient: armHttpClient,
      lookup,
    })(clusters, signal);
  };
}

/** `aksBaseline.kubernetes.traefik`, as the reader and resolver take it. */
export function kubernetesTraefik(config: AksBaselineConfig): TraefikSettings {
  const { namespace, labels, serviceName } = config.kubernetes.traefik;
  return { namespace, labels, serviceName };
}

function unique(items: string[]): string[] {
  return [...new Map(items.map(i => [i.toLowerCase(), i])).values()];
}
