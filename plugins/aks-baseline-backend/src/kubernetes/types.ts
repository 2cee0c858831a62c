import type {
  KubernetesObject,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';

/** Where Traefik runs (config `aksBaseline.kubernetes.traefik`). */
export interface TraefikSettings {
  namespace: string;
  /** Labels Traefik's Service, Deployment and pods carry. */
  labels: Record<string, string>;
  /** Traefik's Service, when its labels are not enough to tell it apart. */
  serviceName?: string;
}

/** The reference implementation's Traefik (mspnp/aks-baseline `workload/traefik.yaml`). */
export const DEFAULT_TRAEFIK: TraefikSettings = {
  namespace: 'a0008',
  labels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
};

/** How the portal talks to one API server, for one refresh. */
export interface ClusterConnection {
  /** `https://host[:port][/path]`. */
  server: string;
  /** PEM; absent: the system's trust store. */
  caPem?: string;
  /** Bearer token: an Entra token for the AKS server app, or a service-account token. */
  token: string;
  /** Where the connection came from, for messages. */
  source: 'azure' | 'config';
  /** `aksBaseline.kubernetes.clusters[].tokenEnv`, for messages. */
  tokenEnv?: string;
}

/**
 * What one cluster's API server gave the portal in one refresh. Objects are
 * already reduced to the fields the dashboard reads (see `reduce.ts`).
 */
export interface KubernetesReadResult {
  /** `objects` when the API server answered every list, else `unavailableReason`. */
  objects?: KubernetesObject[];
  /** Precise and human: `API server answered 403: ...`. */
  unavailableReason?: string;
  /**
   * Set when the failure deserves attention (403, 401, TLS, 5xx, a cluster
   * the portal should reach); a private API server the portal cannot reach
   * is the baseline working as intended and carries no error.
   */
  error?: SourceError;
  /**
   * With `objects`: the ConfigMap list failed, so Traefik's file
   * configuration (K8S-02/03) is unknown this refresh; the rest was read.
   */
  traefikConfigurationError?: SourceError;
  /** Facts worth showing that are not failures, e.g. a CRD not installed. */
  notes: string[];
  /** HTTP requests sent to the API server (pages included). */
  requestCount: number;
  /**
   * The cluster CA as `listClusterUserCredential`'s kubeconfig carries it
   * (`certificate-authority-data`: base64 of PEM), when the connection came
   * from ARM, whether or not the API server then answered. Public; the
   * kubeconfig's user entry is never kept.
   */
  certificateAuthorityData?: string;
}
