import {
  LabelSelector,
  NetpolContainerPort,
  NetpolNamespace,
  NetpolPod,
  NetpolSnapshot,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../../netpol/types';
import { createRandom } from '../seededRandom';

/**
 * Deterministic pseudo-random clusters for the benchmark and the differential
 * tests. The generator mixes every feature of the semantics (selectors of all
 * kinds, ipBlocks with except, named ports, endPort, all protocols, default
 * deny, both directions) so that a fast path skipping any of them would show.
 */
export interface SyntheticClusterShape {
  namespaces: number;
  pods: number;
  policies: number;
  seed: number;
}

const TEAMS = ['payments', 'search', 'platform', 'data', 'web', 'ml', 'infra'];
const ENVS = ['prod', 'staging', 'dev'];
const APPS = ['api', 'web', 'worker', 'db', 'cache', 'gateway'];
const TIERS = ['frontend', 'backend', 'data'];
const PORT_CATALOGUE: NetpolContainerPort[] = [
  { name: 'http', containerPort: 8080 },
  { name: 'https', containerPort: 8443 },
  { name: 'metrics', containerPort: 9090 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53 },
  { name: 'grpc', containerPort: 50051 },
  { name: 'sctp-sig', containerPort: 3868, protocol: 'SCTP' },
];
const IPV4_BLOCKS = [
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] },
  { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
  { cidr: '10.1.0.0/16', except: ['10.1.128.0/17'] },
  { cidr: '10.0.0.0/16' },
  { cidr: '192.168.0.0/16' },
];
const NAMED_PORTS: { name: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[] = [
  { name: 'http' },
  { name: 'https' },
  { name: 'metrics' },
  { name: 'dns', protocol: 'UDP' },
  { name: 'dns', protocol: 'TCP' }, // exists on pods only as UDP: resolves to nothing
  { name: 'grpc' },
  { name: 'sctp-sig', protocol: 'SCTP' },
];

export function syntheticCluster(shape: SyntheticClusterShape): NetpolSnapshot {
  const random = createRandom(shape.seed);
  const namespaceName = (i: number) => `ns-${String(i).padStart(2, '0')}`;

  const namespaces: NetpolNamespace[] = [];
  for (let i = 0; i < shape.namespaces; i++) {
    namespaces.push({
      name: namespaceName(i),
      labels: { team: random.pick(TEAMS), env: random.pick(ENVS) },
    });
  }
  // A namespace that no Namespace object declares: it exists with the automatic label only.
  const undeclared = 'ns-undeclared';

  const pods: NetpolPod[] = [];
  for (let i = 0; i < shape.pods; i++) {
    const namespace =
      i % 97 === 96 ? undeclared : namespaceName(i % shape.namespaces);
    const labels: Record<string, string> = {
      app: random.pick(APPS),
      tier: random.pick(TIERS),
    };
    if (random.chance(0.5)) labels.version = `v${random.int(3) + 1}`;
    if (random.chance(0.2)) labels.canary = 'true';
    const ports = PORT_CATALOGUE.filter(() => random.chance(0.4));
    pods.push({
      namespace,
      name: `pod-${i}`,
      labels,
      ports,
      ...(random.chance(0.6)
        ? { ip: `10.${Math.floor(i / 250)}.${i % 250}.${random.int(250) + 1}` }
        : {}),
    });
  }

  const selector = (): LabelSelector => {
    switch (random.int(6)) {
      case 0:
        return {};
      case 1:
        return { matchLabels: { app: random.pick(APPS) } };
      case 2:
        return {
          matchLabels: { app: random.pick(APPS), tier: random.pick(TIERS) },
        };
      case 3:
        return {
          matchExpressions: [
            {
              key: 'tier',
              operator: 'In',
              values: [random.pick(TIERS), random.pick(TIERS)],
            },
          ],
        };
      case 4:
        return {
          matchExpressions: [
            // `version` is missing on half of the pods, which NotIn must match.
            {
              key: 'version',
              operator: 'NotIn',
              values: [`v${random.int(3) + 1}`],
            },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        };
      default:
        return {
          matchLabels: { tier: random.pick(TIERS) },
          matchExpressions: [{ key: 'version', operator: 'Exists' }],
        };
    }
  };
  const namespaceSelector = (): LabelSelector => {
    switch (random.int(4)) {
      case 0:
        return {};
      case 1:
        return { matchLabels: { team: random.pick(TEAMS) } };
      case 2:
        return {
          matchExpressions: [
            { key: 'env', operator: 'In', values: [random.pick(ENVS)] },
          ],
        };
      default:
        return {
          matchLabels: {
            'kubernetes.io/metadata.name': random.chance(0.1)
              ? undeclared
              : namespaceName(random.int(shape.namespaces)),
          },
        };
    }
  };
  const peer = (): NetworkPolicyPeer => {
    switch (random.int(5)) {
      case 0:
        return { podSelector: selector() };
      case 1:
        return { namespaceSelector: namespaceSelector() };
      case 2:
        return {
          namespaceSelector: namespaceSelector(),
          podSelector: selector(),
        };
      case 3:
        return { ipBlock: { ...random.pick(IPV4_BLOCKS) } };
      default:
        return {
          ipBlock: {
            cidr: random.pick(['fd00::/8', '::/0']),
            except: ['fd00:1::/32'],
          },
        };
    }
  };
  const port = (): NetworkPolicyPort => {
    switch (random.int(5)) {
      case 0:
        return { port: random.pick([80, 443, 8080, 9090, 53]) };
      case 1:
        return { protocol: 'UDP', port: 53 };
      case 2: {
        const named = random.pick(NAMED_PORTS);
        return {
          port: named.name,
          ...(named.protocol ? { protocol: named.protocol } : {}),
        };
      }
      case 3:
        return {
          port: 32000,
          endPort: 32768,
          protocol: random.pick(['TCP', 'UDP', 'SCTP'] as const),
        };
      default:
        return { protocol: random.pick(['TCP', 'UDP', 'SCTP'] as const) };
    }
  };
  const rule = () => {
    const peers = random.chance(0.15)
      ? []
      : Array.from({ length: random.int(3) + 1 }, peer);
    const ports = random.chance(0.25)
      ? []
      : Array.from({ length: random.int(3) + 1 }, port);
    return { peers, ports };
  };

  const policies: NetworkPolicyObject[] = [];
  for (let i = 0; i < shape.policies; i++) {
    const namespace = namespaceName(i % shape.namespaces);
    const kind = random.int(6);
    const ingress = Array.from({ length: random.int(3) }, rule).map(r => ({
      ...(r.peers.length ? { from: r.peers } : {}),
      ...(r.ports.length ? { ports: r.ports } : {}),
    }));
    const egress = Array.from({ length: random.int(3) }, rule).map(r => ({
      ...(r.peers.length ? { to: r.peers } : {}),
      ...(r.ports.length ? { ports: r.ports } : {}),
    }));
    const spec: NetworkPolicyObject['spec'] = { podSelector: selector() };
    if (kind === 0) {
      // Default deny in both directions.
      spec.policyTypes = ['Ingress', 'Egress'];
    } else if (kind === 1) {
      // policyTypes omitted: Ingress, plus Egress when there are egress rules.
      spec.ingress = ingress;
      if (random.chance(0.5)) spec.egress = egress;
    } else if (kind === 2) {
      spec.policyTypes = ['Egress'];
      spec.egress = egress;
    } else {
      spec.policyTypes = ['Ingress', 'Egress'];
      spec.ingress = ingress;
      spec.egress = egress;
    }
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `policy-${i}`, namespace },
      spec,
    });
  }
  return { namespaces, pods, policies };
}
