/**
 * What a cluster needs to reach outside its network, and what a firewall
 * policy answers for one such flow. Plain data, shared by the scaffolder
 * (which writes the rules) and the dashboard (which checks a live hub).
 */

/** The Azure clouds whose AKS endpoints Microsoft publishes. @public */
export type AzureCloudName =
  | 'AzurePublicCloud'
  | 'AzureUSGovernment'
  | 'AzureChinaCloud';

/**
 * Where a flow goes. `fqdn` may be a wildcard pattern (`*.data.mcr.microsoft.com`):
 * the flow then stands for every name under it. `serviceTag` is an Azure
 * service tag (`AzureMonitor`, `AzureCloud.westeurope`); `cidr` an IPv4
 * address or block.
 * @public
 */
export type EgressDestination =
  | { kind: 'fqdn'; value: string }
  | { kind: 'serviceTag'; value: string }
  | { kind: 'cidr'; value: string };

/**
 * `Https`/`Http`: application-level flows (a firewall can match them by
 * name in application rules). `TCP`/`UDP`: network-level flows.
 * @public
 */
export type EgressProtocol = 'Https' | 'Http' | 'TCP' | 'UDP';

/** One flow leaving the cluster. @public */
export interface EgressFlow {
  /** Source IPv4 blocks (the node subnet: pods share it or are SNATed to it). */
  sources: string[];
  destination: EgressDestination;
  protocol: EgressProtocol;
  port: number;
}

/** A component or feature of a stamp that needs egress. @public */
export type EgressComponent =
  | 'aks'
  | 'azure-monitor'
  | 'azure-policy'
  | 'defender'
  | 'workload-identity'
  | 'flux'
  | 'git-host'
  | 'container-registry'
  | 'custom-dns';

/** Why one component needs a flow, and where that is written down. @public */
export interface EgressReason {
  component: EgressComponent;
  why: string;
  /** The document the flow comes from (URL). */
  document: string;
}

/**
 * One required outbound flow of a stamp. Components that need the same
 * destination, protocol and port share one requirement (so one rule allows
 * it, and removing that rule blocks exactly it).
 * @public
 */
export interface EgressRequirement extends EgressFlow {
  /** Stable, readable id: `<protocol>:<destination>:<port>`. */
  id: string;
  reasons: EgressReason[];
}

/** Flux and where it clones from. @public */
export interface EgressFlux {
  /** Hosts cloned over HTTPS (443). */
  gitHosts: string[];
  /** Hosts cloned over SSH (TCP 22). */
  gitSshHosts?: string[];
}

/**
 * What a stamp runs, as far as its egress is concerned.
 * @public
 */
export interface EgressStamp {
  cloud: AzureCloudName;
  /** Azure region of the cluster (regional endpoints). */
  location: string;
  /** The node subnets' address prefixes. */
  nodeSubnets: string[];
  /** Private API server: nodes reach it through a private endpoint in the VNet, not the firewall. */
  privateCluster: boolean;
  /**
   * Konnectivity tunnels node <-> control plane over 443; without it AKS
   * needs UDP 1194 and TCP 9000 too. AKS runs konnectivity on current
   * clusters, so this defaults to true.
   */
  konnectivity?: boolean;
  azureMonitor: boolean;
  azurePolicy: boolean;
  defender: boolean;
  /** Workload identity: token exchange with Entra ID. */
  workloadIdentity: boolean;
  /** The Flux (GitOps) cluster extension, with the Git hosts it clones from over HTTPS (and SSH). */
  flux?: EgressFlux;
  /**
   * Registries the stamp's own workloads pull from through the firewall
   * (`docker.io`, a public `<name>.azurecr.io`); not one behind a private
   * endpoint in the VNet.
   */
  containerRegistries: string[];
  /** Custom DNS servers outside the VNet (Azure DNS and a firewall DNS proxy need no rule). */
  customDnsServers?: string[];
}

/**
 * One required flow and what the firewall answers for it, as the egress
 * path shows it (plain JSON).
 * @public
 */
export interface EgressFlowResult {
  /** The requirement id (`https:mcr.microsoft.com:443`). */
  requirement: string;
  components: EgressComponent[];
  destination: string;
  protocol: EgressProtocol;
  port: number;
  why: string;
  allowed: boolean;
  /** `group/collection/rule` that decided; absent: default deny. */
  rule?: string;
  /** `allowed by ...`, `denied by ...` or `default deny`. */
  verdict: string;
}
