export interface Config {
  /** Configuration of the AKS secure-baseline plugin. */
  aksBaseline?: {
    /**
     * Where clusters come from; several may be combined.
     * `demo` serves a recorded demo estate through the real Azure SDK clients
     * and needs no Azure account. Defaults to `demo` when nothing is configured.
     */
    sources?: Array<'demo' | 'azure' | 'config' | 'catalog'>;
    /**
     * The Azure cloud whose ARM endpoint and authority are used.
     * Defaults to `AzurePublicCloud`.
     */
    cloud?: 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
  };
}
