import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * `backstage.io/managed-by-(origin-)location` of the entities the catalog
 * module makes from discovered clusters. The backend's `catalog` source
 * ignores them (they describe what it already holds, not what someone
 * registered), and its fleet links prefer any other entity.
 *
 * @public
 */
export const DISCOVERED_CLUSTERS_LOCATION =
  'aks-baseline-provider:discovered-clusters';

/**
 * One managed cluster the fleet holds after a refresh: ARM facts readable
 * by anyone who may read the cluster resource, and the cluster's CA (public)
 * from its user kubeconfig; no credential, no token, no key.
 *
 * @public
 */
export interface DiscoveredAksCluster {
  /** ARM resource id, in ARM's casing. */
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** `properties.fqdn`: the public (or public DNS of a private) API server. */
  apiServerFqdn?: string;
  /** `properties.privateFQDN`, on a private cluster. */
  privateApiServerFqdn?: string;
  /**
   * The cluster CA, base64 of PEM (a kubeconfig's
   * `certificate-authority-data`), from `listClusterUserCredential` at the
   * last refresh; ARM's cluster resource carries none. A CA is public: no
   * token or key of that kubeconfig is ever published.
   */
  certificateAuthorityData?: string;
  /** The resource's Azure tags. */
  tags: Record<string, string>;
  /** The last refresh could not re-read the cluster; these facts are its last good ones. */
  stale: boolean;
}

/**
 * The clusters the fleet holds after one stored refresh.
 *
 * @public
 */
export interface DiscoveredClusterList {
  /** The refresh run that left the fleet this way. */
  runId: number;
  /**
   * The run stored just before `runId`: a consumer that applied exactly that
   * one may apply the difference; any other must take the list whole.
   */
  previousRunId?: number;
  clusters: DiscoveredAksCluster[];
}

/**
 * Publishes the clusters the AKS baseline backend discovers to other
 * plugins of the same backend (e.g. the catalog's entity provider), so they
 * never scan Azure a second time. The backend plugin attaches a reader of
 * its snapshot store and calls `refreshed()` after each stored refresh;
 * consumers `subscribe`.
 *
 * @public
 */
export interface AksBaselineDiscoveredClustersService {
  /** Called by the AKS baseline backend at start-up: how to read the fleet it holds. */
  setReader(read: () => Promise<DiscoveredClusterList | undefined>): void;
  /** Called by the AKS baseline backend after each stored refresh. */
  refreshed(): Promise<void>;
  /**
   * Calls `listener` with the fleet after each refresh of this process, and
   * once as soon as the fleet can be read. Calls never overlap. Returns an
   * unsubscribe function.
   */
  subscribe(
    listener: (list: DiscoveredClusterList) => Promise<void>,
  ): () => void;
}

type Listener = (list: DiscoveredClusterList) => Promise<void>;

/**
 * The in-process hub behind {@link aksBaselineDiscoveredClustersServiceRef}.
 * Deliveries run one after another, so a consumer never applies two lists at
 * once; a listener's failure is its own business and never reaches the
 * refresh.
 *
 * @public
 */
export class DiscoveredClustersHub
  implements AksBaselineDiscoveredClustersService
{
  private reader?: () => Promise<DiscoveredClusterList | undefined>;
  private readonly listeners = new Set<Listener>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {}

  setReader(read: () => Promise<DiscoveredClusterList | undefined>): void {
    if (this.reader) {
      throw new Error(
        'AKS baseline: the discovered clusters already have a reader (two AKS baseline backend plugins in one backend?)',
      );
    }
    this.reader = read;
    if (this.listeners.size > 0) void this.deliver([...this.listeners]);
  }

  refreshed(): Promise<void> {
    return this.deliver([...this.listeners]);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.reader) void this.deliver([listener]);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private deliver(listeners: Listener[]): Promise<void> {
    const next = this.queue.then(async () => {
      if (!this.reader || listeners.length === 0) return;
      let list: DiscoveredClusterList | undefined;
      try {
        list = await this.reader();
      } catch (error) {
        this.onListenerError(error);
        return;
      }
      if (!list) return;
      for (const listener of listeners) {
        if (!this.listeners.has(listener)) continue;
        try {
          await listener(list);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    });
    this.queue = next;
    return next;
  }
}

/**
 * Root-scoped, so the AKS baseline backend plugin and the catalog module
 * share one hub.
 *
 * @public
 */
export const aksBaselineDiscoveredClustersServiceRef =
  createServiceRef<AksBaselineDiscoveredClustersService>({
    id: 'aks-baseline.discovered-clusters',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { logger: coreServices.rootLogger },
        factory: ({ logger }) =>
          new DiscoveredClustersHub(error =>
            logger.warn(
              `AKS baseline: publishing discovered clusters failed: ${
                (error as Error)?.message ?? error
              }`,
            ),
          ),
      }),
  });
