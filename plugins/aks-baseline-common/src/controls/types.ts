import type {
  ArmApplicationGateway,
  ArmAzureFirewall,
  ArmContainerRegistry,
  ArmFederatedIdentityCredential,
  ArmFirewallPolicy,
  ArmKeyVault,
  ArmManagedCluster,
  ArmPolicyAssignment,
  ArmPrivateEndpoint,
  ArmRouteTable,
  ArmSubnet,
  ArmUserAssignedIdentity,
  ArmVirtualNetwork,
  ArmWafPolicy,
  ArmResource,
} from '../arm/types';
import type { ExpiryThresholds } from '../certificates/expiry';
import type { CertificateInfo } from '../fleet';
import type { AzureCloudName } from '../egress/types';

/**
 * `not-observed`: the input did not contain what the control reads (never a
 * pass). `not-applicable`: nothing to judge (e.g. SEC-02 when the CSI add-on
 * is off, K8S-05 when no route exists). `warning`: accepted, but noteworthy.
 * @public
 */
export type ControlStatus =
  | 'pass'
  | 'fail'
  | 'warning'
  | 'not-observed'
  | 'not-applicable';

/** @public */
export type ControlArea =
  | 'cluster'
  | 'edge'
  | 'certificates'
  | 'keyvault'
  | 'egress'
  | 'supply-chain'
  | 'governance'
  | 'telemetry'
  | 'security-profile'
  | 'upgrades'
  | 'kubernetes';

/** Severity when the control is not met. @public */
export type ControlSeverity = 'high' | 'medium' | 'low';

/** One control of the baseline, as documented in BASELINE-CONTROLS.md. @public */
export interface ControlDefinition {
  /** Stable public id (`NET-01`); shown by the API, the UI and the docs. */
  id: string;
  title: string;
  area: ControlArea;
  severity: ControlSeverity;
  /** The field(s) or objects read. */
  field: string;
  /** The baseline value, for humans. */
  expected: string;
  /** How to bring a failing resource to the baseline (shown with the verdict). */
  remediation?: ControlRemediation;
}

/**
 * What to change when a control is not met: the setting, the command that
 * changes it on a live resource, and Microsoft's page about it.
 * @public
 */
export interface ControlRemediation {
  /** What to change, e.g. the ARM property and its baseline value. */
  change: string;
  /**
   * The command that makes the change on an existing resource: `az` for
   * Azure resources, `kubectl` (and `az` for Entra objects) in the cluster.
   */
  command: string;
  /** The Microsoft Learn, Kubernetes or Traefik page for the setting. */
  doc: string;
}

/** The verdict of one control on one input. @public */
export interface ControlResult extends ControlDefinition {
  status: ControlStatus;
  /** The value found, human-readable; `(absent)` when absent. */
  found: string;
  /** Why it fails, warns or could not be observed (or a short confirmation). */
  reason: string;
  /** The ARM resource the verdict is about, when it has an id. */
  resourceId?: string;
}

/** Counts of results by status. @public */
export type ControlSummary = Record<ControlStatus, number> & { total: number };

/** A Kubernetes object as read from the API or generated (only metadata/spec/status are read). @public */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/**
 * Where Traefik is (see `locateTraefik`): its Service in `namespace`, named
 * `serviceName`, else carrying `podLabels` or selecting pods by them, else
 * named or labelled `traefik`. @public
 */
export interface TraefikLocator {
  namespace?: string;
  serviceName?: string;
  /**
   * Labels Traefik's pods carry. Its Service's selector, when it has one,
   * says which pods are Traefik's; these stand in when it has none.
   */
  podLabels?: Record<string, string>;
}

/** What was read from (or generated for) the cluster's API server. @public */
export interface KubernetesObservation {
  /** Every object read: Services, Deployments, Pods (with their containers' images, ACR-02), ServiceAccounts, Namespaces, NetworkPolicies, Traefik CRs, Ingresses, SecretProviderClasses. Absent = not read. */
  objects?: KubernetesObject[];
  /** Why the objects could not be read, e.g. `API server not reachable from the portal`. */
  unavailableReason?: string;
  /** Traefik's static configuration, parsed (entryPoints.*.forwardedHeaders, entryPoints.*.http.middlewares). */
  traefikStaticConfig?: Record<string, unknown>;
  /** Traefik's file-provider dynamic configuration, parsed (tls.options, http.middlewares). */
  traefikDynamicConfig?: Record<string, unknown>;
  traefik?: TraefikLocator;
  /** Namespaces that host apps (K8S-06/07); default: namespaces with routes, except Traefik's. */
  appNamespaces?: string[];
}

/** Facts the resources may not carry themselves. @public */
export interface BaselineContext {
  /** The spoke VNet's address space (NET-04); default: from `virtualNetworks`. */
  vnetAddressSpace?: string[];
  /** The App Gateway subnet (K8S-03); default: from the gateway's subnet in `subnets`/`virtualNetworks`. */
  appGatewaySubnetCidr?: string;
  /** The internal ingress subnet (ING-01 when Traefik's IP is unknown). */
  ingressSubnetCidr?: string;
  /** Traefik's internal load balancer IP (ING-01); default: from the Traefik Service. */
  traefikInternalIp?: string;
  /** The hub firewall's private IP (NET-03) when the firewall itself is not in the input. */
  firewallPrivateIp?: string;
  /**
   * Why the firewall egress meets is not known although the default route
   * names its IP: several firewalls own that IP and the node VNet's peerings
   * do not single one out. NET-03, FW-01 and FW-02 are not observed with this
   * reason rather than judged on a firewall the packets may never meet.
   */
  firewallNotIdentified?: string;
  /** Resolved addresses of FQDN backends (ING-01): the evaluator does no DNS. */
  resolvedHosts?: Record<string, string[]>;
  /** What FW-02 cannot read from the cluster resource itself. */
  egress?: EgressContext;
}

/**
 * The parts of a stamp's egress the managed cluster resource does not show
 * (FW-02): the cloud (default: public), the Flux extension and its Git
 * hosts, the registries workloads pull from, custom DNS servers.
 * @public
 */
export interface EgressContext {
  cloud?: AzureCloudName;
  flux?: { gitHosts: string[] };
  containerRegistries?: string[];
  customDnsServers?: string[];
}

/**
 * App Gateway's trust in the certificate Traefik serves for one backend host
 * name (CERT-04). @public
 */
export interface BackendTrustObservation {
  /** The host name App Gateway sends to Traefik and checks the served certificate against. */
  backendHost: string;
  /** The trusted root certificates of the backend settings (names). */
  trustRoots: string[];
  /** What Traefik served for `backendHost`, when it was read. */
  served?: {
    subject: string;
    /** DNS names of the certificate (its SANs, else its CN). */
    names: string[];
    /** The trust roots (of `trustRoots`) that verify it: empty when none does. */
    anchoredBy: string[];
    /** How it was read, e.g. `TLS probe of 10.240.4.4:443`. */
    source: string;
  };
  /** Why `served` is absent. */
  notObservedReason?: string;
}

/**
 * The chain's certificates, for the certificate controls (CERT-01..05).
 * @public
 */
export interface CertificateObservations {
  /** When expiry is judged (ISO 8601): the refresh's time. */
  at: string;
  thresholds: ExpiryThresholds;
  /** Every certificate on the chain as read (expiry from Key Vault's ARM metadata). */
  certificates: CertificateInfo[];
  /** Absent: not looked at (CERT-04 is not observed). */
  backendTrust?: BackendTrustObservation[];
}

/**
 * The diagnostic settings of one resource (LOG-01, LOG-03), as read from
 * `{resourceId}/providers/Microsoft.Insights/diagnosticSettings`.
 * @public
 */
export interface ResourceDiagnosticSettings {
  /** The resource they are on: its ARM id, or `<type>/<name>` (a template's extension scope). */
  resourceId: string;
  /** Absent: could not be read (`unavailableReason` says why); `[]`: none. */
  settings?: ArmResource[];
  unavailableReason?: string;
}

/**
 * Everything the evaluator may look at. Every member is optional: what is
 * absent makes the controls that need it `not-observed`.
 * @public
 */
export interface BaselineResources {
  cluster?: ArmManagedCluster;
  /** The gateway(s) in front of this cluster (association is the caller's job). */
  applicationGateways?: ArmApplicationGateway[];
  wafPolicies?: ArmWafPolicy[];
  virtualNetworks?: ArmVirtualNetwork[];
  /** Subnets (node subnet, App Gateway subnet...); subnets nested in `virtualNetworks` count too. */
  subnets?: ArmSubnet[];
  routeTables?: ArmRouteTable[];
  azureFirewalls?: ArmAzureFirewall[];
  firewallPolicies?: ArmFirewallPolicy[];
  /** Rule collection groups of those policies (FW-02). Absent = not read. */
  firewallPolicyRuleCollectionGroups?: ArmResource[];
  /** IP groups the rules reference (FW-02). */
  ipGroups?: ArmResource[];
  keyVaults?: ArmKeyVault[];
  /** Absent = not looked up; `[]` = looked up, none exist. */
  privateEndpoints?: ArmPrivateEndpoint[];
  userAssignedIdentities?: ArmUserAssignedIdentity[];
  /**
   * The stamp's container registries: those the cluster pulls from through a
   * private endpoint in its VNet (association is the caller's job; the
   * dashboard finds them by that endpoint, a template declares them). Absent =
   * not read (ACR-01/02 not observed); `[]` = looked up, none found.
   */
  containerRegistries?: ArmContainerRegistry[];
  /**
   * The Azure Policy assignments in force at or above the cluster's scope
   * (management groups, subscription, resource group, the cluster; the
   * caller filters on scope and notScopes, see policyAssignmentAppliesTo).
   * Absent = not read (GOV-01 not observed); `[]` = read, none apply.
   */
  policyAssignments?: ArmPolicyAssignment[];
  /**
   * The cluster's planned maintenance configurations
   * (`managedClusters/maintenanceConfigurations`, UPG-01): not in the
   * cluster's GET body, a list per cluster. Absent = not read (UPG-01's
   * windows not observed); `[]` = read, none configured.
   */
  maintenanceConfigurations?: ArmResource[];
  /** Absent = not looked up (K8S-08 cannot confirm the federation). */
  federatedIdentityCredentials?: ArmFederatedIdentityCredential[];
  kubernetes?: KubernetesObservation;
  /**
   * Diagnostic settings of the cluster, its gateways, its vaults and the NSGs
   * of its VNet's subnets (LOG-01, LOG-03). Absent = not read; a resource
   * without an entry was not read either.
   */
  diagnosticSettings?: ResourceDiagnosticSettings[];
  /** The cluster's data collection rule associations (LOG-02). Absent = not read. */
  dataCollectionRuleAssociations?: ArmResource[];
  /** Data collection rules the associations may name (LOG-02). Absent = not read. */
  dataCollectionRules?: ArmResource[];
  /** Absent: the certificates do not exist yet (a template) or were not read. */
  certificates?: CertificateObservations;
  context?: BaselineContext;
}
