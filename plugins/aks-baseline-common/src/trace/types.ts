import type { ArmResource } from '../arm/types';
import type { KubernetesObservation } from '../controls/types';

/**
 * A packet trace: one request walked hop by hop over a cluster's stored
 * snapshot, each hop saying whether it lets the request through and which
 * rule or setting decided.
 */

/** What one hop did with the request. @public */
export type TraceOutcome = 'passed' | 'stopped' | 'unknown';

/** The hop families a trace walks. @public */
export type TraceHopKind =
  | 'public-ip'
  | 'nsg'
  | 'listener'
  | 'waf'
  | 'routing-rule'
  | 'backend-settings'
  | 'backend-pool'
  | 'traefik'
  | 'middleware'
  | 'route'
  | 'service'
  | 'endpoints'
  | 'network-policy'
  | 'route-table'
  | 'private-endpoint'
  | 'firewall';

/** The rule or setting that decided a hop: an ARM resource (or a child of one) or a Kubernetes object. @public */
export interface TraceDecider {
  /** The rule's or setting's name (`AllowVnetInBound`, `payments/allow-ingress-from-traefik`). */
  name: string;
  /** ARM id of the resource holding it, for a portal deep link. */
  resourceId?: string;
  /** `Kind namespace/name` of the Kubernetes object holding it. */
  kubernetesObject?: string;
}

/** One hop of a trace. @public */
export interface TraceStep {
  kind: TraceHopKind;
  title: string;
  outcome: TraceOutcome;
  /** One line: what the hop did and why. */
  text: string;
  decidedBy?: TraceDecider;
  /** For a stop: the smallest change that lets the request through. */
  fix?: string;
  /** For an unknown: what the snapshot lacks. */
  missing?: string;
  /**
   * The hop comes after an earlier stop: judged as if the earlier stops were
   * fixed, so every blocker on the path shows at once.
   */
  afterStop?: boolean;
}

/** A trace's answer: the first stop (or unknown) decides. @public */
export interface TraceResult {
  direction: 'inbound' | 'outbound';
  verdict: TraceOutcome;
  /** Index in `steps` of the hop that decided a stop or an unknown. */
  decidingStep?: number;
  summary: string;
  steps: TraceStep[];
}

/** A request from a client on the Internet to an app. @public */
export interface InboundTraceRequest {
  direction: 'inbound';
  clientAddress: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

/** A connection from a pod (or a would-be pod: namespace + labels) to a destination. @public */
export interface OutboundTraceRequest {
  direction: 'outbound';
  source:
    | { pod: { namespace: string; name: string } }
    | { namespace: string; labels: Record<string, string> };
  destination: { fqdn: string } | { address: string };
  port: number;
  protocol: 'TCP' | 'UDP';
}

/** @public */
export type TraceRequest = InboundTraceRequest | OutboundTraceRequest;

/**
 * What the refresh stores for traces, next to the chains: the ARM resources
 * and Kubernetes objects on the cluster's paths. A list that is absent was
 * not in the inventory (the trace says so); an empty one was read and empty.
 * @public
 */
export interface TraceInputs {
  applicationGateways: ArmResource[];
  wafPolicies: ArmResource[];
  publicIpAddresses: ArmResource[];
  /** The spoke VNet (subnets, address space, NSG and route table references). */
  virtualNetwork?: ArmResource;
  /** The subnet the cluster's nodes (and, with Azure CNI, its pods) are in. */
  nodeSubnetId?: string;
  /** NSGs of the spoke's subnets; absent when the inventory did not list NSGs. */
  networkSecurityGroups?: ArmResource[];
  /** The route tables of the spoke's subnets. */
  routeTables: ArmResource[];
  firewall?: ArmResource;
  firewallPolicies: ArmResource[];
  ruleCollectionGroups?: ArmResource[];
  ipGroups?: ArmResource[];
  /** Private endpoints in the spoke VNet (Key Vault, registry). */
  privateEndpoints: ArmResource[];
  /** The objects read from the API server; absent when not read (`kubernetesNotRead` says why). */
  kubernetes?: Pick<
    KubernetesObservation,
    'objects' | 'traefik' | 'traefikStaticConfig' | 'appNamespaces'
  >;
  kubernetesNotRead?: string;
  /** Inputs a failed list left unknown at the refresh: the trace cannot vouch for the hops they feed. */
  unlisted?: string[];
}
