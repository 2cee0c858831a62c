import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_CONTROLS } from './catalogue';
import { sharedDir } from '../__testUtils__/sharedDir';
import {
  CONTROL_EVALUATORS,
  evaluateBaselineControls,
  summarizeControls,
} from './evaluate';
import { worstStatus } from './judgement';
import {
  baselineResources,
  CERTIFICATES_AT,
  daysAfterCertificatesAt,
} from '../__testUtils__/controlFixtures';
import type {
  BaselineResources,
  ControlResult,
  KubernetesObject,
} from './types';

const statuses = (results: ControlResult[]) =>
  Object.fromEntries(results.map(r => [r.id, r.status]));
const failing = (results: ControlResult[]) =>
  results.filter(r => r.status === 'fail').map(r => r.id);

/** The Kubernetes object of a kind and name in the (mutable) baseline input. */
function k8s(
  input: BaselineResources,
  kind: string,
  name: string,
  namespace?: string,
): any {
  const found = input.kubernetes!.objects!.find(
    (o: KubernetesObject) =>
      o.kind === kind &&
      o.metadata?.name === name &&
      (!namespace || o.metadata?.namespace === namespace),
  );
  if (!found) throw new Error(`fixture has no ${kind} ${name}`);
  return found;
}
const cluster = (i: BaselineResources): any => i.cluster!.properties;
const certificateOf = (i: BaselineResources, purpose: string) =>
  i.certificates!.certificates.find(c => c.purpose === purpose)!;
const gateway = (i: BaselineResources): any =>
  i.applicationGateways![0].properties;

/** The `| ID | title |` rows of a Markdown document's control tables, in order. */
function documentedControls(markdown: string): Map<string, string> {
  const rows = markdown.matchAll(/^\| ([A-Z0-9]+-\d\d) +\| ([^|]+?) +\|/gm);
  return new Map([...rows].map(([, id, title]) => [id, title.trim()]));
}

describe('the catalogue', () => {
  it('lists the controls of BASELINE-CONTROLS.md in documented order, then those the README adds, each with an evaluator', () => {
    const documented = documentedControls(
      readFileSync(sharedDir('BASELINE-CONTROLS.md'), 'utf8'),
    );
    const added = documentedControls(
      readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8'),
    );
    expect(documented.size).toBe(32);
    expect(
      BASELINE_CONTROLS.map(c => c.id).filter(id => documented.has(id)),
    ).toEqual([...documented.keys()]);
    // Every other control is in the README's table, with the same title.
    const rest = BASELINE_CONTROLS.filter(c => !documented.has(c.id));
    expect(rest.map(c => [c.id, c.title])).toEqual(
      [...added.entries()].filter(([id]) => !documented.has(id)),
    );
    for (const control of BASELINE_CONTROLS)
      expect(CONTROL_EVALUATORS[control.id]).toBeInstanceOf(Function);
    expect(Object.keys(CONTROL_EVALUATORS).sort()).toEqual(
      BASELINE_CONTROLS.map(c => c.id).sort(),
    );
  });
});

describe('a fully compliant baseline derived from the Microsoft examples', () => {
  it('passes every control', () => {
    const results = evaluateBaselineControls(baselineResources());
    const notPassing = results
      .filter(r => r.status !== 'pass')
      .map(r => `${r.id} ${r.status}: ${r.reason}`);
    expect(notPassing).toEqual([]);
    expect(summarizeControls(results)).toEqual({
      pass: BASELINE_CONTROLS.length,
      fail: 0,
      warning: 0,
      'not-observed': 0,
      'not-applicable': 0,
      total: BASELINE_CONTROLS.length,
    });
    expect(worstStatus(results)).toBe('pass');
  });

  it('returns results in catalogue order with the catalogue fields', () => {
    const results = evaluateBaselineControls(baselineResources());
    expect(results.map(r => r.id)).toEqual(BASELINE_CONTROLS.map(c => c.id));
    expect(results[0]).toMatchObject({
      id: 'NET-01',
      title: 'Azure CNI, not kubenet',
      area: 'cluster',
      severity: 'high',
      field: 'networkProfile.networkPlugin',
      found: 'azure',
    });
  });
});

/**
 * One baseline deviation at a time: exactly the named control turns to fail.
 * `alsoChanges` lists controls that legitimately change to something other
 * than fail (SEC-02 has nothing to judge once the CSI add-on is off).
 */
const MUTATIONS: Array<
  [string, string, (input: BaselineResources) => void, string[]?]
> = [
  [
    'NET-01',
    'kubenet',
    i => {
      cluster(i).networkProfile.networkPlugin = 'kubenet';
    },
  ],
  [
    'NET-02',
    'network policy none',
    i => {
      cluster(i).networkProfile.networkPolicy = 'none';
    },
  ],
  [
    'NET-03',
    'outbound through the load balancer',
    i => {
      cluster(i).networkProfile.outboundType = 'loadBalancer';
    },
    // The firewall's rules no longer decide egress.
    ['FW-02'],
  ],
  [
    'NET-03',
    'default route to the internet',
    i => {
      (i.routeTables![0].properties as any).routes[0].properties.nextHopType =
        'Internet';
    },
  ],
  [
    'NET-03',
    'default route to another appliance',
    i => {
      (
        i.routeTables![0].properties as any
      ).routes[0].properties.nextHopIpAddress = '10.0.0.99';
    },
  ],
  [
    'NET-04',
    'service CIDR inside the VNet',
    i => {
      Object.assign(cluster(i).networkProfile, {
        serviceCidr: '10.240.128.0/17',
        serviceCidrs: ['10.240.128.0/17'],
        dnsServiceIP: '10.240.128.10',
      });
    },
  ],
  [
    'NET-04',
    'basic load balancer',
    i => {
      cluster(i).networkProfile.loadBalancerSku = 'basic';
    },
  ],
  [
    'SEC-01',
    'CSI add-on off',
    i => {
      cluster(i).addonProfiles.azureKeyvaultSecretsProvider.enabled = false;
    },
    ['SEC-02'],
  ],
  [
    'SEC-03',
    'pod identity on',
    i => {
      cluster(i).podIdentityProfile = { enabled: true };
    },
  ],
  [
    'SEC-03',
    'workload identity off',
    i => {
      cluster(i).securityProfile.workloadIdentity.enabled = false;
    },
  ],
  [
    'SEC-04',
    'local accounts on',
    i => {
      cluster(i).disableLocalAccounts = false;
    },
  ],
  [
    'SEC-04',
    'Kubernetes RBAC without Azure RBAC',
    i => {
      cluster(i).aadProfile.enableAzureRBAC = false;
    },
  ],
  [
    'SEC-05',
    'public API server',
    i => {
      cluster(i).apiServerAccessProfile.enablePrivateCluster = false;
    },
  ],
  [
    'SEC-05',
    'run command allowed',
    i => {
      delete cluster(i).apiServerAccessProfile.disableRunCommand;
    },
  ],
  [
    'SEC-06',
    'Azure Policy add-on off',
    i => {
      delete cluster(i).addonProfiles.azurepolicy;
    },
  ],
  [
    'OPS-01',
    'monitoring off',
    i => {
      cluster(i).addonProfiles.omsagent.enabled = false;
    },
  ],
  [
    'OPS-02',
    'AGIC add-on on',
    i => {
      cluster(i).addonProfiles.ingressApplicationGateway = { enabled: true };
    },
  ],
  [
    'WAF-01',
    'Standard_v2 SKU',
    i => {
      gateway(i).sku = { name: 'Standard_v2', tier: 'Standard_v2' };
    },
  ],
  [
    'WAF-02',
    'WAF in Detection mode',
    i => {
      (i.wafPolicies![0].properties as any).policySettings.mode = 'Detection';
    },
  ],
  [
    'WAF-03',
    'OWASP 3.0',
    i => {
      (
        i.wafPolicies![0].properties as any
      ).managedRules.managedRuleSets[0].ruleSetVersion = '3.0';
    },
  ],
  [
    'WAF-03',
    'no bot manager',
    i => {
      (i.wafPolicies![0].properties as any).managedRules.managedRuleSets.splice(
        1,
        1,
      );
    },
  ],
  [
    'TLS-01',
    'TLS 1.0 predefined policy',
    i => {
      gateway(i).sslPolicy = {
        policyType: 'Predefined',
        policyName: 'AppGwSslPolicy20150501',
      };
    },
  ],
  [
    'TLS-01',
    'TLS 1.1 SSL profile',
    i => {
      gateway(i).sslProfiles[0].properties.sslPolicy.minProtocolVersion =
        'TLSv1_1';
    },
  ],
  [
    'TLS-02',
    'uploaded PFX listener certificate',
    i => {
      const certificate = gateway(i).sslCertificates[0].properties;
      delete certificate.keyVaultSecretId;
      Object.assign(certificate, { data: '****', password: '****' });
    },
  ],
  [
    'TLS-02',
    'plain HTTP listener',
    i => {
      gateway(i).httpListeners[1].properties.protocol = 'Http';
    },
  ],
  [
    'TLS-03',
    'HTTP backend',
    i => {
      Object.assign(gateway(i).backendHttpSettingsCollection[0].properties, {
        protocol: 'Http',
        port: 80,
      });
    },
  ],
  [
    'TLS-03',
    'no trusted root',
    i => {
      delete gateway(i).backendHttpSettingsCollection[0].properties
        .trustedRootCertificates;
    },
  ],
  [
    'TLS-04',
    'HTTP probe',
    i => {
      gateway(i).probes[0].properties.protocol = 'Http';
    },
  ],
  [
    'ING-01',
    'pool at another IP',
    i => {
      gateway(i).backendAddressPools[1].properties.backendAddresses = [
        { ipAddress: '10.240.4.99' },
      ];
    },
  ],
  [
    'KV-01',
    'Key Vault public',
    i => {
      Object.assign(i.keyVaults![0].properties!, {
        publicNetworkAccess: 'Enabled',
        networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' },
      });
    },
  ],
  [
    'KV-02',
    'no private endpoint',
    i => {
      i.privateEndpoints = i.privateEndpoints!.filter(e => e.name !== 'testPe');
    },
  ],
  [
    'KV-02',
    'private endpoint pending',
    i => {
      (
        i.privateEndpoints![0].properties as any
      ).privateLinkServiceConnections[0].properties.privateLinkServiceConnectionState.status =
        'Pending';
    },
  ],
  [
    'KV-03',
    'access policies',
    i => {
      i.keyVaults![0].properties!.enableRbacAuthorization = false;
    },
  ],
  [
    'FW-01',
    'DNS proxy off',
    i => {
      delete (i.azureFirewalls![0].properties as any).additionalProperties;
    },
  ],
  [
    'FW-01',
    'threat intelligence off',
    i => {
      (i.azureFirewalls![0].properties as any).threatIntelMode = 'Off';
    },
  ],
  [
    'FW-02',
    'no rule for the Azure Monitor add-on',
    i => {
      const rules = (i.azureFirewalls![0].properties as any)
        .applicationRuleCollections[0].properties.rules;
      rules.splice(
        rules.findIndex((r: any) => r.name === 'azure-monitor'),
        1,
      );
    },
  ],
  [
    'GOV-01',
    'the Linux restricted pod security initiative not assigned',
    i => {
      i.policyAssignments!.shift();
    },
  ],
  [
    'ACR-01',
    'registry open to public networks',
    i => {
      i.containerRegistries![0].properties!.publicNetworkAccess = 'Enabled';
    },
  ],
  [
    'ACR-01',
    "registry's private endpoint outside the cluster's VNet",
    i => {
      (i.privateEndpoints![1].properties as any).subnet.id =
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe';
    },
  ],
  [
    'LOG-01',
    'no guard log',
    i => {
      const logs = (i.diagnosticSettings![0].settings![0].properties as any)
        .logs;
      logs.splice(
        logs.findIndex((l: any) => l.category === 'guard'),
        1,
      );
    },
  ],
  [
    'LOG-02',
    'no data collection rule association',
    i => {
      i.dataCollectionRuleAssociations = [];
    },
  ],
  [
    'LOG-03',
    "Key Vault's AuditEvent off",
    i => {
      (
        i.diagnosticSettings![2].settings![0].properties as any
      ).logs[0].enabled = false;
    },
  ],
  [
    'ACR-02',
    'a workload pulling from Docker Hub',
    i => {
      k8s(i, 'Deployment', 'app1').spec.template.spec.containers[0].image =
        'nginx:1.27';
    },
  ],
  [
    'ACR-02',
    "the stamp's image by :latest",
    i => {
      k8s(i, 'Deployment', 'app1').spec.template.spec.containers[0].image =
        'acraksbaseline.azurecr.io/app1:latest';
    },
  ],
  [
    'K8S-01',
    'public Traefik load balancer',
    i => {
      delete k8s(i, 'Service', 'traefik-ingress-service').metadata.annotations[
        'service.beta.kubernetes.io/azure-load-balancer-internal'
      ];
    },
  ],
  [
    'K8S-02',
    'sniStrict off',
    i => {
      k8s(i, 'TLSOption', 'default').spec.sniStrict = false;
    },
  ],
  [
    'K8S-02',
    'TLS 1.0 floor',
    i => {
      k8s(i, 'TLSOption', 'default').spec.minVersion = 'VersionTLS10';
    },
  ],
  [
    'K8S-03',
    'allow-list open to all',
    i => {
      k8s(
        i,
        'Middleware',
        'app-gateway-subnet-ip-allowlist',
      ).spec.ipAllowList.sourceRange = ['0.0.0.0/0'];
    },
  ],
  [
    'K8S-03',
    'forwarded headers trusted from the VNet',
    i => {
      const args: string[] = k8s(i, 'Deployment', 'traefik-ingress-controller')
        .spec.template.spec.containers[0].args;
      args[1] =
        '--entryPoints.websecure.forwardedHeaders.trustedIPs=10.240.0.0/16';
    },
  ],
  [
    'K8S-04',
    'certificate through pod identity',
    i => {
      const parameters = k8s(
        i,
        'SecretProviderClass',
        'aks-ingress-tls-secret-csi-akv',
      ).spec.parameters;
      delete parameters.clientID;
      parameters.usePodIdentity = 'true';
    },
  ],
  [
    'K8S-05',
    'route also on plain HTTP',
    i => {
      k8s(i, 'IngressRoute', 'app1').spec.entryPoints = ['web', 'websecure'];
    },
  ],
  [
    'K8S-06',
    'no default deny',
    i => {
      i.kubernetes!.objects = i.kubernetes!.objects!.filter(
        o => o.metadata?.name !== 'default-deny',
      );
    },
  ],
  [
    'K8S-06',
    'default deny allowing all egress',
    i => {
      delete k8s(i, 'NetworkPolicy', 'default-deny').spec.egress[0].ports;
    },
  ],
  [
    'K8S-07',
    'ingress from another namespace',
    i => {
      k8s(
        i,
        'NetworkPolicy',
        'allow-from-traefik',
      ).spec.ingress[0].from[0].namespaceSelector.matchLabels[
        'kubernetes.io/metadata.name'
      ] = 'other';
    },
  ],
  [
    'K8S-07',
    'ingress on the wrong port',
    i => {
      k8s(
        i,
        'NetworkPolicy',
        'allow-from-traefik',
      ).spec.ingress[0].ports[0].port = 9090;
    },
  ],
  [
    'K8S-08',
    'pods without the workload identity label',
    i => {
      delete k8s(i, 'Deployment', 'app1').spec.template.metadata.labels[
        'azure.workload.identity/use'
      ];
    },
  ],
  [
    'K8S-08',
    'federated credential for another service account',
    i => {
      (i.federatedIdentityCredentials![1].properties as any).subject =
        'system:serviceaccount:app1:default';
    },
  ],
  [
    'CERT-01',
    'edge certificate expired a second ago',
    i => {
      certificateOf(i, 'edge').notAfter = new Date(
        Date.parse(CERTIFICATES_AT) - 1000,
      ).toISOString();
    },
  ],
  [
    'CERT-02',
    'trust root at the critical threshold (7 days)',
    i => {
      certificateOf(i, 'backend-trust-root').notAfter =
        daysAfterCertificatesAt(7);
    },
  ],
  [
    'CERT-03',
    'Traefik certificate expired',
    i => {
      certificateOf(i, 'ingress').notAfter = daysAfterCertificatesAt(-3);
    },
  ],
  [
    'CERT-04',
    'served certificate not anchored by a trust root',
    i => {
      i.certificates!.backendTrust![0].served!.anchoredBy = [];
    },
  ],
  [
    'CERT-04',
    'served certificate for another name',
    i => {
      i.certificates!.backendTrust![0].served!.names = ['*.other.contoso.com'];
    },
  ],
  [
    'CERT-05',
    'trust root uploaded to the gateway',
    i => {
      delete gateway(i).trustedRootCertificates[0].properties.keyVaultSecretId;
      gateway(i).trustedRootCertificates[0].properties.data = 'MIIB...';
    },
  ],
  [
    'DEF-01',
    'Defender off',
    i => {
      cluster(i).securityProfile.defender.securityMonitoring.enabled = false;
    },
  ],
  [
    'DEF-01',
    'Defender without a workspace',
    i => {
      delete cluster(i).securityProfile.defender
        .logAnalyticsWorkspaceResourceId;
    },
  ],
  [
    'DEF-02',
    'image cleaner absent',
    i => {
      delete cluster(i).securityProfile.imageCleaner;
    },
  ],
  [
    'DEF-02',
    'image cleaner every 12 hours (below what AKS accepts)',
    i => {
      cluster(i).securityProfile.imageCleaner.intervalHours = 12;
    },
  ],
  [
    'UPG-01',
    'node OS channel None',
    i => {
      cluster(i).autoUpgradeProfile.nodeOSUpgradeChannel = 'None';
    },
  ],
  [
    'UPG-01',
    'no node OS maintenance window',
    i => {
      i.maintenanceConfigurations = i.maintenanceConfigurations!.filter(
        c => c.name !== 'aksManagedNodeOSUpgradeSchedule',
      );
    },
  ],
  [
    'UPG-01',
    'a 2-hour Kubernetes upgrade window',
    i => {
      (
        i.maintenanceConfigurations!.find(
          c => c.name === 'aksManagedAutoUpgradeSchedule',
        )!.properties as any
      ).maintenanceWindow.durationHours = 2;
    },
  ],
  [
    'UPG-02',
    'system pool not autoscaled',
    i => {
      cluster(i).agentPoolProfiles[0].enableAutoScaling = false;
    },
  ],
  [
    'UPG-02',
    'system pool without the critical-addons taint',
    i => {
      cluster(i).agentPoolProfiles[0].nodeTaints = [];
    },
  ],
  [
    'UPG-03',
    'a pool in one zone',
    i => {
      cluster(i).agentPoolProfiles[0].availabilityZones = ['1'];
    },
  ],
];

/** Accepted-but-noteworthy values: a warning, never a fail, never a silent pass. */
const WARNINGS: Array<[string, string, (input: BaselineResources) => void]> = [
  [
    'NET-02',
    'Calico',
    i => {
      cluster(i).networkProfile.networkPolicy = 'calico';
    },
  ],
  [
    'SEC-02',
    'rotation off (the reference default)',
    i => {
      cluster(
        i,
      ).addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation =
        'false';
    },
  ],
  [
    'FW-02',
    'an application rule allowing every FQDN',
    i => {
      (
        i.azureFirewalls![0].properties as any
      ).applicationRuleCollections[0].properties.rules.push({
        name: 'anything',
        protocols: [{ protocolType: 'Https', port: 443 }],
        sourceAddresses: ['10.240.0.0/22'],
        targetFqdns: ['*'],
      });
    },
  ],
  [
    'FW-01',
    'threat intelligence in Alert mode',
    i => {
      (i.azureFirewalls![0].properties as any).threatIntelMode = 'Alert';
    },
  ],
  [
    'K8S-01',
    'no ingress subnet annotation',
    i => {
      delete k8s(i, 'Service', 'traefik-ingress-service').metadata.annotations[
        'service.beta.kubernetes.io/azure-load-balancer-internal-subnet'
      ];
    },
  ],
  [
    'K8S-04',
    'deprecated tenantId',
    i => {
      const parameters = k8s(
        i,
        'SecretProviderClass',
        'aks-ingress-tls-secret-csi-akv',
      ).spec.parameters;
      parameters.tenantId = parameters.tenantID;
      delete parameters.tenantID;
    },
  ],
  [
    'K8S-07',
    'every pod of the Traefik namespace admitted',
    i => {
      delete k8s(i, 'NetworkPolicy', 'allow-from-traefik').spec.ingress[0]
        .from[0].podSelector;
    },
  ],
  [
    'GOV-01',
    'allowed images assigned with Audit where the reference denies',
    i => {
      const images = i.policyAssignments!.find(a =>
        String(a.properties!.policyDefinitionId).endsWith(
          'febd0533-8e55-448f-b837-bd0e06f16469',
        ),
      )!;
      images.properties!.parameters = { effect: { value: 'Audit' } };
    },
  ],
  [
    'CERT-01',
    'edge certificate at the warning threshold (30 days)',
    i => {
      certificateOf(i, 'edge').notAfter = daysAfterCertificatesAt(30);
    },
  ],
  [
    'UPG-01',
    "Kubernetes upgrade channel none (the reference's choice)",
    i => {
      cluster(i).autoUpgradeProfile.upgradeChannel = 'none';
    },
  ],
  [
    'UPG-02',
    'system pool may scale down to one node',
    i => {
      cluster(i).agentPoolProfiles[0].minCount = 1;
    },
  ],
];

describe('one deviation at a time', () => {
  const baseline = statuses(evaluateBaselineControls(baselineResources()));

  it.each(MUTATIONS)(
    '%s fails alone on: %s',
    (id, _what, mutate, alsoChanges = []) => {
      const input = baselineResources();
      mutate(input);
      const results = evaluateBaselineControls(input);
      expect(failing(results)).toEqual([id]);
      const changed = results
        .filter(r => r.status !== baseline[r.id])
        .map(r => r.id);
      expect(changed.sort()).toEqual([id, ...alsoChanges].sort());
      expect(results.find(r => r.id === id)!.reason).not.toBe(
        'meets the baseline',
      );
    },
  );

  it.each(WARNINGS)('%s warns alone on: %s', (id, _what, mutate) => {
    const input = baselineResources();
    mutate(input);
    const results = evaluateBaselineControls(input);
    expect(failing(results)).toEqual([]);
    expect(
      results
        .filter(r => r.status !== baseline[r.id])
        .map(r => [r.id, r.status]),
    ).toEqual([[id, 'warning']]);
  });

  it('covers every control with at least one deviation', () => {
    const covered = new Set([...MUTATIONS, ...WARNINGS].map(([id]) => id));
    expect([...covered].sort()).toEqual(
      BASELINE_CONTROLS.map(c => c.id).sort(),
    );
  });
});

describe('missing input is never a pass', () => {
  it('says not-observed with a reason for every control on an empty input', () => {
    for (const result of evaluateBaselineControls({})) {
      expect(result.status).toBe('not-observed');
      expect(result.found).toBe('(absent)');
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it('names the missing piece', () => {
    const reasons = Object.fromEntries(
      evaluateBaselineControls({}).map(r => [r.id, r.reason]),
    );
    expect(reasons['NET-01']).toBe('no managed cluster in the input');
    expect(reasons['WAF-01']).toBe(
      'no Application Gateway associated with this cluster',
    );
    expect(reasons['KV-01']).toBe('no Key Vault in the input');
    expect(reasons['FW-01']).toMatch(/no Azure Firewall or firewall policy/);
    expect(reasons['K8S-01']).toMatch(/Kubernetes objects not read/);
  });

  it("passes the resolver's reason on when the firewall egress meets could not be told apart", () => {
    const input = baselineResources();
    const reason =
      'no firewall with private IP 10.0.0.0 is in VNet vnet-spoke or a VNet peered with it';
    delete input.azureFirewalls;
    delete input.firewallPolicies;
    delete input.firewallPolicyRuleCollectionGroups;
    input.context = { ...input.context, firewallNotIdentified: reason };
    const results = evaluateBaselineControls(input);
    for (const id of ['NET-03', 'FW-01', 'FW-02'])
      expect(results.find(r => r.id === id)).toMatchObject({
        status: 'not-observed',
        reason,
      });
  });

  it("passes the reader's reason on for the in-cluster controls", () => {
    const input = baselineResources();
    input.kubernetes = {
      unavailableReason: 'API server not reachable from the portal',
    };
    const results = evaluateBaselineControls(input);
    for (const result of results.filter(r => r.area === 'kubernetes')) {
      expect(result).toMatchObject({
        status: 'not-observed',
        reason: 'API server not reachable from the portal',
      });
    }
    // ING-01 falls back to context; without it, the pool's private IP cannot be confirmed.
    expect(results.find(r => r.id === 'ING-01')).toMatchObject({
      status: 'not-observed',
    });
    expect(results.find(r => r.id === 'ING-01')!.reason).toMatch(
      /Traefik's internal IP is not known/,
    );
    input.context = { traefikInternalIp: '10.240.4.4' };
    expect(
      evaluateBaselineControls(input).find(r => r.id === 'ING-01')!.status,
    ).toBe('pass');
  });

  it.each<[string, string, (input: BaselineResources) => void, RegExp]>([
    [
      'NET-03',
      'route table',
      i => {
        delete i.routeTables;
      },
      /route table .* not in the input/,
    ],
    [
      'NET-03',
      'node subnet',
      i => {
        delete i.virtualNetworks;
      },
      /node subnet .* not in the input/,
    ],
    [
      'NET-03',
      'firewall IP',
      i => {
        delete i.azureFirewalls;
      },
      /firewall's private IP is not known/,
    ],
    [
      'NET-04',
      'VNet',
      i => {
        delete i.virtualNetworks;
      },
      /VNet address space not known/,
    ],
    [
      'WAF-02',
      'WAF policy',
      i => {
        delete i.wafPolicies;
      },
      /referenced but not in the input/,
    ],
    [
      'WAF-03',
      'WAF policy',
      i => {
        delete i.wafPolicies;
      },
      /referenced but not in the input/,
    ],
    [
      'KV-02',
      'private endpoints',
      i => {
        delete i.privateEndpoints;
      },
      /private endpoints not in the input/,
    ],
    [
      'K8S-08',
      'federated credentials',
      i => {
        delete i.federatedIdentityCredentials;
      },
      /federated credentials not in the input/,
    ],
    [
      'K8S-02',
      'TLS options',
      i => {
        i.kubernetes!.objects = i.kubernetes!.objects!.filter(
          o => o.kind !== 'TLSOption',
        );
      },
      /file-provider configuration was not provided/,
    ],
    [
      'K8S-03',
      'App Gateway subnet',
      i => {
        delete i.virtualNetworks;
      },
      /App Gateway subnet CIDR not known/,
    ],
  ])('%s is not-observed without the %s', (id, _what, remove, reason) => {
    const input = baselineResources();
    remove(input);
    const result = evaluateBaselineControls(input).find(r => r.id === id)!;
    expect(result.status).toBe('not-observed');
    expect(result.reason).toMatch(reason);
  });
});

describe('worstStatus and summarizeControls', () => {
  it('ranks fail > warning > not-observed > pass > not-applicable', () => {
    const s = (...list: any[]) => worstStatus(list.map(status => ({ status })));
    expect(s('pass', 'not-applicable')).toBe('pass');
    expect(s('pass', 'not-observed')).toBe('not-observed');
    expect(s('not-observed', 'warning')).toBe('warning');
    expect(s('warning', 'fail', 'pass')).toBe('fail');
    expect(s('not-applicable')).toBe('not-applicable');
    expect(s()).toBe('not-observed');
  });

  it('counts by status', () => {
    const summary = summarizeControls(
      evaluateBaselineControls({ cluster: baselineResources().cluster }),
    );
    expect(summary.total).toBe(BASELINE_CONTROLS.length);
    expect(
      summary.pass +
        summary.fail +
        summary.warning +
        summary['not-observed'] +
        summary['not-applicable'],
    ).toBe(BASELINE_CONTROLS.length);
  });
});
