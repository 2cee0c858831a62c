import {
  BASELINE_CONTROLS,
  ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parse } from 'yaml';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { nestedYaml } from '../serialize';
import {
  BaselineControlsFailedError,
  GeneratedCluster,
  checkClusterControls,
  generateCluster,
  renderCluster,
} from '.';

/*
 * The generated cluster passes every applicable baseline control, and the
 * evaluator catches each control being broken on its own: mutate one
 * setting, and exactly that control is named.
 */
const requests = clusterExampleRequests();
const [plain, withWorkspace] = requests;

function gate(index: number, mutate?: (g: GeneratedCluster) => void) {
  const { spec } = requests[index];
  const generated = structuredClone(generateCluster(spec));
  mutate?.(generated);
  return checkClusterControls(spec, generated.names, generated);
}

/** Controls judged fail or warning that nothing explains. */
const named = (results: ControlResult[], accepted: { id: string }[]) =>
  results
    .filter(r => r.status === 'fail' || r.status === 'warning')
    .filter(r => !accepted.some(a => a.id === r.id))
    .map(r => r.id);

const statuses = (results: ControlResult[]) =>
  Object.fromEntries(results.map(r => [r.id, r.status]));

describe('the baseline control gate', () => {
  it('passes every applicable control on the default example', () => {
    const { results, accepted, failures } = gate(0);
    expect(failures).toEqual([]);
    expect(results).toHaveLength(BASELINE_CONTROLS.length);
    const notPassing = results.filter(r => r.status !== 'pass');
    expect(notPassing.map(r => [r.id, r.status])).toEqual([
      // The certificates are imported before deployment: judged live.
      ['CERT-01', 'not-observed'],
      ['CERT-02', 'not-observed'],
      ['CERT-03', 'not-observed'],
      ['CERT-04', 'not-observed'],
      ['CERT-05', 'not-observed'],
      ['FW-01', 'not-observed'],
      ['K8S-05', 'not-applicable'],
      ['K8S-06', 'not-applicable'],
      ['K8S-07', 'not-applicable'],
    ]);
    // Each one is explained.
    expect(accepted.map(a => a.id).sort()).toEqual(
      [
        'CERT-01',
        'CERT-02',
        'CERT-03',
        'CERT-04',
        'CERT-05',
        'FW-01',
        'K8S-05',
        'K8S-06',
        'K8S-07',
      ].sort(),
    );
    expect(accepted.find(a => a.id === 'FW-01')!.reason).toContain(
      plain.spec.firewall.resourceId,
    );
  });

  it('passes OPS-01 and DEF-01 with or without a given workspace (the stamp creates one)', () => {
    expect(plain.spec.logAnalyticsWorkspaceId).toBeUndefined();
    expect(withWorkspace.spec.logAnalyticsWorkspaceId).toBeDefined();
    for (const index of [0, 1]) {
      const { results, failures } = gate(index);
      expect(failures).toEqual([]);
      expect(statuses(results)['OPS-01']).toBe('pass');
      expect(statuses(results)['DEF-01']).toBe('pass');
    }
  });

  it('judges what it can see, not what it is told (no pass on an unread input)', () => {
    const { results } = gate(0);
    const byId = (id: string) => results.find(r => r.id === id)!;
    expect(byId('NET-03').found).toContain('VirtualAppliance 10.200.0.4');
    expect(byId('ING-01').found).toContain('10.240.4.4');
    expect(byId('K8S-03').found).toContain('trustedIPs=10.240.5.0/24');
    expect(byId('K8S-02').found).toBe(
      'minVersion=VersionTLS12, sniStrict=true',
    );
  });

  it("reads Traefik's files where its Deployment mounts them, as the dashboard does", () => {
    // The dynamic ConfigMap mounted away from the file provider's directory:
    // Traefik would run without its TLS options and allow-list.
    const { results, failures } = gate(0, g => {
      const deployment = g.manifests.find(
        m =>
          m.kind === 'Deployment' &&
          m.metadata.name === g.names.traefik.deployment,
      ) as any;
      const [container] = deployment.spec.template.spec.containers;
      container.volumeMounts.find(
        (m: any) => m.name === 'dynamic-config',
      ).mountPath = '/config/elsewhere';
    });
    const byId = (id: string) => results.find(r => r.id === id)!;

    expect(byId('K8S-02').status).toBe('not-observed');
    expect(byId('K8S-03').status).toBe('fail');
    expect(failures.map(f => f.id)).toEqual(
      expect.arrayContaining(['K8S-02', 'K8S-03']),
    );
  });

  const resource = (g: GeneratedCluster, type: string) =>
    g.template.resources.find(r => r.type === type) as any;
  const cluster = (g: GeneratedCluster) =>
    resource(g, 'Microsoft.ContainerService/managedClusters').properties;
  const gateway = (g: GeneratedCluster) =>
    resource(g, 'Microsoft.Network/applicationGateways').properties;
  const manifest = (g: GeneratedCluster, kind: string) =>
    g.manifests.find(m => m.kind === kind) as any;
  const editConfig = (
    g: GeneratedCluster,
    name: string,
    edit: (config: any) => void,
  ) => {
    const map = g.manifests.find(m => m.metadata.name === name) as any;
    const [file] = Object.keys(map.data);
    const config = parse(map.data[file]);
    edit(config);
    map.data[file] = nestedYaml(config);
  };

  const policyOf = (r: { properties?: Record<string, unknown> }) =>
    String(r.properties?.policyDefinitionId);
  const policyAssignment = (g: GeneratedCluster, guid: string) =>
    g.template.resources.find(
      r =>
        r.type === 'Microsoft.Authorization/policyAssignments' &&
        policyOf(r).endsWith(guid),
    )!.properties as any;

  /** Removes the private endpoint whose connection targets a resource of `type`. */
  const dropPrivateEndpointTo = (g: GeneratedCluster, type: string) => {
    g.template.resources = g.template.resources.filter(
      r =>
        r.type !== 'Microsoft.Network/privateEndpoints' ||
        !JSON.stringify(r.properties).includes(`'${type}'`),
    );
  };

  const MUTATIONS: Array<
    [string, string, (g: GeneratedCluster) => void, number?, string[]?]
  > = [
    [
      'NET-01',
      'kubenet',
      g => {
        cluster(g).networkProfile.networkPlugin = 'kubenet';
      },
    ],
    [
      'NET-02',
      'no network policy',
      g => {
        cluster(g).networkProfile.networkPolicy = 'none';
      },
    ],
    [
      'NET-03',
      'outboundType loadBalancer',
      g => {
        cluster(g).networkProfile.outboundType = 'loadBalancer';
      },
    ],
    [
      'NET-03',
      'default route to another next hop',
      g => {
        resource(
          g,
          'Microsoft.Network/routeTables',
        ).properties.routes[0].properties.nextHopIpAddress = '10.200.0.5';
      },
    ],
    [
      'NET-04',
      'service CIDR inside the VNet',
      g => {
        Object.assign(cluster(g).networkProfile, {
          serviceCidr: '10.240.128.0/17',
          dnsServiceIP: '10.240.128.10',
        });
      },
    ],
    [
      'SEC-01',
      'CSI add-on off',
      g => {
        cluster(g).addonProfiles.azureKeyvaultSecretsProvider.enabled = false;
      },
    ],
    [
      'SEC-02',
      'secret rotation off',
      g => {
        cluster(
          g,
        ).addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation =
          'false';
      },
    ],
    [
      'SEC-03',
      'pod identity on',
      g => {
        cluster(g).podIdentityProfile = { enabled: true };
      },
    ],
    [
      'SEC-03',
      'OIDC issuer off',
      g => {
        cluster(g).oidcIssuerProfile.enabled = false;
      },
    ],
    [
      'SEC-04',
      'local accounts on',
      g => {
        cluster(g).disableLocalAccounts = false;
      },
    ],
    [
      'SEC-04',
      'Kubernetes RBAC instead of Azure RBAC',
      g => {
        cluster(g).aadProfile.enableAzureRBAC = false;
      },
    ],
    [
      'SEC-05',
      'public API server',
      g => {
        cluster(g).apiServerAccessProfile.enablePrivateCluster = false;
      },
      0,
      // Nodes then need the API server's FQDN through the firewall, which
      // the hub rules (generated for a private cluster) do not allow.
      ['FW-02'],
    ],
    [
      'SEC-05',
      'run command on',
      g => {
        cluster(g).apiServerAccessProfile.disableRunCommand = false;
      },
    ],
    [
      'FW-02',
      'an application rule for every FQDN in the hub rules',
      g => {
        const group = g.hubEgress.resources[1] as any;
        group.properties.ruleCollections[0].rules.push({
          ...group.properties.ruleCollections[0].rules[0],
          name: 'anything',
          targetFqdns: ['*'],
        });
      },
    ],
    [
      'SEC-06',
      'Azure Policy off',
      g => {
        cluster(g).addonProfiles.azurepolicy.enabled = false;
      },
    ],
    [
      'OPS-01',
      'monitoring add-on off',
      g => {
        cluster(g).addonProfiles.omsagent.enabled = false;
      },
    ],
    [
      'LOG-01',
      "the cluster's guard log off",
      g => {
        const setting = g.template.resources.find(
          r =>
            r.type === 'Microsoft.Insights/diagnosticSettings' &&
            r.scope?.startsWith('Microsoft.ContainerService/'),
        ) as any;
        setting.properties.logs.find(
          (l: any) => l.category === 'guard',
        ).enabled = false;
      },
    ],
    [
      'LOG-02',
      'no data collection rule association',
      g => {
        g.template.resources = g.template.resources.filter(
          r => r.type !== 'Microsoft.Insights/dataCollectionRuleAssociations',
        );
      },
    ],
    [
      'LOG-03',
      "an NSG's rule counter log dropped",
      g => {
        const setting = g.template.resources.find(
          r =>
            r.type === 'Microsoft.Insights/diagnosticSettings' &&
            r.scope?.endsWith('-appgw'),
        ) as any;
        setting.properties.logs.pop();
      },
    ],
    [
      'LOG-03',
      'no diagnostic setting on the vault',
      g => {
        g.template.resources = g.template.resources.filter(
          r =>
            r.type !== 'Microsoft.Insights/diagnosticSettings' ||
            !r.scope?.startsWith('Microsoft.KeyVault/'),
        );
      },
    ],
    [
      'OPS-02',
      'AGIC add-on on',
      g => {
        cluster(g).addonProfiles.ingressApplicationGateway = { enabled: true };
      },
    ],
    [
      'WAF-01',
      'Standard_v2 SKU',
      g => {
        gateway(g).sku = { name: 'Standard_v2', tier: 'Standard_v2' };
      },
    ],
    [
      'WAF-02',
      'WAF in Detection mode',
      g => {
        resource(
          g,
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
        ).properties.policySettings.mode = 'Detection';
      },
    ],
    [
      'WAF-03',
      'no bot manager rule set',
      g => {
        resource(
          g,
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
        ).properties.managedRules.managedRuleSets.pop();
      },
    ],
    [
      'WAF-03',
      'OWASP 3.1',
      g => {
        resource(
          g,
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
        ).properties.managedRules.managedRuleSets[0].ruleSetVersion = '3.1';
      },
    ],
    [
      'TLS-01',
      'TLS 1.0 policy',
      g => {
        gateway(g).sslPolicy.policyName = 'AppGwSslPolicy20150501';
      },
    ],
    [
      'TLS-02',
      'plain HTTP listener',
      g => {
        gateway(g).httpListeners[0].properties.protocol = 'Http';
      },
    ],
    [
      'TLS-02',
      'uploaded PFX instead of Key Vault',
      g => {
        gateway(g).sslCertificates[0].properties = {
          data: 'MIIK...',
          password: 'x',
        };
      },
    ],
    [
      'CERT-05',
      'trust root uploaded to App Gateway instead of referenced from Key Vault',
      g => {
        const root = gateway(g).trustedRootCertificates[0].properties;
        delete root.keyVaultSecretId;
        root.data = 'MIIBkTCB+wIJAK...';
      },
    ],
    [
      'TLS-03',
      'HTTP backend',
      g => {
        Object.assign(gateway(g).backendHttpSettingsCollection[0].properties, {
          protocol: 'Http',
          port: 80,
        });
      },
    ],
    [
      'TLS-03',
      'no trusted root',
      g => {
        gateway(
          g,
        ).backendHttpSettingsCollection[0].properties.trustedRootCertificates =
          [];
      },
    ],
    [
      'TLS-04',
      'HTTP probe',
      g => {
        gateway(g).probes[0].properties.protocol = 'Http';
      },
    ],
    [
      'ING-01',
      'backend pool elsewhere',
      g => {
        gateway(g).backendAddressPools[0].properties.backendAddresses = [
          { ipAddress: '10.240.4.5' },
        ];
      },
    ],
    [
      'KV-01',
      'public Key Vault',
      g => {
        const vault = resource(g, 'Microsoft.KeyVault/vaults').properties;
        vault.publicNetworkAccess = 'Enabled';
        vault.networkAcls.defaultAction = 'Allow';
      },
    ],
    [
      'KV-02',
      'no private endpoint',
      g => dropPrivateEndpointTo(g, 'Microsoft.KeyVault/vaults'),
    ],
    [
      'ACR-01',
      'registry open to public networks',
      g => {
        resource(
          g,
          'Microsoft.ContainerRegistry/registries',
        ).properties.publicNetworkAccess = 'Enabled';
      },
    ],
    [
      'ACR-01',
      'registry without its private endpoint',
      g => dropPrivateEndpointTo(g, 'Microsoft.ContainerRegistry/registries'),
    ],
    [
      'ACR-01',
      'admin user on',
      g => {
        resource(
          g,
          'Microsoft.ContainerRegistry/registries',
        ).properties.adminUserEnabled = true;
      },
    ],
    [
      'ACR-02',
      "Traefik's image from Docker Hub",
      g => {
        manifest(g, 'Deployment').spec.template.spec.containers[0].image =
          'docker.io/library/traefik:v3.7.9';
      },
    ],
    [
      'ACR-02',
      "Traefik's image unpinned",
      g => {
        const container = manifest(g, 'Deployment').spec.template.spec
          .containers[0];
        container.image = container.image.replace(/:v3\.7\.9$/, ':latest');
      },
    ],
    [
      'GOV-01',
      'the allowed-images assignment dropped',
      g => {
        g.template.resources = g.template.resources.filter(
          r =>
            r.type !== 'Microsoft.Authorization/policyAssignments' ||
            !policyOf(r).endsWith('febd0533-8e55-448f-b837-bd0e06f16469'),
        );
      },
    ],
    [
      'GOV-01',
      'the host-path assignment only audits',
      g => {
        policyAssignment(
          g,
          '098fc59e-46c7-4d99-9b16-64990e543d75',
        ).parameters.effect.value = 'Audit';
      },
    ],
    [
      'GOV-01',
      'the local-accounts assignment not enforced',
      g => {
        policyAssignment(
          g,
          '993c2fcd-2b29-49d2-9eb0-df2c3a730c32',
        ).enforcementMode = 'DoNotEnforce';
      },
    ],
    [
      'KV-03',
      'access policies',
      g => {
        resource(
          g,
          'Microsoft.KeyVault/vaults',
        ).properties.enableRbacAuthorization = false;
      },
    ],
    [
      'K8S-01',
      'public Traefik service',
      g => {
        delete manifest(g, 'Service').metadata.annotations[
          'service.beta.kubernetes.io/azure-load-balancer-internal'
        ];
      },
    ],
    [
      'K8S-02',
      'Traefik TLS 1.0 floor',
      g => {
        editConfig(g, 'traefik-dynamic-config', c => {
          c.tls.options.default.minVersion = 'VersionTLS10';
        });
      },
    ],
    [
      'K8S-02',
      'sniStrict off',
      g => {
        editConfig(g, 'traefik-dynamic-config', c => {
          c.tls.options.default.sniStrict = false;
        });
      },
    ],
    [
      'K8S-03',
      'allow-list wider than App Gateway',
      g => {
        editConfig(g, 'traefik-dynamic-config', c => {
          c.http.middlewares['app-gateway-only'].ipAllowList.sourceRange = [
            '10.0.0.0/8',
          ];
        });
      },
    ],
    [
      'K8S-03',
      'forwarded headers trusted from anywhere',
      g => {
        editConfig(g, 'traefik-static-config', c => {
          c.entryPoints.websecure.forwardedHeaders.trustedIPs = ['0.0.0.0/0'];
        });
      },
    ],
    [
      'K8S-04',
      'deprecated tenantId',
      g => {
        const parameters = manifest(g, 'SecretProviderClass').spec.parameters;
        parameters.tenantId = parameters.tenantID;
        delete parameters.tenantID;
      },
    ],
    [
      'K8S-04',
      'no workload identity client id',
      g => {
        delete manifest(g, 'SecretProviderClass').spec.parameters.clientID;
      },
    ],
    [
      'K8S-08',
      'pods not labelled for workload identity',
      g => {
        delete manifest(g, 'Deployment').spec.template.metadata.labels[
          'azure.workload.identity/use'
        ];
      },
    ],
    [
      'K8S-08',
      'federated credential for another service account',
      g => {
        resource(
          g,
          'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
        ).properties.subject = 'system:serviceaccount:a0008:default';
      },
    ],
    [
      'DEF-01',
      'Defender off',
      g => {
        cluster(g).securityProfile.defender.securityMonitoring.enabled = false;
      },
      1,
    ],
    [
      'DEF-02',
      'image cleaner off',
      g => {
        cluster(g).securityProfile.imageCleaner.enabled = false;
      },
    ],
    [
      'UPG-01',
      'node OS channel Unmanaged',
      g => {
        cluster(g).autoUpgradeProfile.nodeOSUpgradeChannel = 'Unmanaged';
      },
    ],
    [
      'UPG-01',
      'no window for the Kubernetes patch channel',
      g => {
        g.template.resources = g.template.resources.filter(
          r => !r.name.endsWith('/aksManagedAutoUpgradeSchedule'),
        );
      },
    ],
    [
      'UPG-02',
      'system pool not autoscaled',
      g => {
        cluster(g).agentPoolProfiles[0].enableAutoScaling = false;
      },
    ],
    [
      'UPG-02',
      'system pool without the critical-addons taint',
      g => {
        delete cluster(g).agentPoolProfiles[0].nodeTaints;
      },
    ],
    [
      'UPG-03',
      'user pool in one zone',
      g => {
        cluster(g).agentPoolProfiles[1].availabilityZones = ['2'];
      },
    ],
  ];

  it.each(MUTATIONS)(
    '%s: %s is named, and only it',
    (id, _label, mutate, example = 0, alsoNamed = []) => {
      const { results, accepted, failures } = gate(example, mutate);
      expect(named(results, accepted)).toEqual([id, ...alsoNamed]);
      expect(failures.map(f => f.id)).toContain(id);
    },
  );

  it('breaks every control create-cluster generates', () => {
    // FW-01 (the hub firewall), K8S-05..07 (each app's route and
    // NetworkPolicies, generated by onboard-app) and the certificates'
    // expiry and served contents (imported into Key Vault, read live) are
    // not generated here.
    const mutated = new Set(MUTATIONS.map(([id]) => id));
    const all = gate(0).results.map(r => r.id);
    expect(all.filter(id => !mutated.has(id))).toEqual([
      'CERT-01',
      'CERT-02',
      'CERT-03',
      'CERT-04',
      'FW-01',
      'K8S-05',
      'K8S-06',
      'K8S-07',
    ]);
  });

  it('makes renderCluster refuse to produce files when a control fails', () => {
    const breakWaf = (spec: typeof plain.spec) => {
      const generated = generateCluster(spec);
      const waf = generated.template.resources.find(
        r =>
          r.type ===
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      ) as any;
      waf.properties.policySettings.mode = 'Detection';
      return generated;
    };
    const attempt = () =>
      renderCluster(plain.spec, { outputDir: '' }, breakWaf);
    expect(attempt).toThrow(BaselineControlsFailedError);
    expect(attempt).toThrow(
      /WAF-02 WAF enforcing \(fail\): Detection mode only logs/,
    );
  });

  it('refuses an unexplained not-applicable too (SEC-02 without the CSI add-on)', () => {
    const { failures } = gate(0, g => {
      cluster(g).addonProfiles.azureKeyvaultSecretsProvider.enabled = false;
    });
    expect(failures.map(f => [f.id, f.status])).toEqual([
      ['SEC-01', 'fail'],
      ['SEC-02', 'not-applicable'],
    ]);
  });
});
