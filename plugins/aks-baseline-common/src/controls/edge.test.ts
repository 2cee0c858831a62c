import { evaluateBaselineControls } from './evaluate';
import { versionAtLeast } from './edge';
import {
  baselineResources,
  clone,
  readExample,
  toBaselineGateway,
} from '../__testUtils__/controlFixtures';
import type { ArmResource } from '../arm/types';
import type { ControlResult } from './types';

const EDGE_IDS = [
  'WAF-01',
  'WAF-02',
  'WAF-03',
  'TLS-01',
  'TLS-02',
  'TLS-03',
  'TLS-04',
  'ING-01',
];
const edge = (results: ControlResult[]) =>
  Object.fromEntries(
    results.filter(r => EDGE_IDS.includes(r.id)).map(r => [r.id, r.status]),
  );
const byId = (results: ControlResult[], id: string) =>
  results.find(r => r.id === id)!;

describe('edge controls on the generic App Gateway example (applicationGateways_Get.json)', () => {
  const results = evaluateBaselineControls({
    applicationGateways: [readExample('applicationGateways_Get.json')],
    wafPolicies: [readExample('webApplicationFirewallPolicies_Get.json')],
  });

  it('judges every edge control from the fixture values', () => {
    expect(edge(results)).toEqual({
      'WAF-01': 'fail', // sku Standard_Medium / Standard
      'WAF-02': 'fail', // no firewallPolicy, and the policy example is not attached to this gateway
      'WAF-03': 'fail', // likewise
      'TLS-01': 'fail', // no gateway sslPolicy, and sslProfile1 is Custom TLSv1_1
      'TLS-02': 'fail', // two Http listeners that route (no redirect); sslcert is uploaded (publicCertData, no keyVaultSecretId)
      'TLS-03': 'fail', // appgwbhs: Http on port 80, no trusted root: no re-encryption
      'TLS-04': 'fail', // probes: []
      'ING-01': 'fail', // appgwpool (used by appgwrule and pathMap1) has no backend address
    });
  });

  it('explains each failure with what it found', () => {
    expect(byId(results, 'WAF-01').found).toBe('Standard_Medium / Standard');
    expect(byId(results, 'WAF-02').reason).toBe(
      'no WAF policy associated with the gateway',
    );
    expect(byId(results, 'TLS-01').reason).toMatch(
      /sslProfile sslProfile1 allows TLSv1_1/,
    );
    expect(byId(results, 'TLS-01').reason).toMatch(/no gateway sslPolicy/);
    expect(byId(results, 'TLS-02').reason).toMatch(
      /listener appgwhttplistener serves plain Http/,
    );
    expect(byId(results, 'TLS-02').reason).toMatch(
      /certificate sslcert is uploaded/,
    );
    expect(byId(results, 'TLS-03')).toMatchObject({
      found: 'appgwbhs: Http:80, trustedRootCertificates=0',
    });
    expect(byId(results, 'TLS-03').reason).toMatch(/not re-encrypted/);
    expect(byId(results, 'ING-01').reason).toMatch(
      /backend pool appgwpool has no backend addresses/,
    );
    expect(byId(results, 'WAF-01').resourceId).toBe(
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/applicationGateways/appgw',
    );
  });

  it("fails only TLS-03 once everything else is made baseline (the example's HTTP backend)", () => {
    const input = baselineResources();
    const backend = (input.applicationGateways![0].properties as any)
      .backendHttpSettingsCollection[0].properties;
    const example = (
      readExample('applicationGateways_Get.json').properties as any
    ).backendHttpSettingsCollection[0].properties;
    input.applicationGateways![0].properties!.backendHttpSettingsCollection = [
      {
        name: 'appgwbhs',
        properties: {
          ...backend,
          protocol: example.protocol,
          port: example.port,
        },
      },
    ];
    const failing = evaluateBaselineControls(input)
      .filter(r => r.status === 'fail')
      .map(r => r.id);
    expect(failing).toEqual(['TLS-03']);
  });
});

describe('the WAF policy example (webApplicationFirewallPolicies_Get.json)', () => {
  // Enabled, Prevention, OWASP 3.2 + Microsoft_BotManagerRuleSet 1.0: already what the baseline asks.
  it('passes WAF-02 and WAF-03 once attached to the gateway', () => {
    const results = evaluateBaselineControls(baselineResources());
    expect(byId(results, 'WAF-02')).toMatchObject({
      status: 'pass',
      found: 'state=Enabled, mode=Prevention',
    });
    expect(byId(results, 'WAF-03')).toMatchObject({
      status: 'pass',
      found:
        'OWASP 3.2, Microsoft_BotManagerRuleSet 1.0, Microsoft_HTTPDDoSRuleSet 1.0',
      resourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/Policy1',
    });
  });

  it('accepts Microsoft_DefaultRuleSet 2.1 as the core rule set', () => {
    const input = baselineResources();
    Object.assign(
      (input.wafPolicies![0].properties as any).managedRules.managedRuleSets[0],
      { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
    );
    expect(byId(evaluateBaselineControls(input), 'WAF-03').status).toBe('pass');
    (
      input.wafPolicies![0].properties as any
    ).managedRules.managedRuleSets[0].ruleSetVersion = '2.0';
    expect(byId(evaluateBaselineControls(input), 'WAF-03').status).toBe('fail');
  });

  it('finds a policy attached per listener, and one that lists the gateway itself', () => {
    const input = baselineResources();
    const gateway = input.applicationGateways![0].properties as any;
    const policyRef = gateway.firewallPolicy;
    delete gateway.firewallPolicy;
    expect(byId(evaluateBaselineControls(input), 'WAF-02').status).toBe('fail');
    gateway.httpListeners[0].properties.firewallPolicy = policyRef;
    expect(byId(evaluateBaselineControls(input), 'WAF-02').status).toBe('pass');
    delete gateway.httpListeners[0].properties.firewallPolicy;
    (input.wafPolicies![0].properties as any).applicationGateways = [
      { id: input.applicationGateways![0].id!.toUpperCase() },
    ];
    expect(byId(evaluateBaselineControls(input), 'WAF-02').status).toBe('pass');
  });

  it('judges the legacy in-gateway WAF configuration, with a warning to migrate', () => {
    const input = baselineResources();
    const gateway = input.applicationGateways![0].properties as any;
    delete gateway.firewallPolicy;
    gateway.webApplicationFirewallConfiguration = {
      enabled: true,
      firewallMode: 'Prevention',
      ruleSetType: 'OWASP',
      ruleSetVersion: '3.2',
    };
    const results = evaluateBaselineControls(input);
    expect(byId(results, 'WAF-02').status).toBe('warning');
    expect(byId(results, 'WAF-03').status).toBe('fail'); // no bot manager in the legacy configuration
  });
});

describe('TLS-01 policies', () => {
  const tls01 = (sslPolicy: unknown) => {
    const input = baselineResources();
    (input.applicationGateways![0].properties as any).sslPolicy = sslPolicy;
    return byId(evaluateBaselineControls(input), 'TLS-01');
  };

  it.each([
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' },
      'fail',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20170401' },
      'fail',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20170401S' },
      'pass',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' },
      'pass',
    ],
    [{ policyName: 'AppGwSslPolicy20220101S' }, 'pass'],
    [{ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' }, 'pass'],
    [
      {
        policyType: 'Custom',
        minProtocolVersion: 'TLSv1_2',
        cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
      },
      'pass',
    ],
    [{ policyType: 'Custom', minProtocolVersion: 'TLSv1_0' }, 'fail'],
    [{ disabledSslProtocols: ['TLSv1_0', 'TLSv1_1'] }, 'pass'],
    [{ disabledSslProtocols: ['TLSv1_0'] }, 'fail'],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20990101' },
      'not-observed',
    ],
    [{ policyType: 'Custom' }, 'fail'],
    [undefined, 'warning'],
  ])('%j -> %s', (policy, status) => {
    expect(tls01(policy).status).toBe(status);
  });
});

describe('ING-01 backend addresses', () => {
  const ing01 = (addresses: unknown[], context = {}) => {
    const input = baselineResources();
    delete input.kubernetes;
    input.context = context;
    for (const pool of (input.applicationGateways![0].properties as any)
      .backendAddressPools)
      pool.properties.backendAddresses = addresses;
    return byId(evaluateBaselineControls(input), 'ING-01');
  };

  it("matches Traefik's IP from context when Kubernetes was not read", () => {
    expect(
      ing01([{ ipAddress: '10.240.4.4' }], { traefikInternalIp: '10.240.4.4' })
        .status,
    ).toBe('pass');
  });
  it("cannot confirm a private IP without Traefik's IP, but rules out the wrong subnet or a public IP", () => {
    expect(ing01([{ ipAddress: '10.240.4.4' }]).status).toBe('not-observed');
    expect(
      ing01([{ ipAddress: '10.240.4.4' }], {
        ingressSubnetCidr: '10.240.4.0/28',
      }).status,
    ).toBe('not-observed');
    expect(
      ing01([{ ipAddress: '10.240.0.4' }], {
        ingressSubnetCidr: '10.240.4.0/28',
      }).status,
    ).toBe('fail');
    expect(ing01([{ ipAddress: '20.50.1.2' }]).status).toBe('fail');
  });
  it('judges FQDN backends only through resolved addresses (no DNS in a pure function)', () => {
    const fqdn = [{ fqdn: 'traefik.aks-ingress.contoso.com' }];
    expect(ing01(fqdn, { traefikInternalIp: '10.240.4.4' }).status).toBe(
      'not-observed',
    );
    expect(
      ing01(fqdn, {
        traefikInternalIp: '10.240.4.4',
        resolvedHosts: { 'traefik.aks-ingress.contoso.com': ['10.240.4.4'] },
      }).status,
    ).toBe('pass');
    expect(
      ing01(fqdn, {
        traefikInternalIp: '10.240.4.4',
        resolvedHosts: { 'traefik.aks-ingress.contoso.com': ['10.240.4.5'] },
      }).status,
    ).toBe('fail');
  });
});

/** The baseline gateway as an ARM template declares it: no ids, references as resourceId() expressions. */
function asTemplateResource(resource: ArmResource): ArmResource {
  const gatewayId = resource.id!;
  const walk = (value: any): any => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: any = {};
      for (const [key, v] of Object.entries(value)) {
        if (key === 'etag' || key === 'provisioningState') continue;
        if (
          key === 'id' &&
          typeof v === 'string' &&
          v.startsWith(`${gatewayId}/`)
        ) {
          const [collection, childName] = v
            .slice(gatewayId.length + 1)
            .split('/');
          // Sub-resources declared inline have no id; references become expressions.
          if (value.name === childName) continue;
          out.id = `[resourceId('Microsoft.Network/applicationGateways/${collection}', parameters('gatewayName'), '${childName}')]`;
        } else out[key] = walk(v);
      }
      return out;
    }
    return value;
  };
  const { id, ...rest } = walk(resource);
  return { ...rest, apiVersion: '2024-05-01' };
}

describe('template-shaped resources', () => {
  it('judges an App Gateway declared in an ARM template like the deployed one', () => {
    const deployed = baselineResources();
    const template = clone(deployed);
    template.applicationGateways = [
      asTemplateResource(deployed.applicationGateways![0]),
    ];
    (template.applicationGateways[0].properties as any).firewallPolicy = {
      id: "[resourceId('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', 'Policy1')]",
    };
    expect(template.applicationGateways[0].id).toBeUndefined();
    expect(edge(evaluateBaselineControls(template))).toEqual(
      edge(evaluateBaselineControls(deployed)),
    );
  });

  it('notes unevaluated template expressions instead of judging them silently', () => {
    const input = baselineResources();
    (input.applicationGateways![0].properties as any).sku = {
      name: "[parameters('skuName')]",
      tier: 'WAF_v2',
    };
    const waf01 = byId(evaluateBaselineControls(input), 'WAF-01');
    expect(waf01.status).toBe('fail');
    expect(waf01.reason).toMatch(/unevaluated template expression/);
  });

  it('builds the baseline gateway only from fields the baseline names', () => {
    const example = readExample('applicationGateways_Get.json');
    const baseline = toBaselineGateway(
      example,
      readExample('webApplicationFirewallPolicies_Get.json'),
    );
    // Untouched parts stay as Microsoft wrote them.
    expect((baseline.properties as any).rewriteRuleSets).toEqual(
      (example.properties as any).rewriteRuleSets,
    );
    expect((baseline.properties as any).requestRoutingRules).toEqual(
      (example.properties as any).requestRoutingRules,
    );
  });
});

describe('versionAtLeast', () => {
  it('compares dotted versions numerically', () => {
    expect(versionAtLeast('3.2', '3.2')).toBe(true);
    expect(versionAtLeast('3.10', '3.2')).toBe(true);
    expect(versionAtLeast('3.1', '3.2')).toBe(false);
    expect(versionAtLeast('2.2.9', '3.2')).toBe(false);
    expect(versionAtLeast('preview-0.1', '0.1')).toBe(false);
    expect(versionAtLeast(undefined, '0.1')).toBe(false);
  });
});
