import { analyzeNetworkPolicies } from './analyze';
import { NetworkPolicyInputError } from './errors';
import { NetpolSnapshot } from './types';

/**
 * Bad input must be reported, naming the object and the field, never read as
 * allow or deny. Each case corrupts one field of an otherwise valid snapshot.
 */

function validSnapshot(): NetpolSnapshot {
  return {
    namespaces: [{ name: 'shop', labels: { team: 'web' } }],
    pods: [
      {
        namespace: 'shop',
        name: 'web-0',
        labels: { app: 'web' },
        ports: [{ name: 'http', containerPort: 8080 }],
      },
    ],
    policies: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-web', namespace: 'shop' },
        spec: {
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { app: 'web' } } },
                { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
              ],
              ports: [{ port: 80 }, { port: 'http', protocol: 'TCP' }],
            },
          ],
          egress: [{ to: [{ namespaceSelector: {} }] }],
        },
      },
    ],
  };
}

type Corruption = (snapshot: any) => void;

/**
 * What analyzing the corrupted snapshot throws, reduced to the parts a person
 * needs: the kind, object and field, and whether the message names them.
 */
function rejectionOf(corrupt: Corruption) {
  const snapshot = validSnapshot();
  corrupt(snapshot);
  try {
    analyzeNetworkPolicies(snapshot);
  } catch (error) {
    if (!(error instanceof NetworkPolicyInputError))
      return { unexpected: error };
    return {
      kind: error.objectKind,
      objectRef: error.objectRef,
      field: error.field,
      message: error.message,
      messageNamesObjectAndField:
        error.message.includes(`${error.objectKind} ${error.objectRef}`) &&
        error.message.includes(error.field),
    };
  }
  return { unexpected: 'no error' };
}

function rejection(expected: {
  kind: string;
  objectRef: string;
  field: string;
  message: RegExp;
}) {
  return {
    ...expected,
    message: expect.stringMatching(expected.message),
    messageNamesObjectAndField: true,
  };
}

const policyError = (field: string, message: RegExp) => ({
  kind: 'NetworkPolicy',
  objectRef: 'shop/allow-web',
  field,
  message,
});

describe('bad input is rejected with the object and field named', () => {
  it('accepts the valid baseline snapshot', () => {
    expect(() => analyzeNetworkPolicies(validSnapshot())).not.toThrow();
  });

  it.each<[string, Corruption, ReturnType<typeof policyError>]>([
    [
      'an unknown protocol',
      s => {
        s.policies[0].spec.ingress[0].ports[1].protocol = 'ICMP';
      },
      policyError(
        'spec.ingress[0].ports[1].protocol',
        /unknown protocol "ICMP"/,
      ),
    ],
    [
      'a lower-case protocol (the API is case-sensitive)',
      s => {
        s.policies[0].spec.ingress[0].ports[0].protocol = 'tcp';
      },
      policyError(
        'spec.ingress[0].ports[0].protocol',
        /unknown protocol "tcp"/,
      ),
    ],
    [
      'a CIDR with a prefix too long for its family',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.cidr = '10.0.0.0/33';
      },
      policyError(
        'spec.ingress[0].from[1].ipBlock.cidr',
        /malformed CIDR "10.0.0.0\/33"/,
      ),
    ],
    [
      'a CIDR with an out-of-range octet',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.cidr = '300.0.0.0/8';
      },
      policyError('spec.ingress[0].from[1].ipBlock.cidr', /malformed CIDR/),
    ],
    [
      'a CIDR without a prefix length',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.cidr = '10.0.0.0';
      },
      policyError('spec.ingress[0].from[1].ipBlock.cidr', /malformed CIDR/),
    ],
    [
      'a malformed IPv6 CIDR',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock = { cidr: 'fd00:::1/64' };
      },
      policyError('spec.ingress[0].from[1].ipBlock.cidr', /malformed CIDR/),
    ],
    [
      'a malformed except entry',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.except = [
          '10.1.0.0/16',
          'ten/8',
        ];
      },
      policyError(
        'spec.ingress[0].from[1].ipBlock.except[1]',
        /malformed CIDR "ten\/8"/,
      ),
    ],
    [
      'an except outside its cidr',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.except = [
          '192.168.0.0/16',
        ];
      },
      policyError('spec.ingress[0].from[1].ipBlock.except[0]', /strict subset/),
    ],
    [
      'an except of the other address family',
      s => {
        s.policies[0].spec.ingress[0].from[1].ipBlock.except = ['fd00::/8'];
      },
      policyError('spec.ingress[0].from[1].ipBlock.except[0]', /IPv4/),
    ],
    [
      'port 0',
      s => {
        s.policies[0].spec.ingress[0].ports[0].port = 0;
      },
      policyError('spec.ingress[0].ports[0].port', /out of range/),
    ],
    [
      'port 65536',
      s => {
        s.policies[0].spec.ingress[0].ports[0].port = 65536;
      },
      policyError('spec.ingress[0].ports[0].port', /out of range/),
    ],
    [
      'a fractional port',
      s => {
        s.policies[0].spec.ingress[0].ports[0].port = 80.5;
      },
      policyError('spec.ingress[0].ports[0].port', /out of range/),
    ],
    [
      'a port name that is not an IANA_SVC_NAME',
      s => {
        s.policies[0].spec.ingress[0].ports[1].port = 'HTTP_PORT';
      },
      policyError('spec.ingress[0].ports[1].port', /valid port name/),
    ],
    [
      'a port number written as a string',
      s => {
        s.policies[0].spec.ingress[0].ports[0].port = '80';
      },
      policyError('spec.ingress[0].ports[0].port', /neither a port number/),
    ],
    [
      'endPort below port',
      s => {
        s.policies[0].spec.ingress[0].ports[0] = {
          port: 32768,
          endPort: 32000,
        };
      },
      policyError(
        'spec.ingress[0].ports[0].endPort',
        /must not be less than port 32768/,
      ),
    ],
    [
      'endPort out of range',
      s => {
        s.policies[0].spec.ingress[0].ports[0] = {
          port: 32000,
          endPort: 70000,
        };
      },
      policyError('spec.ingress[0].ports[0].endPort', /out of range/),
    ],
    [
      'endPort with a named port',
      s => {
        s.policies[0].spec.ingress[0].ports[1].endPort = 9000;
      },
      policyError('spec.ingress[0].ports[1].endPort', /named port "http"/),
    ],
    [
      'endPort without port',
      s => {
        s.policies[0].spec.ingress[0].ports[0] = {
          protocol: 'TCP',
          endPort: 90,
        };
      },
      policyError('spec.ingress[0].ports[0].endPort', /requires port/),
    ],
    [
      'an unknown operator in spec.podSelector',
      s => {
        s.policies[0].spec.podSelector = {
          matchExpressions: [
            { key: 'app', operator: 'Equals', values: ['web'] },
          ],
        };
      },
      policyError(
        'spec.podSelector.matchExpressions[0].operator',
        /unknown operator "Equals"/,
      ),
    ],
    [
      'an unknown operator in a peer namespaceSelector',
      s => {
        s.policies[0].spec.egress[0].to[0].namespaceSelector = {
          matchExpressions: [{ key: 'team', operator: 'in', values: ['web'] }],
        };
      },
      policyError(
        'spec.egress[0].to[0].namespaceSelector.matchExpressions[0].operator',
        /unknown operator "in"/,
      ),
    ],
    [
      'In without values',
      s => {
        s.policies[0].spec.podSelector = {
          matchExpressions: [{ key: 'app', operator: 'In', values: [] }],
        };
      },
      policyError('spec.podSelector.matchExpressions[0].values', /non-empty/),
    ],
    [
      'Exists with values',
      s => {
        s.policies[0].spec.podSelector = {
          matchExpressions: [
            { key: 'app', operator: 'Exists', values: ['web'] },
          ],
        };
      },
      policyError(
        'spec.podSelector.matchExpressions[0].values',
        /must be empty/,
      ),
    ],
    [
      'a non-string label value in matchLabels',
      s => {
        s.policies[0].spec.ingress[0].from[0].podSelector.matchLabels = {
          version: 2,
        };
      },
      policyError(
        'spec.ingress[0].from[0].podSelector.matchLabels.version',
        /must be a string/,
      ),
    ],
    [
      'an unknown policy type',
      s => {
        s.policies[0].spec.policyTypes = ['Ingress', 'egress'];
      },
      policyError('spec.policyTypes[1]', /unknown policy type "egress"/),
    ],
    [
      'a peer combining ipBlock with a selector',
      s => {
        s.policies[0].spec.ingress[0].from[1].podSelector = {};
      },
      policyError('spec.ingress[0].from[1]', /cannot be combined/),
    ],
    [
      'an empty peer',
      s => {
        s.policies[0].spec.egress[0].to[0] = {};
      },
      policyError('spec.egress[0].to[0]', /at least one of/),
    ],
    [
      'rules that are not a list',
      s => {
        s.policies[0].spec.ingress = { from: [] };
      },
      policyError('spec.ingress', /must be a list/),
    ],
    [
      'a missing spec',
      s => {
        delete s.policies[0].spec;
      },
      policyError('spec', /must be an object/),
    ],
  ])('rejects %s in a NetworkPolicy', (_case, corrupt, expected) => {
    expect(rejectionOf(corrupt)).toEqual(rejection(expected));
  });

  it('rejects a NetworkPolicy without a name, pointing at its position', () => {
    expect(
      rejectionOf(s => {
        delete s.policies[0].metadata.name;
      }),
    ).toEqual(
      rejection({
        kind: 'NetworkPolicy',
        objectRef: 'policies[0]',
        field: 'metadata.name',
        message: /non-empty string/,
      }),
    );
  });

  it('rejects two NetworkPolicies with the same namespace and name', () => {
    expect(
      rejectionOf(s => {
        s.policies.push(s.policies[0]);
      }),
    ).toEqual(
      rejection({
        kind: 'NetworkPolicy',
        objectRef: 'shop/allow-web',
        field: 'metadata.name',
        message: /declared twice/,
      }),
    );
  });

  it.each<[string, Corruption, string, RegExp]>([
    [
      'an unknown container port protocol',
      s => {
        s.pods[0].ports[0].protocol = 'HTTP';
      },
      'ports[0].protocol',
      /unknown protocol "HTTP"/,
    ],
    [
      'a container port out of range',
      s => {
        s.pods[0].ports[0].containerPort = 70000;
      },
      'ports[0].containerPort',
      /out of range/,
    ],
    [
      'a malformed pod ip',
      s => {
        s.pods[0].ip = '10.0.0.256';
      },
      'ip',
      /malformed IP address/,
    ],
    [
      'a non-string pod label',
      s => {
        s.pods[0].labels.replicas = 3;
      },
      'labels.replicas',
      /must be a string/,
    ],
    [
      'a duplicate pod',
      s => {
        s.pods.push({ ...s.pods[0] });
      },
      'name',
      /declared twice/,
    ],
  ])('rejects %s in a Pod', (_case, corrupt, field, message) => {
    expect(rejectionOf(corrupt)).toEqual(
      rejection({ kind: 'Pod', objectRef: 'shop/web-0', field, message }),
    );
  });

  it.each<[string, Corruption, string, RegExp]>([
    [
      'a non-string namespace label',
      s => {
        s.namespaces[0].labels.tier = true;
      },
      'labels.tier',
      /must be a string/,
    ],
    [
      'a duplicate namespace',
      s => {
        s.namespaces.push({ name: 'shop' });
      },
      'metadata.name',
      /declared twice/,
    ],
  ])('rejects %s in a Namespace', (_case, corrupt, field, message) => {
    expect(rejectionOf(corrupt)).toEqual(
      rejection({ kind: 'Namespace', objectRef: 'shop', field, message }),
    );
  });
});
