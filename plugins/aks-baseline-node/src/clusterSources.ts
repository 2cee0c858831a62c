import type { SourceError } from '@aks-baseline/plugin-aks-baseline-common';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { LookupFunction } from 'node:net';

/**
 * The clusters one source asks for in one refresh.
 *
 * The plugin merges the selections of every source and scans each
 * subscription once, so a source says what it wants, not how to list it.
 *
 * @public
 */
export interface ClusterSourceSelection {
  /**
   * Subscriptions whose every managed cluster is taken, or `'all'` for every
   * subscription the Azure identity can list. While any source takes whole
   * subscriptions, every managed cluster of every scanned subscription is
   * taken, also of those scanned only for another source's `clusterIds`.
   */
  subscriptions?: string[] | 'all';
  /**
   * Managed clusters by ARM resource id (any case); their subscriptions are
   * scanned too.
   */
  clusterIds?: string[];
  /**
   * Why the source could not say (fully) which clusters it wants, e.g. its
   * backing system is down. The refresh reports them. Stored clusters of a
   * subscription no source scans are kept, marked stale.
   */
  errors?: SourceError[];
}

/**
 * Where clusters come from, added by a module through
 * {@link aksBaselineClusterSourcesExtensionPoint}. The plugin's own sources
 * (`azure`, `config`, `catalog`) are chosen with `aksBaseline.sources`.
 *
 * @public
 */
export interface AksBaselineClusterSource {
  /**
   * Short name shown by `GET /api/aks-baseline/v1/about` and in logs, e.g.
   * `demo`; unique among the sources.
   */
  readonly name: string;
  /**
   * Called once per refresh. A rejection is reported in that refresh as an
   * error of this source; the other sources still refresh.
   */
  selectClusters(): Promise<ClusterSourceSelection>;
}

/**
 * The transports one refresh reaches Azure and the clusters' API servers
 * through. What is left out is the real network.
 *
 * @public
 */
export interface AksBaselineRefreshTransports {
  /**
   * Replaces the HTTP transport under every Azure SDK client of the refresh:
   * the inventory's lists and each cluster's `listClusterUserCredential`.
   */
  armHttpClient?: HttpClient;
  /** Resolves API server host names for the Kubernetes reader. */
  lookup?: LookupFunction;
}

/**
 * How the plugin reaches Azure when a module replaces the default
 * (`DefaultAzureCredential` over the real network). A connection serves its
 * own estate, so the plugin refuses to combine it with the `azure` and
 * `config` sources, whose clusters live in real subscriptions.
 *
 * @public
 */
export interface AksBaselineAzureConnection {
  /** Who replaces the connection, for start-up messages and logs, e.g. `demo`. */
  readonly name: string;
  /**
   * The identity for ARM and for the clusters' API servers (tokens for
   * {@link AKS_SERVER_APP_SCOPE}).
   */
  credential: TokenCredential;
  /**
   * Called once at the start of each refresh; the refresh's inventory and
   * its Kubernetes reads share what it returns, so an estate that moves with
   * time is built here once. Without it: the real network.
   */
  openRefresh?(): Promise<AksBaselineRefreshTransports>;
}

/**
 * What modules of the AKS baseline backend plugin can add.
 *
 * @public
 */
export interface AksBaselineClusterSourcesExtensionPoint {
  /** Adds a source of clusters next to those in `aksBaseline.sources`. */
  addClusterSource(source: AksBaselineClusterSource): void;
  /** Replaces how the plugin reaches Azure; at most one module may. */
  setAzureConnection(connection: AksBaselineAzureConnection): void;
}
