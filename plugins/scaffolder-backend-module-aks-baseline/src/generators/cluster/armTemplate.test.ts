import {
  NESTED_DEPLOYMENT_TYPE,
  ParameterValues,
  SPEC_OF_TYPE,
  validateTemplateResource,
} from '../../__testUtils__/armTemplateSchemas';
import {
  clusterExampleRequests,
  validClusterInput,
} from '../../__testUtils__/clusterFixtures';
import { parseCreateClusterInput } from '../../validation/createClusterInput';
import { ArmTemplateResource } from './arm/expressions';
import { ArmDeploymentTemplate } from './arm/template';
import { checkClusterControls, generateCluster } from '.';

/*
 * Every resource of the generated template validates strictly (unknown
 * properties, wrong types, read-only properties and enum values outside the
 * spec fail) against Microsoft's ARM specs at the api-version it names, and
 * every reference inside the template points at a resource it declares.
 */
const requests = clusterExampleRequests();
const generated = requests.map(r => generateCluster(r.spec));
const [defaultTemplate] = generated.map(g => g.template);

/** A value of each template parameter's type, as ARM would pass it. */
function sampleParameters(template: ArmDeploymentTemplate): ParameterValues {
  return Object.fromEntries(
    Object.entries(template.parameters).map(([name, p]) => [
      name,
      p.type === 'int' ? 1798761600 : p.defaultValue ?? 'x',
    ]),
  );
}
const validate = (resource: ArmTemplateResource) =>
  validateTemplateResource(resource, sampleParameters(defaultTemplate));
/** The default template's first resource of a type. */
const oneOf = (type: string) =>
  defaultTemplate.resources.find(r => r.type === type)! as any;

/** Each `[later, earlier]` pair: `later` waits for `earlier` in the default template. */
function expectDeployOrder(order: Array<[any, any]>) {
  for (const [later, earlier] of order) {
    const pair = { later: later.name, earlier: earlier.name };
    expect({
      ...pair,
      waits: dependsOnTransitively(defaultTemplate.resources, later, earlier),
    }).toEqual({ ...pair, waits: true });
  }
}

const EXPECTED_TYPES = [
  'Microsoft.Authorization/policyAssignments',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.ContainerRegistry/registries',
  'Microsoft.ContainerService/managedClusters',
  'Microsoft.Insights/dataCollectionRuleAssociations',
  'Microsoft.Insights/dataCollectionRules',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.OperationalInsights/workspaces',
  'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  'Microsoft.KeyVault/vaults',
  'Microsoft.KeyVault/vaults/secrets',
  'Microsoft.KubernetesConfiguration/extensions',
  'Microsoft.KubernetesConfiguration/fluxConfigurations',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
  'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  'Microsoft.Network/applicationGateways',
  'Microsoft.Network/networkSecurityGroups',
  'Microsoft.Network/privateDnsZones',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  'Microsoft.Network/privateEndpoints',
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
  'Microsoft.Network/publicIPAddresses',
  'Microsoft.Network/routeTables',
  'Microsoft.Network/virtualNetworks',
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
  'Microsoft.Resources/deployments',
];

describe('the generated ARM template', () => {
  it('declares the baseline resources', () => {
    const types = [...new Set(defaultTemplate.resources.map(r => r.type))];
    expect(types.sort()).toEqual([...EXPECTED_TYPES].sort());
    const counts = (type: string) =>
      defaultTemplate.resources.filter(r => r.type === type).length;
    expect(counts('Microsoft.ManagedIdentity/userAssignedIdentities')).toBe(3);
    expect(counts('Microsoft.Network/networkSecurityGroups')).toBe(4);
    // Four grants to identities of the template, AcrPull to the kubelet,
    // the admin group's two roles on the cluster.
    expect(counts('Microsoft.Authorization/roleAssignments')).toBe(7);
    expect(counts('Microsoft.KeyVault/vaults/secrets')).toBe(3);
    // The vault and the registry, each behind its private endpoint.
    expect(counts('Microsoft.Network/privateEndpoints')).toBe(2);
    expect(counts('Microsoft.Network/privateDnsZones')).toBe(2);
    // The reference's 18 built-in policies (GOV-01).
    expect(counts('Microsoft.Authorization/policyAssignments')).toBe(18);
    // Cluster, gateway, vault and the four NSGs.
    expect(counts('Microsoft.Insights/diagnosticSettings')).toBe(7);
    // Two planned maintenance windows, one per upgrade channel.
    expect(
      counts(
        'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
      ),
    ).toBe(2);
    // The spoke's peering with the hub, and the hub's side's nested deployment.
    expect(
      counts('Microsoft.Network/virtualNetworks/virtualNetworkPeerings'),
    ).toBe(1);
    expect(counts('Microsoft.Resources/deployments')).toBe(1);
    expect(defaultTemplate.resources).toHaveLength(68);
  });

  it("checks every type against Microsoft's spec", () => {
    for (const type of EXPECTED_TYPES) {
      // A nested deployment is checked through its template's resources.
      const checked =
        type.toLowerCase() in SPEC_OF_TYPE ||
        type.toLowerCase() === NESTED_DEPLOYMENT_TYPE;
      expect({ type, checked }).toEqual({
        type,
        checked: true,
      });
    }
  });

  it('puts private DNS zones and their links in the global location, as Azure requires', () => {
    const zonal = defaultTemplate.resources.filter(r =>
      r.type.startsWith('Microsoft.Network/privateDnsZones'),
    );
    expect(zonal.map(r => r.location)).toEqual([
      'global',
      'global',
      'global',
      'global',
    ]);
  });

  describe.each(requests.map((r, i) => [r.spec.clusterName, i] as const))(
    'example %s',
    (_name, index) => {
      it.each(
        generated[index].template.resources.map(
          r => [`${r.type} ${r.name}`, r] as const,
        ),
      )('%s validates against its spec', (_label, resource) => {
        const result = validateTemplateResource(
          resource,
          sampleParameters(generated[index].template),
        );
        expect(result).toEqual({
          resource: result.resource,
          valid: true,
          errors: [],
        });
      });

      it('references only what it declares', () => {
        expect(danglingReferences(generated[index].template.resources)).toEqual(
          [],
        );
      });
    },
  );

  it('notices a reference to something the template does not declare', () => {
    const resources = structuredClone(defaultTemplate.resources);
    const gateway = resources.find(
      r => r.type === 'Microsoft.Network/applicationGateways',
    ) as any;
    gateway.properties.backendHttpSettingsCollection[0].properties.probe.id =
      "[resourceId('Microsoft.Network/applicationGateways/probes', 'agw-aks-prod-weu', 'missing')]";
    expect(danglingReferences(resources)).toEqual([
      'resourceId(Microsoft.Network/applicationGateways/probes, agw-aks-prod-weu, missing)',
    ]);
  });

  it('validates with the longest cluster name Azure allows (derived names fit their limits)', () => {
    const { spec } = parseCreateClusterInput(
      validClusterInput({ clusterName: `aks-${'x'.repeat(59)}` }),
    );
    const { template, names } = generateCluster(spec);
    expect(names.vnet.length).toBeLessThanOrEqual(64);
    expect(names.keyVaultDnsLink.length).toBeLessThanOrEqual(80);
    for (const resource of template.resources) {
      expect(
        validateTemplateResource(resource, sampleParameters(template)).errors,
      ).toEqual([]);
      // Role assignment names are GUIDs ARM computes.
      if (resource.name.startsWith('[')) continue;
      const own = resource.name.split('/').pop()!;
      expect({ name: own, fits: own.length <= 80 }).toEqual({
        name: own,
        fits: true,
      });
    }
    expect(danglingReferences(template.resources)).toEqual([]);
  });

  describe('strictness', () => {
    const pick = (type: string) =>
      structuredClone(
        defaultTemplate.resources.find(r => r.type === type)!,
      ) as any;

    it.each<[string, string, (r: any) => void, string]>([
      [
        'a misspelt cluster setting',
        'Microsoft.ContainerService/managedClusters',
        r => {
          r.properties.networkProfile.networkPlugn = 'azure';
        },
        'unknown field "networkPlugn"',
      ],
      [
        'an unknown top-level field',
        'Microsoft.ContainerService/managedClusters',
        r => {
          r.sku.tierr = 'Standard';
        },
        'unknown field "tierr"',
      ],
      [
        'a read-only property',
        'Microsoft.ContainerService/managedClusters',
        r => {
          r.properties.provisioningState = 'Succeeded';
        },
        'read-only',
      ],
      [
        'a wrong type',
        'Microsoft.ContainerService/managedClusters',
        r => {
          r.properties.agentPoolProfiles[0].count = '3';
        },
        'must be integer',
      ],
      [
        'a value outside the enum',
        'Microsoft.Network/applicationGateways',
        r => {
          r.properties.sku.tier = 'WAF_v3';
        },
        'allowed values',
      ],
      [
        'a misspelt listener field',
        'Microsoft.Network/applicationGateways',
        r => {
          r.properties.httpListeners[0].properties.hostname = 'x';
        },
        'unknown field "hostname"',
      ],
      [
        'a misspelt vault ACL',
        'Microsoft.KeyVault/vaults',
        r => {
          r.properties.networkAcls.defaultaction = 'Deny';
        },
        'unknown field "defaultaction"',
      ],
      [
        'a misspelt subnet field',
        'Microsoft.Network/virtualNetworks',
        r => {
          r.properties.subnets[0].properties.adressPrefix = 'x';
        },
        'unknown field "adressPrefix"',
      ],
      [
        'an unknown role assignment field',
        'Microsoft.Authorization/roleAssignments',
        r => {
          r.properties.principalID = 'x';
        },
        'unknown field "principalID"',
      ],
      [
        'a misspelt private DNS zone link field',
        'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        r => {
          r.properties.registrationEnabeld = false;
        },
        'unknown field "registrationEnabeld"',
      ],
      [
        'a misspelt registry setting',
        'Microsoft.ContainerRegistry/registries',
        r => {
          r.properties.publicNetworkAcess = 'Disabled';
        },
        'unknown field "publicNetworkAcess"',
      ],
      [
        'a registry SKU outside the enum',
        'Microsoft.ContainerRegistry/registries',
        r => {
          r.sku.name = 'Platinum';
        },
        'allowed values',
      ],
      [
        'a misspelt extension field',
        'Microsoft.KubernetesConfiguration/extensions',
        r => {
          r.properties.releaseTrian = 'Stable';
        },
        'unknown field "releaseTrian"',
      ],
      [
        'a misspelt kustomization field',
        'Microsoft.KubernetesConfiguration/fluxConfigurations',
        r => {
          r.properties.kustomizations.crds.dependOn = [];
        },
        'unknown field "dependOn"',
      ],
      [
        'an expiry that is not a number',
        'Microsoft.KeyVault/vaults/secrets',
        r => {
          r.properties.attributes.exp = '2027-01-01';
        },
        'must be integer',
      ],
    ])('rejects %s', (_label, type, mutate, expected) => {
      const resource = pick(type);
      mutate(resource);
      const result = validate(resource);
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toContain(expected);
    });

    it('rejects an api-version other than the spec it is checked against', () => {
      const resource = {
        ...pick('Microsoft.Network/virtualNetworks'),
        apiVersion: '2024-05-01',
      };
      expect(validate(resource).errors).toEqual([
        'api-version 2024-05-01, but the spec is 2026-07-01',
      ]);
    });
  });

  it('wires egress, the edge and the vault to the inputs', () => {
    const [{ spec }] = requests;
    const byType = (type: string) =>
      defaultTemplate.resources.find(r => r.type === type)! as any;
    expect(byType('Microsoft.Network/routeTables').properties.routes).toEqual([
      {
        name: 'r-nexthop-to-fw',
        properties: {
          addressPrefix: '0.0.0.0/0',
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: '10.200.0.4',
        },
      },
    ]);
    const cluster = byType('Microsoft.ContainerService/managedClusters');
    expect(cluster.tags).toMatchObject({
      'aks-baseline.io/ingress-certificate':
        'kv-aks-prod-weu/traefik-ingress-internal-aks-ingress-tls',
    });
    const gateway = byType('Microsoft.Network/applicationGateways');
    expect(gateway.tags['aks-baseline.io/cluster']).toBe(spec.clusterName);
    expect(
      gateway.properties.backendAddressPools[0].properties.backendAddresses,
    ).toEqual([{ ipAddress: '10.240.4.4' }]);
    expect(
      gateway.properties.sslCertificates[0].properties.keyVaultSecretId,
    ).toBe(
      'https://kv-aks-prod-weu.vault.azure.net/secrets/gateway-external-pfx-cert',
    );
    expect(
      gateway.properties.trustedRootCertificates[0].properties.keyVaultSecretId,
    ).toBe(
      'https://kv-aks-prod-weu.vault.azure.net/secrets/appgw-ingress-internal-aks-ingress-tls',
    );
    expect(gateway.properties.httpListeners[0].properties.hostNames).toEqual([
      '*.contoso.com',
    ]);
    expect(
      gateway.properties.backendHttpSettingsCollection[0].properties.hostName,
    ).toBe('aks-prod-weu.aks-ingress.contoso.com');
    expect(byType('Microsoft.Network/privateDnsZones').name).toBe(
      'privatelink.vaultcore.azure.net',
    );
    expect(
      byType(
        'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      ).properties,
    ).toEqual({
      issuer:
        "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-prod-weu'), '2026-10-01').oidcIssuerProfile.issuerURL]",
      subject: 'system:serviceaccount:a0008:traefik-ingress-ilb',
      audiences: ['api://AzureADTokenExchange'],
    });
    const roles = defaultTemplate.resources
      .filter(r => r.type === 'Microsoft.Authorization/roleAssignments')
      .map(r => [r.scope, (r.properties as any).roleDefinitionId]);
    expect(roles).toEqual([
      [
        'Microsoft.KeyVault/vaults/kv-aks-prod-weu',
        expect.stringContaining('4633458b-17de-408a-b874-0445c86b69e6'),
      ],
      [
        'Microsoft.KeyVault/vaults/kv-aks-prod-weu',
        expect.stringContaining('4633458b-17de-408a-b874-0445c86b69e6'),
      ],
      [
        'Microsoft.Network/virtualNetworks/vnet-spoke-aks-prod-weu',
        expect.stringContaining('4d97b98b-1d4f-4787-a291-c67834d212e7'),
      ],
      [
        'Microsoft.Network/routeTables/rt-aks-prod-weu-to-hub',
        expect.stringContaining('4d97b98b-1d4f-4787-a291-c67834d212e7'),
      ],
      // The admin group: AKS RBAC Cluster Admin and Cluster User on the cluster.
      [
        'Microsoft.ContainerService/managedClusters/aks-prod-weu',
        expect.stringContaining('b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b'),
      ],
      [
        'Microsoft.ContainerService/managedClusters/aks-prod-weu',
        expect.stringContaining('4abbcc35-e782-43d8-92c5-2d3f1bd2253f'),
      ],
      [
        `Microsoft.ContainerRegistry/registries/${generated[0].names.registry.name}`,
        expect.stringContaining('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
      ],
    ]);
  });

  it("sends Container insights to the given workspace or the stamp's own, and zones only where they exist", () => {
    const resourcesOf = (index: number) => generated[index].template.resources;
    const cluster = (index: number) =>
      resourcesOf(index).find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      ) as any;
    const workspaces = (index: number) =>
      resourcesOf(index).filter(
        r => r.type === 'Microsoft.OperationalInsights/workspaces',
      );
    const ownWorkspace = `/subscriptions/${requests[0].spec.subscriptionId}/resourceGroups/${requests[0].spec.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${generated[0].names.monitoring.workspace}`;
    expect(workspaces(0).map(w => w.name)).toEqual([
      generated[0].names.monitoring.workspace,
    ]);
    expect(workspaces(1)).toEqual([]);
    for (const [index, workspace] of [
      [0, ownWorkspace],
      [1, requests[1].spec.logAnalyticsWorkspaceId],
    ] as const) {
      expect(cluster(index).properties.addonProfiles.omsagent).toEqual({
        enabled: true,
        config: {
          logAnalyticsWorkspaceResourceID: workspace,
          useAADAuth: 'true',
        },
      });
      // Every diagnostic setting and the rule send to the same workspace.
      const destinations = resourcesOf(index).flatMap((r: any) =>
        r.type === 'Microsoft.Insights/diagnosticSettings'
          ? [r.properties.workspaceId]
          : r.properties?.destinations?.logAnalytics?.map(
              (d: any) => d.workspaceResourceId,
            ) ?? [],
      );
      expect(new Set(destinations)).toEqual(new Set([workspace]));
    }
    const { spec } = parseCreateClusterInput(
      validClusterInput({ location: 'westus' }),
    );
    const regional = generateCluster(spec).template.resources;
    expect(regional.filter(r => 'zones' in r)).toEqual([]);
    const pools = (
      regional.find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      ) as any
    ).properties.agentPoolProfiles;
    expect(pools.map((p: any) => p.availabilityZones)).toEqual([
      undefined,
      undefined,
    ]);
  });

  describe('audit and telemetry (LOG-01..03)', () => {
    const [{ spec }] = requests;
    const { names } = generated[0];
    const ofType = (type: string) =>
      defaultTemplate.resources.filter(r => r.type === type) as any[];
    const enabledLogs = (setting: any) =>
      setting.properties.logs
        .filter((l: any) => l.enabled)
        .map((l: any) => l.category);

    it('puts one diagnostic setting on the cluster, the gateway, the vault and each NSG', () => {
      const settings = ofType('Microsoft.Insights/diagnosticSettings');
      const byScope = Object.fromEntries(
        settings.map(s => [s.scope, enabledLogs(s)]),
      );
      expect(byScope).toEqual({
        [`Microsoft.ContainerService/managedClusters/${spec.clusterName}`]: [
          'cluster-autoscaler',
          'kube-controller-manager',
          'kube-audit-admin',
          'guard',
        ],
        [`Microsoft.Network/applicationGateways/${names.appGateway}`]: [
          'ApplicationGatewayAccessLog',
          'ApplicationGatewayPerformanceLog',
          'ApplicationGatewayFirewallLog',
        ],
        [`Microsoft.KeyVault/vaults/${spec.keyVault.name}`]: ['AuditEvent'],
        ...Object.fromEntries(
          Object.values(names.nsgs).map(nsg => [
            `Microsoft.Network/networkSecurityGroups/${nsg}`,
            ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'],
          ]),
        ),
      });
      // Each scope is a resource this template declares, which it depends on.
      for (const setting of settings) {
        const [provider, type, name] = setting.scope.split('/');
        expect(
          defaultTemplate.resources.some(
            r => r.type === `${provider}/${type}` && r.name === name,
          ),
        ).toBe(true);
        expect(setting.dependsOn[0]).toBe(
          `[resourceId('${provider}/${type}', '${name}')]`,
        );
      }
    });

    it('associates the Container insights rule with the cluster, its streams flowing to the workspace', () => {
      const [rule] = ofType('Microsoft.Insights/dataCollectionRules');
      const [association] = ofType(
        'Microsoft.Insights/dataCollectionRuleAssociations',
      );
      expect(association.scope).toBe(
        `Microsoft.ContainerService/managedClusters/${spec.clusterName}`,
      );
      expect(association.properties.dataCollectionRuleId).toMatch(
        new RegExp(`/dataCollectionRules/${rule.name}$`),
      );
      const [extension] = rule.properties.dataSources.extensions;
      expect(extension.extensionName).toBe('ContainerInsights');
      const flowing = rule.properties.dataFlows.flatMap((f: any) => f.streams);
      for (const stream of extension.streams) expect(flowing).toContain(stream);
      expect(extension.streams).toContain('Microsoft-ContainerLogV2');
    });
  });

  describe('the security profile, upgrades and pools (issue #17)', () => {
    const clusterOf = (index: number) =>
      generated[index].template.resources.find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      ) as any;

    it("turns Defender on with the given workspace or the stamp's own, and the image cleaner", () => {
      const { spec } = requests[0];
      const { names } = generated[0];
      expect(clusterOf(0).properties.securityProfile).toEqual({
        workloadIdentity: { enabled: true },
        imageCleaner: { enabled: true, intervalHours: 120 },
        defender: {
          logAnalyticsWorkspaceResourceId: `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${names.monitoring.workspace}`,
          securityMonitoring: { enabled: true },
        },
      });
      // That workspace is one the template declares.
      expect(
        generated[0].template.resources.some(
          r =>
            r.type === 'Microsoft.OperationalInsights/workspaces' &&
            r.name === names.monitoring.workspace,
        ),
      ).toBe(true);
      expect(clusterOf(1).properties.securityProfile.defender).toEqual({
        logAnalyticsWorkspaceResourceId:
          requests[1].spec.logAnalyticsWorkspaceId,
        securityMonitoring: { enabled: true },
      });
    });

    it('schedules each upgrade channel in its own weekly window', () => {
      const windows = defaultTemplate.resources
        .filter(
          r =>
            r.type ===
            'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
        )
        .map(r => [
          r.name,
          r.dependsOn,
          (r.properties as any).maintenanceWindow,
        ]);
      expect(windows).toEqual([
        [
          'aks-prod-weu/aksManagedAutoUpgradeSchedule',
          [
            "[resourceId('Microsoft.ContainerService/managedClusters', 'aks-prod-weu')]",
          ],
          {
            schedule: { weekly: { dayOfWeek: 'Thursday', intervalWeeks: 1 } },
            durationHours: 8,
            startTime: '21:00',
            utcOffset: '+00:00',
          },
        ],
        [
          'aks-prod-weu/aksManagedNodeOSUpgradeSchedule',
          [
            "[resourceId('Microsoft.ContainerService/managedClusters', 'aks-prod-weu')]",
          ],
          {
            schedule: { weekly: { dayOfWeek: 'Tuesday', intervalWeeks: 1 } },
            durationHours: 12,
            startTime: '21:00',
            utcOffset: '+00:00',
          },
        ],
      ]);
      expect(clusterOf(0).properties.autoUpgradeProfile).toEqual({
        upgradeChannel: 'patch',
        nodeOSUpgradeChannel: 'NodeImage',
      });
    });

    it('autoscales the tainted system pool, with ephemeral OS disks where the size is known to fit', () => {
      const [system, user] = clusterOf(0).properties.agentPoolProfiles;
      const { spec } = requests[0];
      expect(system).toMatchObject({
        mode: 'System',
        vmSize: 'Standard_D4ds_v5',
        enableAutoScaling: true,
        minCount: spec.systemPool.count,
        maxCount: spec.systemPool.count + 1,
        nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'],
        osDiskType: 'Ephemeral',
        // 150 GiB of temporary disk holds AKS's default 128 GiB OS disk.
        osDiskSizeGB: 128,
        availabilityZones: ['1', '2', '3'],
      });
      expect(user).toMatchObject({
        osDiskType: 'Ephemeral',
        osDiskSizeGB: 128,
        availabilityZones: ['1', '2', '3'],
      });
      const small = generateCluster(
        parseCreateClusterInput(
          validClusterInput({
            systemNodeVmSize: 'Standard_DS2_v2',
            userNodeVmSize: 'Standard_E4as_v5',
          }),
        ).spec,
      ).template.resources.find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      ) as any;
      const [smallSystem, unknownUser] = small.properties.agentPoolProfiles;
      // An 86 GiB cache: the OS disk shrinks to fit it.
      expect(smallSystem).toMatchObject({
        osDiskType: 'Ephemeral',
        osDiskSizeGB: 86,
      });
      // A size the generator knows nothing of: AKS chooses at deployment.
      expect(unknownUser.osDiskType).toBeUndefined();
      expect(unknownUser.osDiskSizeGB).toBeUndefined();
    });
  });

  describe('the network options: Azure CNI Overlay and API Server VNet Integration', () => {
    const { spec } = parseCreateClusterInput(
      validClusterInput({
        podCidr: '192.168.0.0/16',
        apiServerSubnetCidr: '10.240.4.64/28',
      }),
    );
    const optioned = generateCluster(spec);
    const one = (type: string) =>
      optioned.template.resources.find(r => r.type === type) as any;

    it('validates strictly against the AKS and Network specifications', () => {
      for (const resource of optioned.template.resources) {
        expect(
          validateTemplateResource(
            resource,
            sampleParameters(optioned.template),
          ).errors,
        ).toEqual([]);
      }
    });

    it('puts pods on the overlay and the API server into its delegated subnet', () => {
      const cluster = one('Microsoft.ContainerService/managedClusters');
      expect(cluster.properties.networkProfile).toMatchObject({
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        podCidr: '192.168.0.0/16',
      });
      expect(cluster.properties.apiServerAccessProfile).toMatchObject({
        enablePrivateCluster: true,
        enableVnetIntegration: true,
        subnetId:
          "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke-aks-prod-weu', 'snet-apiserver')]",
      });
      const subnet = one(
        'Microsoft.Network/virtualNetworks',
      ).properties.subnets.find((s: any) => s.name === 'snet-apiserver');
      expect(subnet.properties).toMatchObject({
        addressPrefix: '10.240.4.64/28',
        delegations: [
          {
            properties: {
              serviceName: 'Microsoft.ContainerService/managedClusters',
            },
          },
        ],
      });
    });

    it('passes NET-01 and SEC-05 with them, as every other control', () => {
      const { results, failures } = checkClusterControls(
        spec,
        optioned.names,
        optioned,
      );
      expect(failures).toEqual([]);
      const byId = (id: string) => results.find(r => r.id === id)!;
      expect(byId('NET-01')).toMatchObject({
        status: 'pass',
        found: 'azure (networkPluginMode overlay)',
      });
      expect(byId('NET-04').status).toBe('pass');
      expect(byId('SEC-05')).toMatchObject({
        status: 'pass',
        reason: expect.stringMatching(/API Server VNet Integration/),
      });
    });
  });

  describe("the spoke's peering with the hub (both sides)", () => {
    const [{ spec }] = requests;
    const { names } = generated[0];
    const vnet = oneOf('Microsoft.Network/virtualNetworks');
    const spokeSide = oneOf(
      'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    );
    const hubDeployment = oneOf('Microsoft.Resources/deployments');
    const cluster = oneOf('Microsoft.ContainerService/managedClusters');
    const extension = oneOf('Microsoft.KubernetesConfiguration/extensions');
    const flux = oneOf('Microsoft.KubernetesConfiguration/fluxConfigurations');
    // mspnp/aks-baseline network-team/virtualNetworkPeering.bicep's settings.
    const REFERENCE_SETTINGS = {
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
    };

    it("peers the spoke VNet with the hub VNet the input names, with the reference's settings", () => {
      expect(spokeSide.name).toBe(
        `${names.vnet}/to_${spec.hub.id.split('/').pop()}`,
      );
      expect(spokeSide.properties).toEqual({
        remoteVirtualNetwork: { id: spec.hub.id },
        ...REFERENCE_SETTINGS,
      });
    });

    it("peers the hub back through a nested deployment in the hub VNet's subscription and group", () => {
      const [, , subscriptionId, , resourceGroup, , , , hubName] =
        spec.hub.id.split('/');
      expect(hubDeployment).toMatchObject({
        subscriptionId,
        resourceGroup,
        properties: {
          mode: 'Incremental',
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: {
            spokeVirtualNetworkId: {
              value: `[resourceId('Microsoft.Network/virtualNetworks', '${names.vnet}')]`,
            },
          },
        },
      });
      expect(hubDeployment.properties.template.resources).toEqual([
        {
          type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
          apiVersion: spokeSide.apiVersion,
          name: `${hubName}/to_${names.vnet}`,
          properties: {
            remoteVirtualNetwork: {
              id: "[parameters('spokeVirtualNetworkId')]",
            },
            ...REFERENCE_SETTINGS,
          },
        },
      ]);
    });

    it("puts the hub's side in another subscription when the hub is there", () => {
      const hubElsewhere =
        '/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub-prod/providers/Microsoft.Network/virtualNetworks/vnet-hub';
      const { spec: other } = parseCreateClusterInput(
        validClusterInput({ hubVirtualNetworkId: hubElsewhere }),
      );
      const { template } = generateCluster(other);
      const deployment = template.resources.find(
        r => r.type === 'Microsoft.Resources/deployments',
      )!;
      expect([deployment.subscriptionId, deployment.resourceGroup]).toEqual([
        '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        'rg-hub-prod',
      ]);
      expect(danglingReferences(template.resources)).toEqual([]);
    });

    it('creates the spoke, its side, then the hub side; the cluster and Flux wait for both sides', () => {
      expectDeployOrder([
        [spokeSide, vnet],
        [hubDeployment, spokeSide],
        [cluster, spokeSide],
        [cluster, hubDeployment],
        [extension, hubDeployment],
        [flux, hubDeployment],
      ]);
      // The cluster names both directly: ARM starts it only once both exist.
      expect(cluster.dependsOn).toEqual(
        expect.arrayContaining([
          templateIdOf(spokeSide),
          templateIdOf(hubDeployment),
        ]),
      );
    });

    it('notices a nested peering that breaks its spec', () => {
      const broken = structuredClone(hubDeployment);
      broken.properties.template.resources[0].properties.allowForwardedTraffic =
        'no';
      expect(validate(broken).valid).toBe(false);
      const outer = structuredClone(hubDeployment);
      delete outer.properties.expressionEvaluationOptions;
      expect(validate(outer).errors).toEqual([
        'expressionEvaluationOptions.scope is not inner: the template would evaluate in the outer scope',
      ]);
    });
  });

  describe('the GitOps bootstrap and the private registry', () => {
    const [{ spec }] = requests;
    const { names } = generated[0];
    const resources = defaultTemplate.resources;
    const cluster = oneOf('Microsoft.ContainerService/managedClusters');
    const registry = oneOf('Microsoft.ContainerRegistry/registries');
    const extension = oneOf('Microsoft.KubernetesConfiguration/extensions');
    const flux = oneOf('Microsoft.KubernetesConfiguration/fluxConfigurations');
    const acrPull = resources.find(
      r =>
        r.type === 'Microsoft.Authorization/roleAssignments' &&
        r.scope?.startsWith('Microsoft.ContainerRegistry/'),
    )! as any;

    it('deploys in order: cluster and registry, AcrPull, the Flux extension, its configuration', () => {
      expectDeployOrder([
        [acrPull, cluster],
        [acrPull, registry],
        [extension, acrPull],
        [flux, extension],
        [flux, acrPull],
      ]);
      // and never the other way round (ARM would refuse a cycle)
      expect(dependsOnTransitively(resources, extension, flux)).toBe(false);
      expect(dependsOnTransitively(resources, cluster, acrPull)).toBe(false);
    });

    it('scopes the extension, the configuration and AcrPull to their targets', () => {
      expect(extension.scope).toBe(
        'Microsoft.ContainerService/managedClusters/aks-prod-weu',
      );
      expect(flux.scope).toBe(extension.scope);
      expect(acrPull.scope).toBe(
        `Microsoft.ContainerRegistry/registries/${names.registry.name}`,
      );
      const unscoped = structuredClone(resources);
      delete unscoped.find(
        r => r.type === 'Microsoft.KubernetesConfiguration/extensions',
      )!.scope;
      // The configuration's dependency no longer names a declared resource.
      expect(danglingReferences(unscoped)).toEqual([
        `bootstrap depends on ${flux.dependsOn[0]}`,
      ]);
    });

    it('grants AcrPull (the built-in role) to the kubelet identity', () => {
      expect(acrPull.properties).toEqual({
        roleDefinitionId:
          "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')]",
        principalId:
          "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks-prod-weu'), '2026-10-01').identityProfile.kubeletidentity.objectId]",
        principalType: 'ServicePrincipal',
        description: expect.any(String),
      });
    });

    it('installs Flux as the reference does and bootstraps from the published repository', () => {
      expect(extension.name).toBe('flux');
      expect(extension.properties).toMatchObject({
        extensionType: 'microsoft.flux',
        releaseTrain: 'Stable',
        autoUpgradeMinorVersion: true,
        scope: { cluster: { releaseNamespace: 'flux-system' } },
      });
      const enabled = Object.entries(
        extension.properties.configurationSettings as Record<string, string>,
      )
        .filter(([, value]) => value === 'true')
        .map(([key]) => key.split('.')[0]);
      expect(enabled.sort()).toEqual([
        'kustomize-controller',
        'notification-controller',
        'source-controller',
      ]);
      expect(flux.name).toBe('bootstrap');
      expect(flux.properties.gitRepository).toMatchObject({
        url: spec.gitops.repositoryUrl,
        repositoryRef: { branch: 'main' },
      });
      const { crds, traefik } = flux.properties.kustomizations;
      expect(crds).toMatchObject({
        path: './cluster-manifests/crds',
        prune: false,
        wait: true,
      });
      expect(crds.dependsOn).toBeUndefined();
      expect(traefik).toMatchObject({
        path: './cluster-manifests',
        dependsOn: ['crds'],
        prune: true,
      });
      expect(
        generated[1].template.resources.find(
          r =>
            r.type === 'Microsoft.KubernetesConfiguration/fluxConfigurations',
        )!.properties!.gitRepository,
      ).toMatchObject({
        url: 'https://github.com/contoso/aks-staging-sec',
        repositoryRef: { branch: 'release/staging' },
      });
    });

    it('makes the registry private: Premium, no public access, no admin, no anonymous pull, behind its private endpoint', () => {
      expect(registry.sku).toEqual({ name: 'Premium' });
      expect(registry.properties).toMatchObject({
        publicNetworkAccess: 'Disabled',
        adminUserEnabled: false,
        anonymousPullEnabled: false,
        networkRuleSet: { defaultAction: 'Deny', ipRules: [] },
        dataEndpointEnabled: true,
        zoneRedundancy: 'Enabled',
      });
      const endpoint = resources.find(
        r => r.name === names.registry.privateEndpoint,
      )! as any;
      expect(endpoint.properties.subnet.id).toContain(
        "'snet-privatelinkendpoints'",
      );
      expect(
        endpoint.properties.privateLinkServiceConnections[0].properties,
      ).toEqual({
        privateLinkServiceId: `[resourceId('Microsoft.ContainerRegistry/registries', '${names.registry.name}')]`,
        groupIds: ['registry'],
      });
      expect(
        resources.filter(r => r.name.startsWith('privatelink.azurecr.io')),
      ).toHaveLength(2);
      const { spec: regional } = parseCreateClusterInput(
        validClusterInput({ location: 'westus' }),
      );
      expect(
        (
          generateCluster(regional).template.resources.find(
            r => r.type === 'Microsoft.ContainerRegistry/registries',
          ) as any
        ).properties.zoneRedundancy,
      ).toBe('Disabled');
    });

    it('names the registry deterministically: 5-50 lowercase alphanumerics, apart per subscription and group', () => {
      const nameOf = (overrides: Record<string, unknown>) =>
        generateCluster(
          parseCreateClusterInput(validClusterInput(overrides)).spec,
        ).names.registry.name;
      const base = nameOf({});
      expect(base).toMatch(/^[a-z0-9]{5,50}$/);
      expect(nameOf({})).toBe(base);
      expect(nameOf({ resourceGroup: 'rg-other' })).not.toBe(base);
      expect(
        nameOf({ subscriptionId: '00000000-0000-0000-0000-000000000001' }),
      ).not.toBe(base);
      for (const clusterName of ['a', `aks-${'x'.repeat(59)}`, 'A_b-C']) {
        expect(nameOf({ clusterName })).toMatch(/^[a-z0-9]{5,50}$/);
      }
    });
  });

  it('gives every certificate secret its content type and its expiry from a required int parameter', () => {
    const secrets = defaultTemplate.resources.filter(
      r => r.type === 'Microsoft.KeyVault/vaults/secrets',
    ) as any[];
    for (const secret of secrets) {
      const match = /^\[parameters\('(\w+)'\)\]$/.exec(
        secret.properties.attributes.exp,
      );
      expect(match).not.toBeNull();
      const declared = defaultTemplate.parameters[match![1]];
      expect(declared.type).toBe('int');
      expect(declared).not.toHaveProperty('defaultValue');
      expect(declared.metadata.description).toContain('openssl x509 -enddate');
      expect(secret.properties.contentType).toMatch(/^application\//);
    }
    expect(secrets).toHaveLength(3);
  });

  it('keeps certificate material out of the parameters file', () => {
    expect(generated[0].parameters.parameters).toEqual({
      kubernetesVersion: { value: '1.34' },
    });
    // With a source vault, ARM reads the certificates from it at deployment.
    const source = requests[2].spec.keyVault.certificateSourceVaultId!;
    expect(generated[2].parameters.parameters).toEqual({
      kubernetesVersion: { value: '1.34' },
      edgeCertificatePfxBase64: {
        reference: {
          keyVault: { id: source },
          secretName: 'gateway-external-pfx-cert',
        },
      },
      ingressCertificatePem: {
        reference: {
          keyVault: { id: source },
          secretName: 'traefik-ingress-internal-aks-ingress-tls',
        },
      },
      backendRootCertificateBase64: {
        reference: {
          keyVault: { id: source },
          secretName: 'appgw-ingress-internal-aks-ingress-tls',
        },
      },
      // Expiries are literal ints (a Key Vault reference yields strings).
      edgeCertificateExpiresOn: { value: 1798761600 },
      ingressCertificateExpiresOn: { value: 1798761600 },
      backendRootCertificateExpiresOn: { value: 1893456000 },
    });
    const secure = Object.entries(defaultTemplate.parameters).filter(
      ([, p]) => p.type === 'securestring',
    );
    expect(secure.map(([, p]) => [p.type, p.defaultValue])).toEqual([
      ['securestring', ''],
      ['securestring', ''],
      ['securestring', ''],
    ]);
  });
});

/**
 * References in the template (`resourceId(...)` anywhere, `dependsOn`
 * entries, extension resources' ids and `scope`s) that match no declared
 * resource or sub-resource; and extension resources that do not depend on
 * their scope (ARM infers no dependency from a `scope` string).
 */
function danglingReferences(resources: ArmTemplateResource[]): string[] {
  const declared = new Set<string>();
  // `where`: the subscription and group of a resource in another group
  // (a nested deployment), '' for the deployment's own.
  const add = (type: string, name: string, where = '') =>
    declared.add(`${where}|${type}|${name}`.toLowerCase());
  const extensionIds = new Set<string>();
  for (const resource of resources) {
    add(resource.type, resource.name, elsewhere(resource));
    if (resource.scope) extensionIds.add(templateIdOf(resource));
    // Sub-resources declared inline: subnets, and App Gateway's collections.
    for (const [collection, items] of Object.entries(
      resource.properties ?? {},
    )) {
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (item && typeof item === 'object' && typeof item.name === 'string') {
          add(
            `${resource.type}/${collection}`,
            `${resource.name}/${item.name}`,
            elsewhere(resource),
          );
        }
      }
    }
  }
  const problems: string[] = [];
  const text = JSON.stringify(resources);
  for (const match of text.matchAll(/resourceId\(((?:'[^']*'(?:, )?)+)\)/g)) {
    let args = [...match[1].matchAll(/'([^']*)'/g)].map(m => m[1]);
    // resourceId(subscriptionId, resourceGroup, type, names...)
    const where = args[0].includes('/') ? '' : args.slice(0, 2).join('/');
    if (where) args = args.slice(2);
    const [type, ...parts] = args;
    if (type === 'Microsoft.Authorization/roleDefinitions') continue;
    if (!declared.has(`${where}|${type}|${parts.join('/')}`.toLowerCase())) {
      problems.push(`resourceId(${type}, ${parts.join(', ')})`);
    }
  }
  for (const resource of resources) {
    for (const dependency of resource.dependsOn ?? []) {
      if (
        dependency.startsWith('[extensionResourceId(') &&
        !extensionIds.has(dependency)
      ) {
        problems.push(`${resource.name} depends on ${dependency}`);
      }
    }
    if (resource.scope) {
      const target = scopeTargetId(resource.scope);
      if (!(resource.dependsOn ?? []).includes(target)) {
        problems.push(
          `${resource.name} does not depend on its scope ${target}`,
        );
      }
    }
  }
  return problems;
}

/** `[resourceId(...)]` of a scope written `<namespace>/<type>/<name>`. */
function scopeTargetId(scope: string): string {
  const [namespace, type, ...name] = scope.split('/');
  return `[resourceId('${namespace}/${type}', '${name.join("', '")}')]`;
}

/** `<subscription>/<group>` of a resource deployed into another group, else ''. */
function elsewhere(resource: ArmTemplateResource): string {
  return resource.subscriptionId
    ? `${resource.subscriptionId}/${resource.resourceGroup}`
    : '';
}

/** How other resources of the template name this one in `dependsOn`. */
function templateIdOf(resource: ArmTemplateResource): string {
  if (resource.subscriptionId) {
    return `[resourceId('${resource.subscriptionId}', '${resource.resourceGroup}', '${resource.type}', '${resource.name}')]`;
  }
  if (!resource.scope) {
    return `[resourceId('${resource.type}', '${resource.name
      .split('/')
      .join("', '")}')]`;
  }
  const nameArgument = resource.name.startsWith('[')
    ? resource.name.slice(1, -1)
    : `'${resource.name}'`;
  return `[extensionResourceId(${scopeTargetId(resource.scope).slice(
    1,
    -1,
  )}, '${resource.type}', ${nameArgument})]`;
}

/** `later` waits for `earlier`, directly or through other resources. */
function dependsOnTransitively(
  resources: ArmTemplateResource[],
  later: ArmTemplateResource,
  earlier: ArmTemplateResource,
): boolean {
  const byId = new Map(resources.map(r => [templateIdOf(r), r]));
  const target = templateIdOf(earlier);
  const seen = new Set<string>();
  const stack = [...(later.dependsOn ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return false;
}
