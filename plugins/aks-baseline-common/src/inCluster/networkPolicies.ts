import type { KubernetesObject } from '../controls/types';
import { analyzeNetworkPolicies } from '../netpol';
import type {
  ConnectionExplanation,
  NetpolContainerPort,
  NetpolPod,
  NetworkPolicyAnalysis,
  NetworkPolicyObject,
} from '../netpol';
import type { BackendView } from './backends';
import {
  readField,
  labelsOf,
  readList,
  nameOf,
  namespaceOf,
  ObjectIndex,
} from './objects';
import type { TraefikView } from './traefik';

/** Whether Traefik gets through to an app's pods, and who else does. */
export interface TraefikReachability {
  allowed: boolean;
  /** A pod of some other namespace (not Traefik's) gets through too. */
  othersAllowed: boolean;
  /** The target port checked, once named ports are resolved. */
  port?: number;
  /** For people: which policies isolate, which rule admits. */
  explanation: string;
}

export interface NamespaceIsolation {
  satisfied: boolean;
  explanation: string;
}

/** A documentation address (TEST-NET-3) standing for "anywhere on the Internet". */
const INTERNET = '203.0.113.10';

/**
 * The cluster's NetworkPolicies, evaluated once per cluster by the shared
 * evaluator. Two synthetic pods stand in for what the cluster may not show:
 * a label-less pod in a namespace of its own ("any other pod"), and a
 * Traefik pod with its Service's labels when no Traefik pod was read.
 */
export class NetworkPolicyView {
  private readonly analysis?: NetworkPolicyAnalysis;
  /** Set when the policies could not be evaluated (malformed input). */
  readonly error?: string;
  private readonly outsider: { namespace: string; name: string };
  /** Traefik's pod, or one with its labels; unknown without either. */
  private readonly traefikPod?: { namespace: string; name: string };

  constructor(private readonly index: ObjectIndex, traefik: TraefikView) {
    const namespaces = index.of('Namespace').map(n => ({
      name: nameOf(n),
      labels: labelsOf(n),
    }));
    const taken = new Set(namespaces.map(n => n.name));
    let probe = 'aks-baseline-portal-probe';
    while (taken.has(probe)) probe = `${probe}-x`;
    this.outsider = { namespace: probe, name: 'any-other-pod' };

    const pods: NetpolPod[] = index.of('Pod').map(toNetpolPod);
    const realTraefik = traefik.readyPods[0] ?? traefik.pods[0];
    if (realTraefik) {
      this.traefikPod = {
        namespace: namespaceOf(realTraefik),
        name: nameOf(realTraefik),
      };
    } else if (traefik.namespace && traefik.podLabels) {
      this.traefikPod = {
        namespace: traefik.namespace,
        name: 'traefik (labels of its Service)',
      };
      pods.push({ ...this.traefikPod, labels: traefik.podLabels });
    }
    pods.push({ ...this.outsider, labels: {} });

    try {
      this.analysis = analyzeNetworkPolicies({
        namespaces: [...namespaces, { name: probe }],
        pods,
        policies: index.of('NetworkPolicy') as unknown as NetworkPolicyObject[],
      });
    } catch (error) {
      this.error = `NetworkPolicies could not be evaluated: ${
        (error as Error).message
      }`;
    }
  }

  /** Traefik's pods -> the backend's pods on its target port (TCP). */
  traefikTo(view: BackendView): TraefikReachability | undefined {
    const target = view.readyPods[0] ?? view.pods[0];
    if (!this.analysis || !this.traefikPod || !target || !view.servicePort)
      return undefined;
    const dst = {
      pod: { namespace: namespaceOf(target), name: nameOf(target) },
    };
    const port = view.targetPort;
    if (port === undefined) {
      return {
        allowed: false,
        othersAllowed: false,
        explanation: `target port ${
          view.servicePort.targetPort
        } is not a container port of ${namespaceOf(target)}/${nameOf(target)}`,
      };
    }
    const traefik = this.analysis.explain(
      { pod: this.traefikPod },
      dst,
      'TCP',
      port,
    );
    const outsider = this.analysis.explain(
      { pod: this.outsider },
      dst,
      'TCP',
      port,
    );
    let explanation = traefik.summary;
    if (traefik.allowed && outsider.allowed) {
      explanation = `Traefik is admitted, but so is any pod of any other namespace (${admittedBy(
        outsider,
        'ingress',
      )})`;
    } else if (traefik.allowed) {
      explanation = `${traefik.summary}; pods of other namespaces are denied`;
    }
    return {
      allowed: traefik.allowed,
      othersAllowed: outsider.allowed,
      port,
      explanation,
    };
  }

  /** Default deny (K8S-06): every pod isolated both ways, nothing out to the Internet. */
  isolationOf(namespace: string): NamespaceIsolation | undefined {
    const analysis = this.analysis;
    const pods = this.index.of('Pod').filter(p => namespaceOf(p) === namespace);
    if (!analysis || pods.length === 0) return undefined;
    const problems: string[] = [];
    const isolating = new Set<string>();
    for (const pod of pods) {
      const ref = { pod: { namespace, name: nameOf(pod) } };
      const inbound = analysis.explain({ pod: this.outsider }, ref, 'TCP', 443);
      const outbound = analysis.explain(ref, { ip: INTERNET }, 'TCP', 443);
      inbound.ingress.isolatingPolicies.forEach(p => isolating.add(p));
      outbound.egress.isolatingPolicies.forEach(p => isolating.add(p));
      const label = `${namespace}/${nameOf(pod)}`;
      if (!inbound.ingress.isolated) {
        problems.push(`${label} is not isolated for ingress`);
      }
      if (!outbound.egress.isolated) {
        problems.push(
          `${label} is not isolated for egress (no policy with policyTypes Egress selects it)`,
        );
      } else if (analysis.allowed(ref, { ip: INTERNET }).length) {
        problems.push(
          `${label} may open connections to the Internet (${INTERNET}): ${admittedBy(
            outbound,
            'egress',
          )}`,
        );
      }
    }
    return problems.length
      ? { satisfied: false, explanation: problems.join('; ') }
      : {
          satisfied: true,
          explanation: `every pod of ${namespace} is isolated for ingress and egress (${[
            ...isolating,
          ]
            .sort()
            .join(', ')}) and cannot reach the Internet`,
        };
  }
}

function toNetpolPod(pod: KubernetesObject): NetpolPod {
  const ports: NetpolContainerPort[] = readList(pod, 'spec.containers').flatMap(
    c =>
      readList(c, 'ports').map(p => ({
        ...(readField(p, 'name') ? { name: String(readField(p, 'name')) } : {}),
        containerPort: Number(readField(p, 'containerPort')),
        protocol: (readField(p, 'protocol') ??
          'TCP') as NetpolContainerPort['protocol'],
      })),
  );
  return {
    namespace: namespaceOf(pod),
    name: nameOf(pod),
    labels: labelsOf(pod),
    ports,
  };
}

/** Which rules let a connection through in one direction. */
function admittedBy(
  explanation: ConnectionExplanation,
  direction: 'ingress' | 'egress',
): string {
  const verdict = explanation[direction];
  if (!verdict.isolated) return `no policy isolates the pods for ${direction}`;
  return `admitted by ${verdict.allowedBy
    .map(r => `${r.policy} ${direction}[${r.rule}]`)
    .join(', ')}`;
}
