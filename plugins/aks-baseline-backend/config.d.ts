export interface Config {
  /** Configuration of the AKS secure-baseline plugin. */
  aksBaseline?: {
    /**
     * Where clusters come from; combinable.
     * - `demo`: a recorded demo estate served through the real Azure SDK
     *   clients; needs no Azure account. Not combinable with `azure`/`config`.
     * - `azure`: every managed cluster in `subscriptions` (or in every
     *   subscription the credential can list).
     * - `config`: the cluster resource ids in `clusters`.
     * - `catalog`: `Resource` entities of type `kubernetes-cluster` with the
     *   `aks-baseline.io/resource-id` annotation.
     * Default: `[demo]`.
     */
    sources?: Array<'demo' | 'azure' | 'config' | 'catalog'>;
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
    refresh?: {
      /** How often the fleet is refreshed from Azure; default 30. */
      frequencyMinutes?: number;
      /** A refresh running longer is abandoned; default 10. */
      timeoutMinutes?: number;
      /** Azure requests in flight at once, overall; default 16. */
      concurrency?: number;
      /** Azure requests in flight at once per subscription (ARM throttles per subscription); default 4. */
      concurrencyPerSubscription?: number;
      /** Timeout of one Azure request; default 30. */
      requestTimeoutSeconds?: number;
    };
    certificates?: {
      /** Days left at or below which a certificate is a warning; default 30. */
      warningDays?: number;
      /** Days left at or below which a certificate is critical; default 7. */
      criticalDays?: number;
    };
  };
}
