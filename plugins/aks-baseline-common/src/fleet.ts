import type { ControlResult } from './controls';
import type { EgressFlowResult } from './egress/types';
import type { TraceInputs } from './trace/types';

/**
 * The fleet's domain model: what the backend stores per cluster and the
 * frontend draws. Plain JSON (dates as ISO strings) so it crosses the wire
 * and the database unchanged.
 */

/** A hop's state; `not-observed` says the backend could not see it, and why. @public */
export type HopStatus = 'ok' | 'warning' | 'error' | 'not-observed';

/** @public */
export type HopKind =
  | 'internet'
  | 'public-ip'
  | 'listener'
  | 'waf'
  | 'routing-rule'
  | 'backend-settings'
  | 'probe'
  | 'backend-pool'
  | 'traefik'
  | 'route'
  | 'service'
  | 'endpoints'
  | 'pods'
  | 'node-subnet'
  | 'route-table'
  | 'firewall'
  | 'private-endpoint'
  | 'key-vault'
  // Hops only packet traces show.
  | 'nsg'
  | 'middleware'
  | 'network-policy';

/**
 * What happens to TLS on the way into a hop: App Gateway terminates the
 * client's TLS, re-encrypts to Traefik, and Traefik terminates again.
 * @public
 */
export type TlsBoundary = 'terminates' | 're-encrypts' | 'plaintext';

/** @public */
export interface HopDetail {
  label: string;
  value: string;
}

/** One hop of a chain. @public */
export interface ChainHop {
  kind: HopKind;
  title: string;
  status: HopStatus;
  /** One line for humans: what is fine, what fails, or why it was not observed. */
  statusText: string;
  resourceId?: string;
  details: HopDetail[];
  /** Ids of the baseline controls judged on this hop (e.g. `WAF-02`). */
  controlIds: string[];
  tls?: TlsBoundaryInfo;
  /** The firewall hop: each required egress flow and the rule that decides it (FW-02), blocked first. */
  egressFlows?: EgressFlowResult[];
  /**
   * In-cluster hops: the Kubernetes objects the hop is (Traefik's Service,
   * the route, the app's Service, its pods), so a reader can find them with
   * kubectl. Absent when the cluster was not read or the object is unknown.
   */
  kubernetesObjects?: KubernetesObjectRef[];
}

/** A Kubernetes object by kind, namespace and name. @public */
export interface KubernetesObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * A TLS boundary on the way into a hop, with the certificate that makes it:
 * an expired certificate makes the boundary an error (App Gateway or the
 * browser refuses the handshake) even where the hop itself was not observed.
 * @public
 */
export interface TlsBoundaryInfo {
  boundary: TlsBoundary;
  note: string;
  /** The certificates (`CertificateInfo.name`) that make this boundary. */
  certificateNames?: string[];
  /** The boundary's own state, from its certificate; absent: nothing known against it. */
  status?: HopStatus;
  /** The certificate that needs attention first (or the one that is fine). */
  certificate?: Pick<
    CertificateInfo,
    | 'name'
    | 'purpose'
    | 'vaultName'
    | 'notAfter'
    | 'daysLeft'
    | 'status'
    | 'statusText'
  >;
  /** What to do about it, when something is to be done. */
  fix?: string;
}

/** Internet -> public IP -> listener -> WAF -> ... -> pods, for one host. @public */
export interface IngressChain {
  host: string;
  listenerName?: string;
  applicationGatewayId?: string;
  status: HopStatus;
  hops: ChainHop[];
}

/** @public */
export type CertificatePurpose = 'edge' | 'backend-trust-root' | 'ingress';

/** @public */
export type ExpiryStatus =
  | 'ok'
  | 'warning'
  | 'critical'
  | 'expired'
  | 'unknown';

/** What a live TLS handshake to a listener host saw. @public */
export interface ServedCertificate {
  subject: string;
  issuer: string;
  notAfter: string;
  fingerprint256: string;
  hostMatches: boolean;
  /** False when Key Vault holds a different certificate: a rotation not picked up. */
  matchesKeyVault?: boolean;
}

/** A certificate on the chain; never carries key material or secret values. @public */
export interface CertificateInfo {
  purpose: CertificatePurpose;
  /** Key Vault object name (or the gateway's certificate name). */
  name: string;
  keyVaultSecretId?: string;
  vaultName?: string;
  /** The listener host the certificate serves (edge). */
  host?: string;
  notAfter?: string;
  daysLeft?: number;
  status: ExpiryStatus;
  statusText: string;
  served?: ServedCertificate;
  error?: string;
}

/** A failure attached to what it affects, so the rest still shows. @public */
export interface SourceError {
  /** What failed: a subscription id, a vault or resource id, a host, a source's name. */
  scope: string;
  kind:
    | 'subscription'
    | 'resource'
    | 'vault'
    | 'cluster'
    | 'kubernetes'
    | 'tls-probe'
    | 'catalog'
    /** A cluster source added by a module could not say which clusters it wants. */
    | 'source';
  message: string;
  /** HTTP status from Azure or the API server, when there was one. */
  status?: number;
}

/** Whether the portal could read a cluster's API server. @public */
export interface KubernetesAccess {
  observed: boolean;
  /** `read from the API server`, or `not observed: <precise reason>`. */
  statusText: string;
}

/** Everything known about one cluster at its last refresh. @public */
export interface ClusterSnapshot {
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion?: string;
  ingress: IngressChain[];
  egress: ChainHop[];
  keyVault: ChainHop[];
  certificates: CertificateInfo[];
  controls: ControlResult[];
  /**
   * Whether the in-cluster half (Traefik, routes, pods, NetworkPolicies) was
   * read from the API server at this refresh, and if not, why. Absent in
   * snapshots stored before the Kubernetes reader existed.
   */
  kubernetes?: KubernetesAccess;
  errors: SourceError[];
  refreshedAt: string;
  /** The catalog entity carrying this cluster's resource id, if any. */
  entityRef?: string;
  /** The cluster's `owner` tag in Azure, when it has one. */
  owner?: string;
  /** The subscription's display name, when Azure listed it. */
  subscriptionName?: string;
  /**
   * What packet traces read: the resources and objects on the cluster's
   * paths. Absent in snapshots stored before traces existed.
   */
  trace?: TraceInputs;
  /**
   * The API server's names from ARM (`properties.fqdn`, `privateFQDN`) and
   * the cluster's Azure tags: what the catalog entity provider publishes.
   * Absent in snapshots stored before it existed.
   */
  armFacts?: ClusterArmFacts;
  /**
   * When each part was read from Azure: topology at every refresh, the slow
   * tier (Key Vault secret listings; maintenance, diagnostic and data
   * collection settings; policy assignments) on its own cadence. Absent in snapshots stored
   * before tiered reads.
   */
  partsReadAt?: SnapshotPartsReadAt;
}

/** ARM facts of a cluster that describe it in the catalog. @public */
export interface ClusterArmFacts {
  apiServerFqdn?: string;
  privateApiServerFqdn?: string;
  /**
   * The cluster CA (base64 of PEM, as a kubeconfig's
   * `certificate-authority-data`), from the kubeconfig of
   * `listClusterUserCredential` at this refresh: the managed cluster
   * resource itself carries none. Absent when the portal did not call it
   * (Kubernetes reads off, a cluster reached through config, a failed call).
   */
  certificateAuthorityData?: string;
  tags: Record<string, string>;
}

/** ISO times at which the parts of a snapshot were read. @public */
export interface SnapshotPartsReadAt {
  topology: string;
  /** The oldest listing of the vaults holding the cluster's certificates. */
  certificates?: string;
  /**
   * The oldest of the cluster's maintenance, diagnostic and data collection
   * lists and of its subscription's policy assignment and data collection
   * rule lists.
   */
  governance?: string;
}

/** A row of the fleet list, sorted by what needs attention first. @public */
export interface ClusterSummary {
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  worstStatus: HopStatus;
  soonestExpiry?: Pick<
    CertificateInfo,
    'name' | 'purpose' | 'notAfter' | 'daysLeft' | 'status'
  >;
  failingControls: number;
  /**
   * Why the row has its status, worst first ("ingress certificate expired 3
   * days ago", "WAF-02 WAF enforcing: ..."); empty when all is well.
   */
  reasons: string[];
  errorCount: number;
  refreshedAt: string;
  /** The last refresh could not update this cluster; data is from `refreshedAt`. */
  stale: boolean;
  staleReason?: string;
  /** The catalog entity of the cluster, when one carries its resource id. */
  entityRef?: string;
  /** The cluster's `owner` tag in Azure, when it has one. */
  owner?: string;
  /** The subscription's display name, when Azure listed it. */
  subscriptionName?: string;
  /**
   * Why the portal may not read this cluster (401/403 from ARM or its API
   * server): the fleet page shows it as one compact row, not its errors.
   */
  accessDenied?: string;
}
