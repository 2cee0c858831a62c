/**
 * Public input and output types of the NetworkPolicy reachability evaluator.
 *
 * The input types mirror the plain JSON shape of the Kubernetes objects so that
 * a parsed manifest or an API response can be passed in without conversion.
 * Every field is typed as what a well-formed object holds; the evaluator still
 * validates the values at run time, because the data usually comes from YAML
 * or JSON that the compiler has never seen.
 */

/** The transport protocols a NetworkPolicy can name. `TCP` is the API default. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A namespace; `kubernetes.io/metadata.name` is added automatically. */
export interface NetpolNamespace {
  name: string;
  labels?: Record<string, string>;
}

/** One `containers[].ports[]` entry of a pod, used to resolve named ports. */
export interface NetpolContainerPort {
  name?: string;
  containerPort: number;
  /** Defaults to `TCP`, as in the Pod API. */
  protocol?: Protocol;
}

/**
 * A pod. `ip` is optional: when present, `ipBlock` peers match the pod by that
 * address (as CNIs such as Calico and Azure NPM do); when absent, the pod is
 * only ever matched by pod/namespace selectors.
 */
export interface NetpolPod {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  ports?: NetpolContainerPort[];
  ip?: string;
}

/** A `metav1.LabelSelector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface IpBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: IpBlock | null;
}

export interface NetworkPolicyPort {
  protocol?: Protocol | null;
  /** A port number or the name of a container port (IANA_SVC_NAME). */
  port?: number | string | null;
  /** Last port of an inclusive range starting at `port`; `port` must then be a number. */
  endPort?: number | null;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

export type PolicyType = 'Ingress' | 'Egress';

/** A plain JSON `networking.k8s.io/v1` NetworkPolicy. */
export interface NetworkPolicyObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    /** Defaults to `default`, as for any namespaced object without a namespace. */
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  spec: {
    podSelector?: LabelSelector | null;
    policyTypes?: PolicyType[] | null;
    ingress?: NetworkPolicyIngressRule[] | null;
    egress?: NetworkPolicyEgressRule[] | null;
  };
  [key: string]: unknown;
}

/** Everything the evaluator needs to know about a cluster. */
export interface NetpolSnapshot {
  namespaces: NetpolNamespace[];
  pods: NetpolPod[];
  policies: NetworkPolicyObject[];
}

/** Either end of a connection: a pod of the snapshot, or an address outside the cluster. */
export type NetpolPeer =
  | { pod: { namespace: string; name: string } }
  | { ip: string };

/** An inclusive range of ports of one protocol. */
export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

/** The verdict of one direction (the source's egress, or the destination's ingress). */
export interface DirectionVerdict {
  /** True when at least one policy selects the pod for this direction. */
  isolated: boolean;
  /** The policies (`ns/name`) that select the pod for this direction. */
  isolatingPolicies: string[];
  /** The rules that admit the connection; `rule` indexes `spec.ingress` / `spec.egress` from 0. */
  allowedBy: { policy: string; rule: number }[];
  allowed: boolean;
}

export interface ConnectionExplanation {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** One human-readable sentence; meant for people, not for parsing. */
  summary: string;
}

/**
 * An end of a connectivity entry. Addresses outside the cluster are reported
 * as inclusive ranges on which every ipBlock of the snapshot agrees, so one
 * entry stands for every address of its range.
 */
export type ConnectivityPeer =
  | { pod: { namespace: string; name: string } }
  | { ipRange: { family: IpFamily; first: string; last: string } };

export type IpFamily = 'IPv4' | 'IPv6';

export interface ConnectivityEntry {
  src: ConnectivityPeer;
  dst: ConnectivityPeer;
  /** Normalized and never empty; frozen and shared between entries. */
  ports: readonly PortRange[];
}

export interface ConnectivityOptions {
  /** Which address families to list external ranges for. Default: both. */
  ipFamilies?: IpFamily[];
}

export interface NetworkPolicyAnalysis {
  /**
   * The ports on which `src` may open connections to `dst`, normalized
   * (merged and sorted by protocol, then port); `[]` means denied.
   * At least one side must be a pod.
   */
  allowed(src: NetpolPeer, dst: NetpolPeer): PortRange[];
  /** Why one particular connection is allowed or denied. */
  explain(
    src: NetpolPeer,
    dst: NetpolPeer,
    protocol: Protocol,
    port: number,
  ): ConnectionExplanation;
  /**
   * Every allowed connection between two different pods, and between each pod
   * and each external address range (see {@link ConnectivityPeer}).
   */
  connectivity(options?: ConnectivityOptions): ConnectivityEntry[];
}
