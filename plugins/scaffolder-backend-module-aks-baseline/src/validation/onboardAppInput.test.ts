import { InputError } from '@backstage/errors';
import { validInput } from '../__testUtils__/onboardingFixtures';
import { parseOnboardAppInput } from './onboardAppInput';

function rejection(input: Record<string, unknown>): InputError {
  try {
    parseOnboardAppInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

const INJECTIONS = [
  'a\n---\nkind: ClusterRoleBinding',
  '{x: 1}',
  '"quoted"',
  "it's",
  'my-аpp', // Cyrillic 'а'
  'my-app\n',
  ' my-app',
  'my-app`) || Host(`evil.example.com',
];

describe('parseOnboardAppInput', () => {
  it('applies the reference defaults', () => {
    const { spec, dirs } = parseOnboardAppInput(validInput());
    expect(spec).toMatchObject({
      namespace: 'my-app',
      servicePort: 80,
      ownerRef: 'group:default/team-a',
      ownerName: 'team-a',
      clusterRef: 'resource:default/aks-prod-weu',
      traefik: {
        namespace: 'a0008',
        podLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
      },
      keyVault: {
        dnsSuffix: 'vault.azure.net',
        gatewayCertificateName: 'my-app-contoso-com-tls',
      },
      egress: [],
      appGateway: { healthProbePath: '/', routingRulePriority: 100 },
    });
    expect(spec.appGatewaySubnetCidr).toBeUndefined();
    expect(spec.appIdentityClientId).toBeUndefined();
    expect(dirs).toEqual({
      cluster: 'cluster-repo',
      platform: 'platform-infra',
    });
  });

  it('takes only what its JSON schema takes: no empty strings, no numbers as text', () => {
    // Templates leave unset parameters out of the step's input (the
    // scaffolder renders `${{ parameters.x }}` of an unset x as undefined),
    // so '' is a value, and a bad one, as the JSON schema says.
    expect(rejection(validInput({ namespace: '' })).message).toContain(
      `Invalid input 'namespace': must be an RFC 1123 label`,
    );
    expect(
      rejection(validInput({ appIdentityClientId: '' })).message,
    ).toContain(`Invalid input 'appIdentityClientId': must be a GUID`);
    expect(rejection(validInput({ servicePort: '80' })).message).toBe(
      `Invalid input 'servicePort': must be a port number: an integer from 1 to 65535; got "80"`,
    );
    expect(rejection(validInput({ namespace: null })).message).toContain(
      `Invalid input 'namespace'`,
    );
    const { spec } = parseOnboardAppInput(
      validInput({ namespace: undefined, egress: undefined }),
    );
    expect(spec.namespace).toBe('my-app');
    expect(spec.egress).toEqual([]);
  });

  it('reports every field at fault, each with its rule', () => {
    const { message } = rejection(
      validInput({ namespace: '', servicePort: '80', keyVaultName: 'kv' }),
    );
    expect(message).toContain(`Invalid input 'namespace'`);
    expect(message).toContain(`Invalid input 'servicePort'`);
    expect(message).toContain(
      `Invalid input 'keyVaultName': must be a Key Vault name`,
    );
  });

  it('takes a target port as text (the form sends text), and named target ports', () => {
    expect(
      parseOnboardAppInput(
        validInput({ servicePort: 8443, targetPort: '9090' }),
      ).spec,
    ).toMatchObject({ servicePort: 8443, targetPort: 9090 });
    expect(
      parseOnboardAppInput(validInput({ targetPort: 'http-alt' })).spec
        .targetPort,
    ).toBe('http-alt');
  });

  it('defaults the owner kind to group and normalizes kinds', () => {
    expect(
      parseOnboardAppInput(
        validInput({ owner: 'team-a', cluster: 'Resource:aks' }),
      ).spec,
    ).toMatchObject({
      ownerRef: 'group:default/team-a',
      clusterRef: 'resource:default/aks',
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['appName', { appName: 'My_App' }, /DNS-1035 label/],
    ['appName', { appName: '0x1f' }, /starting with a letter/],
    ['appName', { appName: 'a'.repeat(64) }, /at most 63/],
    ['appName', { appName: undefined }, /must be given/],
    ['namespace', { namespace: '-ns' }, /RFC 1123 label/],
    ['namespace', { namespace: 'kube-system' }, /not 'default' or 'kube-\*'/],
    ['namespace', { namespace: 'default' }, /not 'default'/],
    ['namespace', { namespace: 'a0008' }, /Traefik's namespace/],
    [
      'owner',
      { owner: 'component:default/x' },
      /entity ref of kind group or user/,
    ],
    ['owner', { owner: 'group:default/' }, /entity ref/],
    ['cluster', { cluster: 'group:default/aks' }, /of kind resource/],
    ['host', { host: 'localhost' }, /DNS host name/],
    ['host', { host: '*.contoso.com' }, /DNS host name/],
    ['host', { host: 'My-App.contoso.com' }, /DNS host name/],
    ['host', { host: '10.0.0.1' }, /DNS host name/],
    ['host', { host: `${'a'.repeat(64)}.contoso.com` }, /at most 63/],
    ['host', { host: 'my-app.contoso.com.' }, /DNS host name/],
    [
      'host',
      { host: 'my-app.contoso.com', ingressDomain: 'apps.contoso.com' },
      /inside the cluster's ingress domain 'apps.contoso.com'/,
    ],
    [
      'host',
      { host: 'apps.contoso.com', ingressDomain: 'apps.contoso.com' },
      /inside the cluster's ingress domain/,
    ],
    ['ingressDomain', { ingressDomain: 'contoso' }, /DNS host name/],
    ['servicePort', { servicePort: 0 }, /1 to 65535/],
    ['servicePort', { servicePort: 65536 }, /1 to 65535/],
    ['servicePort', { servicePort: 80.5 }, /1 to 65535/],
    ['servicePort', { servicePort: '080' }, /port number/],
    ['targetPort', { targetPort: 70000 }, /1 to 65535/],
    ['targetPort', { targetPort: 'a-very-long-port-name' }, /IANA_SVC_NAME/],
    ['targetPort', { targetPort: 'http--alt' }, /IANA_SVC_NAME/],
    ['targetPort', { targetPort: '-http' }, /IANA_SVC_NAME/],
    ['targetPort', { targetPort: 'HTTP' }, /IANA_SVC_NAME/],
    ['traefikNamespace', { traefikNamespace: 'A0008' }, /RFC 1123 label/],
    ['traefikPodLabels', { traefikPodLabels: {} }, /1 to 16 labels/],
    [
      'traefikPodLabels["bad key"]',
      { traefikPodLabels: { 'bad key': 'x' } },
      /label key/,
    ],
    [
      'traefikPodLabels.app',
      { traefikPodLabels: { app: 'x-' } },
      /label value/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.5.1/24' },
      /no bits set after the prefix/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.5.0/33' },
      /private IPv4 network/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.05.0/24' },
      /private IPv4 network/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.5.0' },
      /private IPv4 network/,
    ],
    ['keyVaultName', { keyVaultName: 'kv' }, /Key Vault name \(3-24/],
    ['keyVaultName', { keyVaultName: '1kv-prod' }, /starting with a letter/],
    ['keyVaultName', { keyVaultName: 'kv-prod-' }, /Key Vault name/],
    ['keyVaultName', { keyVaultName: 'kv--prod' }, /no '--'/],
    ['keyVaultName', { keyVaultName: 'k'.repeat(25) }, /Key Vault name/],
    ['keyVaultName', { keyVaultName: 'kv_prod' }, /Key Vault name/],
    ['keyVaultDnsSuffix', { keyVaultDnsSuffix: 'vault' }, /DNS host name/],
    ['tenantId', { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db4' }, /GUID/],
    [
      'tenantId',
      { tenantId: '{72f988bf-86f1-41af-91ab-2d7cd011db47}' },
      /GUID/,
    ],
    [
      'certificateReaderClientId',
      { certificateReaderClientId: 'not-a-guid' },
      /GUID/,
    ],
    [
      'appIdentityClientId',
      { appIdentityClientId: 'zzzzzzzz-86f1-41af-91ab-2d7cd011db47' },
      /GUID/,
    ],
    [
      'certificateName',
      { certificateName: 'my_cert' },
      /Key Vault object name/,
    ],
    [
      'gatewayCertificateName',
      { gatewayCertificateName: 'a'.repeat(128) },
      /Key Vault object name/,
    ],
    ['healthProbePath', { healthProbePath: 'healthz' }, /HTTP path/],
    ['healthProbePath', { healthProbePath: '/health z' }, /HTTP path/],
    ['routingRulePriority', { routingRulePriority: 0 }, /1 to 19999/],
    ['routingRulePriority', { routingRulePriority: 20000 }, /catch-all rule/],
    [
      'outputDir',
      { outputDir: '../outside' },
      /relative folder inside the workspace/,
    ],
    [
      'outputDir',
      { outputDir: '/etc' },
      /relative folder inside the workspace/,
    ],
    ['outputDir', { outputDir: 'a/'.repeat(513) }, /whole at most 1024/],
    [
      'platformOutputDir',
      { platformOutputDir: `p/${'x'.repeat(256)}` },
      /each name at most 255/,
    ],
    [
      'platformOutputDir',
      { platformOutputDir: 'cluster-repo/platform' },
      /apart from outputDir/,
    ],
    [
      'platformOutputDir',
      { outputDir: 'out', platformOutputDir: './out' },
      /apart from outputDir/,
    ],
    ['hots', { hots: 'x' }, /known fields/],
    ['egress', { egress: 'all' }, /a list/],
    [
      'egress[0]',
      { egress: [{ ports: [{ port: 443 }] }] },
      /either 'cidr' or 'namespace'/,
    ],
    [
      'egress[0]',
      {
        egress: [{ cidr: '10.0.0.0/8', namespace: 'x', ports: [{ port: 1 }] }],
      },
      /not both/,
    ],
    [
      'egress[0]',
      {
        egress: [
          { cidr: '10.0.0.0/8', podLabels: { a: 'b' }, ports: [{ port: 1 }] },
        ],
      },
      /either 'cidr' or 'namespace'/,
    ],
    [
      'egress[0].ports',
      { egress: [{ cidr: '10.0.0.0/8', ports: [] }] },
      /1 to 10 items/,
    ],
    [
      'egress[0].ports[0].port',
      { egress: [{ cidr: '10.0.0.0/8', ports: [{ port: 0 }] }] },
      /1 to 65535/,
    ],
    [
      'egress[0].ports[0].protocol',
      {
        egress: [
          { cidr: '10.0.0.0/8', ports: [{ port: 1, protocol: 'ICMP' }] },
        ],
      },
      /one of TCP, UDP, SCTP/,
    ],
    [
      'egress[0].cidr',
      { egress: [{ cidr: '10.0.0.1/8', ports: [{ port: 1 }] }] },
      /IPv4 CIDR/,
    ],
    [
      'egress[1].namespace',
      {
        egress: [
          { cidr: '10.0.0.0/8', ports: [{ port: 1 }] },
          { namespace: 'DB', ports: [{ port: 1 }] },
        ],
      },
      /RFC 1123 label/,
    ],
    [
      'egress[0].podLabels',
      { egress: [{ namespace: 'db', podLabels: {}, ports: [{ port: 1 }] }] },
      /1 to 16 labels/,
    ],
  ])('%s: rejects %j', (field, overrides, rule) => {
    const error = rejection(validInput(overrides));
    expect(error.message).toContain(`Invalid input '${field}'`);
    expect(error.message).toMatch(rule);
  });

  describe.each([
    'appName',
    'namespace',
    'host',
    'owner',
    'cluster',
    'traefikNamespace',
    'keyVaultName',
    'tenantId',
    'certificateName',
    'targetPort',
    'healthProbePath',
    'appGatewaySubnetCidr',
  ])('%s', field => {
    it.each(INJECTIONS.map(i => [JSON.stringify(i), i]))(
      'rejects the injection %s',
      (_name, value) => {
        const error = rejection(validInput({ [field]: value }));
        expect(error.message).toContain(`Invalid input '${field}'`);
        // The value is echoed JSON-encoded, so it cannot forge log lines.
        expect(error.message).not.toContain('\n');
      },
    );
  });

  it('rejects injections in label maps and egress selectors', () => {
    for (const value of INJECTIONS) {
      expect(
        rejection(validInput({ traefikPodLabels: { app: value } })).message,
      ).toMatch(/label value/);
      expect(
        rejection(validInput({ traefikPodLabels: { [value]: 'x' } })).message,
      ).toMatch(/label key/);
      expect(
        rejection(
          validInput({
            egress: [{ namespace: value, ports: [{ port: 5432 }] }],
          }),
        ).message,
      ).toContain("Invalid input 'egress[0].namespace'");
    }
  });

  it('rejects values of the wrong type', () => {
    expect(rejection(validInput({ appName: 42 })).message).toMatch(
      /'appName': must be a DNS-1035 label.*got 42/,
    );
    expect(rejection(validInput({ traefikPodLabels: ['x'] })).message).toMatch(
      /'traefikPodLabels': must be a map of 1 to 16 labels/,
    );
    expect(rejection(validInput({ servicePort: true })).message).toMatch(
      /'servicePort'/,
    );
    expect(() => parseOnboardAppInput('x')).toThrow(InputError);
  });
});
