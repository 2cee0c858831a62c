export interface Config {
  /** Configuration of the AKS secure-baseline plugin. */
  aksBaseline?: {
    /**
     * Where clusters come from; combinable.
     * - `azure`: every managed cluster in `subscriptions` (or in every
     *   subscription the credential can list).
     * - `config`: the cluster resource ids in `clusters`.
     * - `catalog`: `Resource` entities of type `kubernetes-cluster` with the
     *   `aks-baseline.io/resource-id` annotation.
     * Default: none. Backend modules add other sources (the demo module adds
     * its recorded estate, and cannot be combined with `azure`/`config`);
     * with no source at all the backend refuses to start.
     */
    sources?: Array<'azure' | 'config' | 'catalog'>;
    /**
     * Where the frontend plugin's README is published, for the portal's
     * links to its sections (the frontend plugin reads it); an http(s) URL.
     * Default: the package's page on npm.
     * @visibility frontend
     */
    documentationUrl?: string;
    /** The Azure cloud; default `AzurePublicCloud`. */
    cloud?: 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
    /**
     * Entra tenant to authenticate in. Credentials themselves come from
     * DefaultAzureCredential (workload/managed identity, az login, AZURE_*
     * environment variables), never from this file.
     */
    tenantId?: string;
    /** Client id of a user-assigned managed or workload identity to use. */
    clientId?: string;
    /** Subscriptions the `azure` source scans; default: all the credential can list. */
    subscriptions?: string[];
    /** Managed cluster resource ids for the `config` source. */
    clusters?: string[];
    /**
     * How the refresh lists topology: `arm` (default) lists each resource
     * type in each subscription, always current; `resourceGraph` asks Azure
     * Resource Graph once (paged) for every subscription, far fewer
     * requests at scale, but its index can trail ARM writes (see the
     * README). Key Vault secrets and other child lists stay on ARM.
     */
    inventory?: 'arm' | 'resourceGraph';
    refresh?: {
      /** How often the fleet is refreshed from Azure; default 30. */
      frequencyMinutes?: number;
      /**
       * A refresh running longer is abandoned and the task handed back; a
       * replica that dies mid-run blocks refreshes this long plus up to a
       * minute. Default 3. Clusters written before the deadline keep their
       * new data; a fleet of thousands of clusters needs more (see the
       * README's "Refresh at scale").
       */
      timeoutMinutes?: number;
      /**
       * Azure requests in flight at once, overall; default 16, at most 64.
       * ARM throttles reads per subscription and principal (a token bucket
       * of 250, refilled at 25 per second), not across subscriptions, so a
       * fleet spread over many subscriptions can raise it.
       */
      concurrency?: number;
      /** Azure requests in flight at once per subscription (ARM throttles per subscription); default 4. */
      concurrencyPerSubscription?: number;
      /** Timeout of one Azure request; default 30. */
      requestTimeoutSeconds?: number;
      /**
       * The slow tier: Key Vault secret listings, maintenance
       * configurations, diagnostic settings, data collection rule
       * associations, and each subscription's policy assignments and data
       * collection rules are read again only this often (and at once when a
       * gateway or cluster starts naming another secret of a vault, or a
       * cluster, resource or subscription is new); topology is read every
       * refresh.
       */
      slowTier?: {
        /** A HumanDuration, e.g. `{ hours: 4 }` (the default). */
        frequency?: {
          years?: number;
          months?: number;
          weeks?: number;
          days?: number;
          hours?: number;
          minutes?: number;
          seconds?: number;
          milliseconds?: number;
        };
      };
    };
    /**
     * Reading each cluster's API server for the in-cluster half of the chain
     * (Traefik, routes, Services, endpoints, pods, NetworkPolicies,
     * SecretProviderClasses). List calls only; never Secrets. A cluster the
     * portal cannot reach (private API server) is shown from ARM alone.
     */
    kubernetes?: {
      /** Default true. */
      enabled?: boolean;
      /** Where Traefik runs; defaults are the AKS baseline reference's. */
      traefik?: {
        /** Default `a0008`. */
        namespace?: string;
        /** Labels of Traefik's Service, Deployment and pods; default `app.kubernetes.io/name: traefik-ingress-ilb`. */
        labels?: { [name: string]: string };
        /** Traefik's Service, when its labels do not single it out. */
        serviceName?: string;
      };
      /** Clusters read at once; default 8. */
      concurrency?: number;
      /** List calls in flight per API server; default 4. */
      requestConcurrency?: number;
      /** Timeout of one Kubernetes request, connection included; default 10. */
      requestTimeoutSeconds?: number;
      /** `limit` of each list page; default 500. */
      pageSize?: number;
      /**
       * Clusters the portal reaches differently from ARM's address and its
       * Entra token (a proxy, a service-account token). The token itself is
       * never in config: `tokenEnv` names the environment variable holding it.
       */
      clusters?: Array<{
        /** The managed cluster's ARM resource id. */
        resourceId: string;
        /** The API server URL (https). */
        url: string;
        /** The API server's CA, base64 PEM as in a kubeconfig (a public certificate). */
        caData?: string;
        /** Path to the API server's CA (PEM). */
        caFile?: string;
        /** Name of the environment variable holding the service-account token. */
        tokenEnv: string;
      }>;
    };
    certificates?: {
      /** Days left at or below which a certificate is a warning; default 30. */
      warningDays?: number;
      /** Days left at or below which a certificate is critical; default 7. */
      criticalDays?: number;
    };
    /**
     * Notices to owners through Backstage's notifications (needs
     * `@backstage/plugin-notifications-backend` in the backend): when a
     * certificate reaches a level of `certificates` (warning, critical,
     * expired), its cluster's owner and the owners of the apps whose host it
     * serves are told; when a control starts failing, the cluster's owner.
     * Each notice is sent once; a renewed certificate or a control that
     * passes again is told anew.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** Which certificate levels send a notice; default all three. The days are `certificates.*Days`. */
      certificateLevels?: Array<'warning' | 'critical' | 'expired'>;
      /** Who is told when a control starts failing: the cluster entity's owner (default) or nobody. */
      clusterNoticesTo?: 'owner' | 'none';
    };
    /**
     * Live TLS handshake to each listener host at every refresh (SNI, no
     * trust check), to see the certificate actually served and flag one that
     * differs from Key Vault (a rotation App Gateway has not picked up).
     * Needs network access from the portal to the public hosts. Default off.
     */
    tlsProbe?: {
      enabled?: boolean;
      /** Default 5. */
      timeoutSeconds?: number;
      /** Default 443. */
      port?: number;
    };
  };
}
