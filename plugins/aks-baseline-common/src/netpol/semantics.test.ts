import { analyzeNetworkPolicies } from './analyze';
import {
  NetpolNamespace,
  NetpolPeer,
  NetpolPod,
  NetworkPolicyObject,
  PortRange,
  Protocol,
} from './types';

/**
 * One test per rule of networking.k8s.io/v1 NetworkPolicy semantics. Each
 * builds the smallest cluster that makes the rule visible.
 */

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  extra: Partial<NetpolPod> = {},
): NetpolPod {
  return { namespace, name, labels, ...extra };
}

function policy(
  namespace: string,
  name: string,
  spec: NetworkPolicyObject['spec'],
): NetworkPolicyObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  };
}

function analyze(
  pods: NetpolPod[],
  policies: NetworkPolicyObject[],
  namespaces: NetpolNamespace[] = [],
) {
  return analyzeNetworkPolicies({ namespaces, pods, policies });
}

const at = (namespace: string, name: string): NetpolPeer => ({
  pod: { namespace, name },
});
const ip = (address: string): NetpolPeer => ({ ip: address });
const range = (protocol: Protocol, from: number, to = from): PortRange => ({
  protocol,
  from,
  to,
});
const ALL: PortRange[] = [
  range('SCTP', 1, 65535),
  range('TCP', 1, 65535),
  range('UDP', 1, 65535),
];

const a = pod('ns', 'a', { app: 'a' });
const b = pod('ns', 'b', { app: 'b' });
const denyAllIngress = policy('ns', 'deny-ingress', {
  podSelector: {},
  policyTypes: ['Ingress'],
});

describe('isolation', () => {
  it('a pod selected by no policy is unrestricted in both directions', () => {
    const analysis = analyze([a, b], []);
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual(ALL);
    expect(analysis.allowed(ip('8.8.8.8'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('ns', 'a'), ip('8.8.8.8'))).toEqual(ALL);
  });

  it('a policy without policyTypes isolates ingress only, unless it has egress rules', () => {
    const ingressOnly = analyze(
      [a, b],
      [policy('ns', 'p', { podSelector: { matchLabels: { app: 'a' } } })],
    );
    expect(ingressOnly.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([]);
    expect(ingressOnly.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual(ALL);

    const withEgress = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
        }),
      ],
    );
    expect(withEgress.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual([
      range('UDP', 53),
    ]);
    expect(withEgress.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([]);
  });

  it('a policy that lists a direction in policyTypes but has no rules for it denies that direction', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'deny-egress', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual([]);
    expect(analysis.allowed(at('ns', 'a'), ip('1.1.1.1'))).toEqual([]);
    // Ingress to the same pod is untouched: isolation is per direction.
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual(ALL);
  });

  it('rules of a direction missing from policyTypes are ignored', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Ingress'],
          ingress: [{ ports: [{ port: 80 }] }],
          egress: [{ ports: [{ port: 443 }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual(ALL);
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('TCP', 80),
    ]);
  });

  it('the policies selecting a pod are additive: their rules are united', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'web', {
          podSelector: {},
          ingress: [{ ports: [{ port: 80 }] }],
        }),
        policy('ns', 'tls', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ ports: [{ port: 443 }] }],
        }),
        policy('ns', 'alt', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ ports: [{ port: 81 }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('TCP', 80, 81),
      range('TCP', 443),
    ]);
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual([
      range('TCP', 80),
    ]);
  });

  it("a connection needs both the source's egress and the destination's ingress to allow it", () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'a-out', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 80 }, { port: 443 }] }],
        }),
        policy('ns', 'b-in', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ ports: [{ port: 443 }, { port: 8443 }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'b'))).toEqual([
      range('TCP', 443),
    ]);
  });

  it('a pod can always reach itself', () => {
    const analysis = analyze(
      [a],
      [
        denyAllIngress,
        policy('ns', 'deny-egress', {
          podSelector: {},
          policyTypes: ['Egress'],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'a'))).toEqual(ALL);
    expect(
      analysis.explain(at('ns', 'a'), at('ns', 'a'), 'TCP', 80).allowed,
    ).toBe(true);
  });
});

describe('selectors', () => {
  it('an empty spec.podSelector selects every pod of the policy namespace, and only of it', () => {
    const other = pod('other', 'c', { app: 'a' });
    const analysis = analyze([a, b, other], [denyAllIngress]);
    expect(analysis.allowed(at('other', 'c'), at('ns', 'a'))).toEqual([]);
    expect(analysis.allowed(at('other', 'c'), at('ns', 'b'))).toEqual([]);
    expect(analysis.allowed(at('ns', 'a'), at('other', 'c'))).toEqual(ALL);
  });

  it('a peer podSelector without namespaceSelector selects pods of the policy namespace only', () => {
    const twin = pod('other', 'b', { app: 'b' });
    const analysis = analyze(
      [a, b, twin],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('other', 'b'), at('ns', 'a'))).toEqual([]);
  });

  it('a peer namespaceSelector without podSelector selects every pod of the matching namespaces', () => {
    const analysis = analyze(
      [
        a,
        pod('prod', 'x', { app: 'x' }),
        pod('prod', 'y'),
        pod('dev', 'z', { app: 'x' }),
      ],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] },
          ],
        }),
      ],
      [
        { name: 'prod', labels: { env: 'prod' } },
        { name: 'dev', labels: { env: 'dev' } },
      ],
    );
    expect(analysis.allowed(at('prod', 'x'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('prod', 'y'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('dev', 'z'), at('ns', 'a'))).toEqual([]);
  });

  it('podSelector and namespaceSelector in one peer must both match; in separate peers either suffices', () => {
    const pods = [
      a,
      pod('prod', 'web', { app: 'web' }),
      pod('prod', 'db', { app: 'db' }),
      pod('dev', 'web', { app: 'web' }),
    ];
    const namespaces = [
      { name: 'prod', labels: { env: 'prod' } },
      { name: 'dev', labels: { env: 'dev' } },
    ];
    const combined = analyze(
      pods,
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { env: 'prod' } },
                  podSelector: { matchLabels: { app: 'web' } },
                },
              ],
            },
          ],
        }),
      ],
      namespaces,
    );
    expect(combined.allowed(at('prod', 'web'), at('ns', 'a'))).toEqual(ALL);
    expect(combined.allowed(at('prod', 'db'), at('ns', 'a'))).toEqual([]);
    expect(combined.allowed(at('dev', 'web'), at('ns', 'a'))).toEqual([]);

    const separate = analyze(
      pods,
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { env: 'prod' } } },
                { podSelector: { matchLabels: { app: 'web' } } },
              ],
            },
          ],
        }),
      ],
      namespaces,
    );
    expect(separate.allowed(at('prod', 'db'), at('ns', 'a'))).toEqual(ALL);
    // The bare podSelector peer stays in the policy namespace, so dev/web is still out.
    expect(separate.allowed(at('dev', 'web'), at('ns', 'a'))).toEqual([]);
  });

  it('an empty namespaceSelector selects pods of all namespaces', () => {
    const analysis = analyze(
      [a, pod('x', 'one'), pod('y', 'two', { app: 'b' })],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {},
                  podSelector: { matchLabels: { app: 'b' } },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('y', 'two'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('x', 'one'), at('ns', 'a'))).toEqual([]);
  });

  it('every namespace carries the automatic kubernetes.io/metadata.name label, even when undeclared or declared without labels', () => {
    const analysis = analyze(
      [a, pod('declared', 'd'), pod('undeclared', 'u'), pod('elsewhere', 'e')],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {
                    matchExpressions: [
                      {
                        key: 'kubernetes.io/metadata.name',
                        operator: 'In',
                        values: ['declared', 'undeclared'],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        }),
      ],
      [
        { name: 'declared' },
        {
          name: 'elsewhere',
          labels: { 'kubernetes.io/metadata.name': 'declared' },
        },
      ],
    );
    expect(analysis.allowed(at('declared', 'd'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('undeclared', 'u'), at('ns', 'a'))).toEqual(ALL);
    // A declared label cannot impersonate another namespace: the automatic one wins.
    expect(analysis.allowed(at('elsewhere', 'e'), at('ns', 'a'))).toEqual([]);
  });

  it('policies in an undeclared namespace still apply to its pods', () => {
    const analysis = analyze(
      [pod('ghost', 'g'), b],
      [policy('ghost', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ghost', 'g'))).toEqual([]);
  });

  it('a policy without metadata.namespace lives in the default namespace', () => {
    const analysis = analyze(
      [pod('default', 'd'), pod('ns', 'n')],
      [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'deny' },
          spec: { podSelector: {} },
        },
      ],
    );
    expect(analysis.allowed(at('ns', 'n'), at('default', 'd'))).toEqual([]);
    expect(analysis.allowed(at('default', 'd'), at('ns', 'n'))).toEqual(ALL);
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const pods = [
      pod('ns', 'both', { app: 'web', tier: 'fe' }),
      pod('ns', 'labels-only', { app: 'web' }),
      pod('ns', 'expr-only', { tier: 'fe' }),
      b,
    ];
    const analysis = analyze(pods, [
      policy('ns', 'p', {
        podSelector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'Exists' }],
        },
        policyTypes: ['Ingress'],
      }),
    ]);
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'both'))).toEqual([]);
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'labels-only'))).toEqual(
      ALL,
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'expr-only'))).toEqual(ALL);
  });

  it.each([
    [
      'In matches pods whose label value is listed',
      { key: 'tier', operator: 'In' as const, values: ['fe', 'be'] },
      ['fe', 'be'],
    ],
    [
      'NotIn matches pods whose label value is not listed, and pods without the label',
      { key: 'tier', operator: 'NotIn' as const, values: ['fe'] },
      ['be', 'none'],
    ],
    [
      'Exists matches pods that have the label, whatever its value',
      { key: 'tier', operator: 'Exists' as const },
      ['fe', 'be'],
    ],
    [
      'DoesNotExist matches pods without the label',
      { key: 'tier', operator: 'DoesNotExist' as const },
      ['none'],
    ],
  ])(
    'matchExpressions operator: %s',
    (_rule, requirement, expectedIsolated) => {
      const pods = [
        pod('ns', 'fe', { tier: 'fe' }),
        pod('ns', 'be', { tier: 'be' }),
        pod('ns', 'none'),
        pod('src', 'client'),
      ];
      const analysis = analyze(pods, [
        policy('ns', 'p', {
          podSelector: { matchExpressions: [requirement] },
          policyTypes: ['Ingress'],
        }),
      ]);
      const isolated = ['fe', 'be', 'none'].filter(
        name =>
          analysis.allowed(at('src', 'client'), at('ns', name)).length === 0,
      );
      expect(isolated).toEqual(expectedIsolated);
    },
  );
});

describe('peers and rules', () => {
  it('a rule without from/to admits every peer, external addresses included', () => {
    const analysis = analyze(
      [a, pod('other', 'c')],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [{ ports: [{ port: 80 }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('other', 'c'), at('ns', 'a'))).toEqual([
      range('TCP', 80),
    ]);
    expect(analysis.allowed(ip('203.0.113.9'), at('ns', 'a'))).toEqual([
      range('TCP', 80),
    ]);
    expect(analysis.allowed(ip('2001:db8::1'), at('ns', 'a'))).toEqual([
      range('TCP', 80),
    ]);
  });

  it('an allow-all rule ({}) admits every peer on every port', () => {
    const analysis = analyze(
      [a, b],
      [policy('ns', 'p', { podSelector: {}, ingress: [{}] })],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(ip('1.2.3.4'), at('ns', 'a'))).toEqual(ALL);
  });

  it('selector peers never admit external addresses', () => {
    const analysis = analyze(
      [a],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ],
    );
    expect(analysis.allowed(ip('1.2.3.4'), at('ns', 'a'))).toEqual([]);
  });

  it('an ipBlock admits the addresses of its cidr minus its excepts (IPv4)', () => {
    const analysis = analyze(
      [a],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(ip('172.17.0.1'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(ip('172.17.255.255'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(ip('172.17.1.7'), at('ns', 'a'))).toEqual([]);
    expect(analysis.allowed(ip('172.18.0.1'), at('ns', 'a'))).toEqual([]);
  });

  it('an ipBlock admits the addresses of its cidr minus its excepts (IPv6)', () => {
    const analysis = analyze(
      [a],
      [
        policy('ns', 'p', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  ipBlock: {
                    cidr: '2001:db8::/32',
                    except: ['2001:db8:dead::/48'],
                  },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), ip('2001:db8::1'))).toEqual(ALL);
    expect(analysis.allowed(at('ns', 'a'), ip('2001:db8:dead::1'))).toEqual([]);
    expect(analysis.allowed(at('ns', 'a'), ip('2001:db9::1'))).toEqual([]);
    // An IPv4 address is never inside an IPv6 block.
    expect(analysis.allowed(at('ns', 'a'), ip('32.1.13.184'))).toEqual([]);
  });

  it('an ipBlock matches a pod only through the pod ip, when one is known', () => {
    const withIp = pod('ns', 'with-ip', {}, { ip: '10.0.0.5' });
    const withoutIp = pod('ns', 'without-ip');
    const analysis = analyze(
      [a, withIp, withoutIp],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'with-ip'), at('ns', 'a'))).toEqual(ALL);
    expect(analysis.allowed(at('ns', 'without-ip'), at('ns', 'a'))).toEqual([]);
  });
});

describe('ports', () => {
  it('a rule without ports admits every port of every protocol', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [{ from: [{ podSelector: {} }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual(ALL);
  });

  it('a port entry without a port admits every port of its protocol', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [{ ports: [{ protocol: 'UDP' }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('UDP', 1, 65535),
    ]);
  });

  it('the protocol defaults to TCP, and TCP, UDP and SCTP ports are distinct', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              ports: [
                { port: 53 },
                { port: 53, protocol: 'UDP' },
                { port: 3868, protocol: 'SCTP' },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('SCTP', 3868),
      range('TCP', 53),
      range('UDP', 53),
    ]);
    expect(
      analysis.explain(at('ns', 'b'), at('ns', 'a'), 'UDP', 3868).allowed,
    ).toBe(false);
  });

  it('a named port resolves per destination pod and only for its declared protocol', () => {
    const web1 = pod(
      'ns',
      'web1',
      { app: 'web' },
      { ports: [{ name: 'http', containerPort: 8080 }] },
    );
    const web2 = pod(
      'ns',
      'web2',
      { app: 'web' },
      { ports: [{ name: 'http', containerPort: 9000, protocol: 'TCP' }] },
    );
    const udpOnly = pod(
      'ns',
      'web3',
      { app: 'web' },
      { ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] },
    );
    const noPorts = pod('ns', 'web4', { app: 'web' });
    const analysis = analyze(
      [a, web1, web2, udpOnly, noPorts],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'web1'))).toEqual([
      range('TCP', 8080),
    ]);
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'web2'))).toEqual([
      range('TCP', 9000),
    ]);
    // Declared as UDP while the rule asks for TCP (the default): no match, nothing allowed.
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'web3'))).toEqual([]);
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'web4'))).toEqual([]);
  });

  it('a named port in an egress rule resolves against the destination pod, and to nothing for an external address', () => {
    const server = pod(
      'ns',
      'server',
      { app: 'b' },
      { ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }] },
    );
    const analysis = analyze(
      [a, server],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [
            { ports: [{ port: 'dns', protocol: 'UDP' }, { port: 443 }] },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), at('ns', 'server'))).toEqual([
      range('TCP', 443),
      range('UDP', 5353),
    ]);
    expect(analysis.allowed(at('ns', 'a'), ip('9.9.9.9'))).toEqual([
      range('TCP', 443),
    ]);
  });

  it('endPort turns port into an inclusive range: port 32000 endPort 32768 (Kubernetes documentation example)', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'multi-port-egress', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ ipBlock: { cidr: '10.0.0.0/24' } }],
              ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'a'), ip('10.0.0.7'))).toEqual([
      range('TCP', 32000, 32768),
    ]);
    const explainPort = (port: number) =>
      analysis.explain(at('ns', 'a'), ip('10.0.0.7'), 'TCP', port).allowed;
    expect([31999, 32000, 32500, 32768, 32769].map(explainPort)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(
      analysis.explain(at('ns', 'a'), ip('10.0.0.7'), 'UDP', 32000).allowed,
    ).toBe(false);
    expect(analysis.allowed(at('ns', 'a'), ip('10.0.1.7'))).toEqual([]);
  });

  it('endPort equal to port allows exactly that port, and overlapping ranges merge', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              ports: [
                { port: 8080, endPort: 8080 },
                { port: 1000, endPort: 2000 },
                { port: 1500, endPort: 2500 },
                { port: 2501 },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('TCP', 1000, 2501),
      range('TCP', 8080),
    ]);
  });

  it('port 1 to endPort 65535 on every protocol equals an unrestricted rule', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: {},
          ingress: [
            {
              ports: (['TCP', 'UDP', 'SCTP'] as const).map(protocol => ({
                protocol,
                port: 1,
                endPort: 65535,
              })),
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual(ALL);
  });
});

describe('explain', () => {
  it('names the policies that isolate each side and the rules that admit the connection', () => {
    const analysis = analyze(
      [a, b],
      [
        denyAllIngress,
        policy('ns', 'allow-web', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [
            { ports: [{ port: 22 }] },
            {
              from: [{ podSelector: { matchLabels: { app: 'a' } } }],
              ports: [{ port: 80 }],
            },
          ],
        }),
      ],
    );
    const allowed = analysis.explain(at('ns', 'a'), at('ns', 'b'), 'TCP', 80);
    expect(allowed).toMatchObject({
      allowed: true,
      egress: {
        isolated: false,
        isolatingPolicies: [],
        allowedBy: [],
        allowed: true,
      },
      ingress: {
        isolated: true,
        isolatingPolicies: ['ns/deny-ingress', 'ns/allow-web'],
        allowedBy: [{ policy: 'ns/allow-web', rule: 1 }],
        allowed: true,
      },
    });
    expect(allowed.summary).toContain('allowed');
    expect(allowed.summary).toContain('ns/allow-web ingress[1]');

    const denied = analysis.explain(at('ns', 'a'), at('ns', 'b'), 'TCP', 443);
    expect(denied.allowed).toBe(false);
    expect(denied.ingress).toMatchObject({
      isolated: true,
      allowedBy: [],
      allowed: false,
    });
    expect(denied.summary).toContain('denied');
    expect(denied.summary).toContain('ns/deny-ingress');
  });

  it('treats an external address as having no policies of its own', () => {
    const analysis = analyze([a], [denyAllIngress]);
    const explanation = analysis.explain(
      ip('192.0.2.1'),
      at('ns', 'a'),
      'TCP',
      80,
    );
    expect(explanation.egress).toEqual({
      isolated: false,
      isolatingPolicies: [],
      allowedBy: [],
      allowed: true,
    });
    expect(explanation.ingress.isolatingPolicies).toEqual(['ns/deny-ingress']);
    expect(explanation.allowed).toBe(false);
  });
});

describe('queries', () => {
  it('allowed() returns normalized ranges, and [] when denied', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              ports: [
                { port: 81, protocol: 'UDP' },
                { port: 443 },
                { port: 80 },
                { port: 81 },
                { port: 80, protocol: 'UDP' },
              ],
            },
          ],
        }),
      ],
    );
    expect(analysis.allowed(at('ns', 'b'), at('ns', 'a'))).toEqual([
      range('TCP', 80, 81),
      range('TCP', 443),
      range('UDP', 80, 81),
    ]);
    expect(
      analyze([a, b], [denyAllIngress]).allowed(at('ns', 'b'), at('ns', 'a')),
    ).toEqual([]);
  });

  it('refuses questions about two addresses, unknown pods and malformed addresses', () => {
    const analysis = analyze([a], []);
    expect(() => analysis.allowed(ip('1.1.1.1'), ip('2.2.2.2'))).toThrow(
      /pod at one end/,
    );
    expect(() => analysis.allowed(at('ns', 'nope'), at('ns', 'a'))).toThrow(
      /ns\/nope is not in the snapshot/,
    );
    expect(() => analysis.allowed(ip('1.1.1'), at('ns', 'a'))).toThrow(
      /malformed IP/,
    );
    expect(() =>
      analysis.explain(at('ns', 'a'), ip('1.1.1.1'), 'ICMP' as Protocol, 1),
    ).toThrow(/protocol/);
    expect(() =>
      analysis.explain(at('ns', 'a'), ip('1.1.1.1'), 'TCP', 0),
    ).toThrow(/port/);
  });

  it('connectivity() lists every allowed pod pair and every external range, cut at the ipBlock boundaries', () => {
    const analysis = analyze(
      [a, b],
      [
        policy('ns', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              from: [
                {
                  ipBlock: {
                    cidr: '10.0.0.0/8',
                    except: ['10.0.0.0/9', '10.128.0.0/9'],
                  },
                },
                { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } },
              ],
              ports: [{ port: 80 }],
            },
          ],
        }),
      ],
    );
    const entries = analysis.connectivity({ ipFamilies: ['IPv4'] });
    const label = (peer: (typeof entries)[number]['src']) =>
      'pod' in peer
        ? `${peer.pod.namespace}/${peer.pod.name}`
        : `${peer.ipRange.first}-${peer.ipRange.last}`;
    const lines = entries.map(
      e =>
        `${label(e.src)} => ${label(e.dst)}: ${e.ports
          .map(p => `${p.protocol} ${p.from}-${p.to}`)
          .join(',')}`,
    );
    expect(lines.sort()).toEqual(
      [
        'ns/a => ns/b: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
        // 10.0.0.0/8 minus both halves is empty, so only 10/8 itself cuts the space.
        '0.0.0.0-9.255.255.255 => ns/a: TCP 80-80',
        '0.0.0.0-9.255.255.255 => ns/b: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
        '10.0.0.0-10.255.255.255 => ns/b: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
        '11.0.0.0-255.255.255.255 => ns/a: TCP 80-80',
        '11.0.0.0-255.255.255.255 => ns/b: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
        'ns/a => 0.0.0.0-255.255.255.255: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
        'ns/b => 0.0.0.0-255.255.255.255: SCTP 1-65535,TCP 1-65535,UDP 1-65535',
      ].sort(),
    );
    // ns/b => ns/a is denied (only external sources are admitted) and so not listed.
    expect(lines.some(l => l.startsWith('ns/b => ns/a'))).toBe(false);
  });

  it('connectivity() covers IPv6 external space too unless asked for IPv4 only', () => {
    const analysis = analyze([a], []);
    const external = analysis
      .connectivity()
      .flatMap(e =>
        [
          'ipRange' in e.src ? e.src.ipRange : [],
          'ipRange' in e.dst ? e.dst.ipRange : [],
        ].flat(),
      );
    expect(external).toEqual([
      { family: 'IPv4', first: '0.0.0.0', last: '255.255.255.255' },
      { family: 'IPv4', first: '0.0.0.0', last: '255.255.255.255' },
      {
        family: 'IPv6',
        first: '::',
        last: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      },
      {
        family: 'IPv6',
        first: '::',
        last: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      },
    ]);
  });
});
