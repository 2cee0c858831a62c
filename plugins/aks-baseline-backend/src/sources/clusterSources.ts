import {
  ANNOTATION_RESOURCE_ID,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { HttpClient } from '@azure/core-rest-pipeline';
import { TokenCredential } from '@azure/identity';
import { AksBaselineConfig } from '../config/pluginConfig';
import { ArmFixtureTransport } from '../azure/fixtureTransport';
import { getCloudSettings } from '../azure/cloud';
import { createCredential } from '../azure/credential';
import { StaticTokenCredential } from '../azure/staticCredential';
import { buildDemoEstate, DEMO_SUBSCRIPTIONS } from '../demo/demoEstate';
import { DemoKubernetes } from '../demo/demoKubernetes';
import {
  createKubernetesReader,
  KubernetesFleetReader,
} from '../kubernetes/readFleet';
import type { TraefikSettings } from '../kubernetes/types';
import { collectInventory } from '../inventory';
import { parseResourceId } from '../resolver/resolveCluster';
import {
  ClusterSelection,
  CollectedInventory,
} from '../service/FleetRefresher';
import { normalizeId } from '../store/SnapshotStore';

/** Cluster Resources in the catalog that carry an AKS resource id. */
export type CatalogClusters = () => Promise<Entity[]>;

/**
 * What the configured sources ask for. The catalog is always read (when it
 * answers) so fleet rows link to their entity pages, but only the `catalog`
 * source adds clusters from it.
 */
export async function selectClusters(
  config: AksBaselineConfig,
  catalogClusters: CatalogClusters,
): Promise<ClusterSelection> {
  const sources = new Set(config.sources);
  // A catalog outage still lets the other sources refresh; when the catalog
  // is itself a source, the run reports it instead of quietly scanning less.
  const errors: SourceError[] = [];
  const entities = await catalogClusters().catch((error: Error) => {
    if (sources.has('catalog')) {
      errors.push({
        scope: 'catalog',
        kind: 'catalog',
        message: `catalog clusters could not be read: ${error.message}`,
      });
    }
    return [] as Entity[];
  });
  const entityRefs = new Map<string, string>();
  const catalogIds: string[] = [];
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[ANNOTATION_RESOURCE_ID];
    if (!id) continue;
    entityRefs.set(normalizeId(id), stringifyEntityRef(entity));
    catalogIds.push(id);
  }

  const explicit = [
    ...(sources.has('config') ? config.clusters : []),
    ...(sources.has('catalog') ? catalogIds : []),
  ];
  const explicitSubscriptions = explicit.map(
    id => parseResourceId(id).subscriptionId,
  );

  let subscriptions: string[] | undefined;
  if (sources.has('demo')) {
    subscriptions = Object.values(DEMO_SUBSCRIPTIONS);
  } else if (sources.has('azure')) {
    subscriptions =
      config.subscriptions &&
      unique([...config.subscriptions, ...explicitSubscriptions]);
  } else {
    subscriptions = unique(explicitSubscriptions);
  }

  return {
    all: sources.has('demo') || sources.has('azure'),
    ids: new Set(explicit.map(normalizeId)),
    subscriptions,
    entityRefs,
    errors,
  };
}

/**
 * Collects the inventory through the Azure SDK clients. The demo source swaps
 * only the HTTP transport (recorded estate, fake token); everything above the
 * wire is the production path.
 */
export function createInventoryCollector(
  config: AksBaselineConfig,
  options: { now?: () => Date; credential?: TokenCredential } = {},
): (
  subscriptions?: string[],
  signal?: AbortSignal,
) => Promise<CollectedInventory> {
  const cloud = getCloudSettings(config.cloud);
  const demo = config.sources.includes('demo');
  let credential: TokenCredential | undefined = options.credential;
  const now = options.now ?? (() => new Date());

  return async (subscriptions, signal) => {
    let httpClient: HttpClient | undefined;
    if (demo) {
      httpClient = new ArmFixtureTransport({
        resources: buildDemoEstate(now()),
        subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
      });
      credential ??= new StaticTokenCredential();
    } else {
      credential ??= createCredential({
        cloud,
        tenantId: config.tenantId,
        clientId: config.clientId,
      });
    }
    return collectInventory({
      subscriptionIds: subscriptions,
      credential,
      cloud,
      httpClient,
      concurrency: config.refresh.concurrency,
      concurrencyPerSubscription: config.refresh.concurrencyPerSubscription,
      timeoutMs: config.refresh.requestTimeoutSeconds * 1000,
      signal,
    });
  };
}

/**
 * The plugin's one Azure identity: the inventory and the Kubernetes reader
 * (its Entra token for the AKS server application) share it. The demo's is
 * a fixed token its fixture transports and API server accept.
 */
export function azureCredential(config: AksBaselineConfig): TokenCredential {
  return config.sources.includes('demo')
    ? new StaticTokenCredential()
    : createCredential({
        cloud: getCloudSettings(config.cloud),
        tenantId: config.tenantId,
        clientId: config.clientId,
      });
}

/**
 * Reads each cluster's API server for the in-cluster hops, or undefined
 * when `aksBaseline.kubernetes.enabled` is false. The demo source points
 * the same reader at its fixture API server (see `DemoKubernetes`).
 */
export function createKubernetesFleetReader(
  config: AksBaselineConfig,
  options: {
    credential: TokenCredential;
    demo?: DemoKubernetes;
    now?: () => Date;
  },
): KubernetesFleetReader | undefined {
  const settings = config.kubernetes;
  if (!settings.enabled) return undefined;
  const base = {
    traefik: kubernetesTraefik(config),
    overrides: settings.clusters,
    credential: options.credential,
    cloud: getCloudSettings(config.cloud),
    concurrency: settings.concurrency,
    requestConcurrency: settings.requestConcurrency,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    pageSize: settings.pageSize,
  };
  if (!config.sources.includes('demo')) {
    return createKubernetesReader(base);
  }
  const demo = options.demo;
  if (!demo) return undefined;
  const now = options.now ?? (() => new Date());
  return async (clusters, signal) => {
    const access = await demo.access(buildDemoEstate(now()));
    return createKubernetesReader({ ...base, ...access })(clusters, signal);
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
