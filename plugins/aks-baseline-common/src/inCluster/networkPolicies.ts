import { analyzeNetworkPolicies } from '../netpol';
import type {
  DirectionVerdict,
  NetpolPeer,
  NetworkPolicyAnalysis,
  PortRange,
} from '../netpol';
import { BackendView, containerPort } from './backends';
import {
  hasLabels,
  nameOf,
  namespaceOf,
  ObjectIndex,
  readField,
} from './objects';
import {
  PodRef,
  ProbedSnapshot,
  probedSnapshot,
  SnapshotPod,
} from './policySnapshot';
import type { TraefikView } from './traefik';

/** Whether Traefik gets through to an app's pods (K8S-07), and who else does. */
export type TraefikReachability =
  | {
      judged: true;
      /** Traefik's pods get through (their egress and the app's ingress). */
      allowed: boolean;
      /** A pod of some other namespace, without labels, gets through too. */
      othersAllowed: boolean;
      /**
       * More than Traefik's pods get through, from close by: every pod of
       * Traefik's namespace, or pods with Traefik's labels in any namespace.
       */
      broader?: string;
      /** The target port checked, once named ports are resolved. */
      port?: number;
      /** For people: which policies isolate, which rule admits. */
      explanation: string;
    }
  | { judged: false; explanation: string };

/** Default deny in one namespace (K8S-06). */
export interface NamespaceIsolation {
  status: 'pass' | 'warning' | 'fail';
  /** The policies that isolate the namespace's pods (`ns/name`). */
  isolatingPolicies: string[];
  explanation: string;
}

/** A documentation address (TEST-NET-3) standing for "anywhere on the Internet". */
const INTERNET = '203.0.113.10';
const DNS_PORT = 53;

/** What is wrong, worst first when joined. */
interface Findings {
  fails: string[];
  warnings: string[];
  isolating: Set<string>;
}

/** The K8S-06 questions, asked of one namespace's pods. */
class Questions {
  constructor(
    private readonly analysis: NetworkPolicyAnalysis,
    private readonly snapshot: ProbedSnapshot,
    private readonly findings: Findings,
  ) {}

  /** What a new pod gets: the namespace's defaults. */
  aboutNewPod(pod: PodRef, label: string) {
    const { fails } = this.findings;
    const isolated = this.isolation(pod);
    if (!isolated.ingress && !isolated.egress) {
      fails.push(
        `no NetworkPolicy with podSelector {} isolates ${label} for ingress and egress: they accept and send anything`,
      );
      return;
    }
    if (!isolated.ingress) fails.push(`${label} are not isolated for ingress`);
    else this.acceptsNothing(pod, label);
    if (!isolated.egress)
      fails.push(
        `${label} are not isolated for egress (no policy with podSelector {} and policyTypes Egress)`,
      );
    else this.sendsOnlyDns(pod, label);
  }

  /** What a pod there is may do: be isolated both ways, and stay off the Internet. */
  aboutPod(pod: PodRef, label: string) {
    const { fails } = this.findings;
    const isolated = this.isolation(pod);
    if (!isolated.ingress) fails.push(`${label} is not isolated for ingress`);
    if (!isolated.egress)
      fails.push(
        `${label} is not isolated for egress (no policy with policyTypes Egress selects it)`,
      );
    else this.staysOffTheInternet(pod, label);
  }

  private isolation(pod: PodRef) {
    const { outsider } = this.snapshot.probes;
    const inbound = this.analysis.explain(
      { pod: outsider },
      { pod },
      'TCP',
      443,
    ).ingress;
    const outbound = this.analysis.explain(
      { pod },
      { ip: INTERNET },
      'TCP',
      443,
    ).egress;
    for (const policy of [
      ...inbound.isolatingPolicies,
      ...outbound.isolatingPolicies,
    ])
      this.findings.isolating.add(policy);
    return { ingress: inbound.isolated, egress: outbound.isolated };
  }

  private acceptsNothing(pod: PodRef, label: string) {
    const from = [
      {
        peer: { pod: this.snapshot.probes.outsider } as NetpolPeer,
        who: 'other namespaces',
      },
      { peer: { ip: INTERNET } as NetpolPeer, who: 'the Internet' },
    ].filter(({ peer }) => this.analysis.allowed(peer, { pod }).length);
    if (from.length)
      this.findings.fails.push(
        `${label} accept connections from ${from
          .map(f => f.who)
          .join(' and ')}`,
      );
  }

  private sendsOnlyDns(pod: PodRef, label: string) {
    const { fails, warnings } = this.findings;
    const { kubeDns, outsider } = this.snapshot.probes;
    const dns = this.analysis.allowed({ pod }, { pod: kubeDns });
    if (!onlyDns(dns))
      fails.push(`${label} may reach kube-dns beyond DNS (port 53)`);
    else if (!dns.some(r => r.protocol === 'UDP'))
      warnings.push(
        `${label} cannot query kube-dns (UDP 53): names do not resolve`,
      );
    const others = this.analysis.allowed({ pod }, { pod: outsider });
    if (!onlyDns(others))
      fails.push(`${label} may open connections to other namespaces`);
    else if (others.length)
      warnings.push(`${label} may send DNS to any pod, not only kube-dns`);
    this.staysOffTheInternet(pod, label);
  }

  private staysOffTheInternet(pod: PodRef, label: string) {
    const ranges = this.analysis.allowed({ pod }, { ip: INTERNET });
    if (ranges.length === 0) return;
    const how = admittedBy(
      this.analysis.explain(
        { pod },
        { ip: INTERNET },
        ranges[0].protocol,
        ranges[0].from,
      ).egress,
      'egress',
    );
    if (onlyDns(ranges))
      this.findings.warnings.push(
        `${label} may send DNS to any address, the Internet included (${how}): restrict it to kube-dns`,
      );
    else
      this.findings.fails.push(
        `${label} may open connections to the Internet (${INTERNET}): ${how}`,
      );
  }
}

/**
 * The cluster's NetworkPolicies, evaluated once per cluster by the shared
 * evaluator (on first use), on the pods that run its workloads and on probes
 * that stand for what the cluster may not show (see `policySnapshot.ts`).
 */
export class NetworkPolicyView {
  private evaluated?: {
    snapshot: ProbedSnapshot;
    analysis?: NetworkPolicyAnalysis;
    error?: string;
  };

  constructor(
    private readonly index: ObjectIndex,
    private readonly traefik: TraefikView,
    private readonly appNamespaces: string[],
    /** The routed Services, resolved (a thunk: only needed once evaluated). */
    private readonly services: () => BackendView[],
  ) {}

  /** Set when the policies could not be evaluated (malformed input). */
  get error(): string | undefined {
    return this.evaluate().error;
  }

  /** Traefik's pods -> the backend's pods on its target port (TCP). */
  traefikTo(view: BackendView): TraefikReachability {
    const { snapshot, analysis, error } = this.evaluate();
    const { probes } = snapshot;
    if (!analysis) return { judged: false, explanation: error! };
    if (!probes.traefik)
      return {
        judged: false,
        explanation: "Traefik's namespace and pod labels are not known",
      };
    const target = this.targetOf(view);
    if (!target || !view.servicePort)
      return {
        judged: false,
        explanation: `no pod of Service ${view.backend.namespace}/${view.backend.service} to judge`,
      };
    const dst = { pod: { namespace: target.namespace, name: target.name } };
    const port = containerPort(target.ports, view.servicePort.targetPort);
    if (port === undefined) {
      return {
        judged: true,
        allowed: false,
        othersAllowed: false,
        explanation: `target port ${view.servicePort.targetPort} is not a container port of ${target.namespace}/${target.name}`,
      };
    }
    const traefik = analysis.explain({ pod: probes.traefik }, dst, 'TCP', port);
    // The app's side only: whether its ingress admits each probe.
    const admits = (probe: PodRef) =>
      analysis.explain({ pod: probe }, dst, 'TCP', port).ingress;
    const outsider = admits(probes.outsider);
    let explanation = traefik.summary;
    if (traefik.allowed && outsider.allowed)
      explanation = `Traefik is admitted, but so is any pod of any other namespace (${admittedBy(
        outsider,
        'ingress',
      )})`;
    else if (traefik.allowed)
      explanation = `${traefik.summary}; pods of other namespaces are denied`;
    const broader = [
      probes.traefikNeighbour && {
        verdict: admits(probes.traefikNeighbour),
        who: `every pod of ${this.traefik.namespace} is admitted, not only Traefik's`,
      },
      probes.traefikLookalike && {
        verdict: admits(probes.traefikLookalike),
        who: "pods with Traefik's labels are admitted from every namespace",
      },
    ]
      .filter(b => b && b.verdict.allowed)
      .map(b => `${b!.who} (${admittedBy(b!.verdict, 'ingress')})`);
    return {
      judged: true,
      allowed: traefik.allowed,
      othersAllowed: outsider.allowed,
      ...(broader.length ? { broader: broader.join('; ') } : {}),
      port,
      explanation,
    };
  }

  /**
   * Default deny (K8S-06): every pod of the namespace, and a new one, is
   * isolated both ways and cannot reach the Internet; a new pod accepts no
   * connection and may only query kube-dns on port 53.
   */
  isolationOf(namespace: string): NamespaceIsolation | undefined {
    const { snapshot, analysis } = this.evaluate();
    const newPod = snapshot.probes.newPod.get(namespace);
    if (!analysis || !newPod) return undefined;
    const findings: Findings = {
      fails: [],
      warnings: [],
      isolating: new Set(),
    };
    const ask = new Questions(analysis, snapshot, findings);
    ask.aboutNewPod(newPod, `new pods of ${namespace}`);
    for (const pod of snapshot.pods.filter(p => p.namespace === namespace))
      ask.aboutPod(pod, `${namespace}/${pod.name}`);

    const isolatingPolicies = [...findings.isolating].sort();
    const { fails, warnings } = findings;
    if (fails.length || warnings.length) {
      return {
        status: fails.length ? 'fail' : 'warning',
        isolatingPolicies,
        explanation: [...fails, ...warnings].join('; '),
      };
    }
    return {
      status: 'pass',
      isolatingPolicies,
      explanation: `every pod of ${namespace}, and any new one, is isolated for ingress and egress (${isolatingPolicies.join(
        ', ',
      )}) and cannot reach the Internet; new pods may only query kube-dns`,
    };
  }

  /** The pod a Service's traffic lands on: a ready one read first. */
  private targetOf(view: BackendView): SnapshotPod | undefined {
    const { pods } = this.evaluate().snapshot;
    const read = view.readyPods[0] ?? view.pods[0];
    if (read)
      return pods.find(
        p => p.namespace === namespaceOf(read) && p.name === nameOf(read),
      );
    const selector = (readField(view.service, 'spec.selector') ?? {}) as Record<
      string,
      string
    >;
    return Object.keys(selector).length
      ? pods.find(
          p =>
            p.namespace === view.backend.namespace &&
            hasLabels(p.labels, selector),
        )
      : undefined;
  }

  private evaluate(): NonNullable<NetworkPolicyView['evaluated']> {
    if (!this.evaluated) {
      const snapshot = probedSnapshot(
        this.index,
        this.traefik,
        this.appNamespaces,
        this.services(),
      );
      try {
        const analysis = analyzeNetworkPolicies({
          namespaces: snapshot.namespaces,
          pods: [...snapshot.pods, ...snapshot.probePods],
          policies: snapshot.policies,
        });
        this.evaluated = { snapshot, analysis };
      } catch (error) {
        this.evaluated = {
          snapshot,
          error: `NetworkPolicies could not be evaluated: ${
            (error as Error).message
          }`,
        };
      }
    }
    return this.evaluated;
  }
}

/** Whether every range is port 53 (DNS), UDP or TCP; true for none. */
function onlyDns(ranges: PortRange[]): boolean {
  return ranges.every(r => r.from === DNS_PORT && r.to === DNS_PORT);
}

/** Which rules let a connection through in one direction. */
function admittedBy(
  verdict: DirectionVerdict,
  direction: 'ingress' | 'egress',
): string {
  if (!verdict.isolated) return `no policy isolates the pods for ${direction}`;
  return `admitted by ${verdict.allowedBy
    .map(r => `${r.policy} ${direction}[${r.rule}]`)
    .join(', ')}`;
}
