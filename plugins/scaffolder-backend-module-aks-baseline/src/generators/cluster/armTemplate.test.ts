import {
  MINIMAL_SCHEMAS,
  SPEC_OF_TYPE,
  validateTemplateResource,
} from '../../__testUtils__/armTemplateSchemas';
import {
  clusterExampleRequests,
  validClusterInput,
} from '../../__testUtils__/clusterFixtures';
import { parseCreateClusterInput } from '../../validation/createClusterInput';
import { ArmTemplateResource } from './arm/expressions';
import { roleAssignmentId, roleGrants } from './arm/roleAssignments';
import { generateCluster } from '.';

/*
 * Every resource of the generated template validates strictly (unknown
 * properties, wrong types, read-only properties and enum values outside the
 * spec fail) against Microsoft's ARM specs at the api-version it names, and
 * every reference inside the template points at a resource it declares.
 */
const requests = clusterExampleRequests();
const generated = requests.map(r => generateCluster(r.spec));
const [defaultTemplate] = generated.map(g => g.template);

const EXPECTED_TYPES = [
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.ContainerService/managedClusters',
  'Microsoft.KeyVault/vaults',
  'Microsoft.KeyVault/vaults/secrets',
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
];

describe('the generated ARM template', () => {
  it('declares the baseline resources', () => {
    const types = [...new Set(defaultTemplate.resources.map(r => r.type))];
    expect(types.sort()).toEqual([...EXPECTED_TYPES].sort());
    const counts = (type: string) =>
      defaultTemplate.resources.filter(r => r.type === type).length;
    expect(counts('Microsoft.ManagedIdentity/userAssignedIdentities')).toBe(3);
    expect(counts('Microsoft.Network/networkSecurityGroups')).toBe(4);
    expect(counts('Microsoft.Authorization/roleAssignments')).toBe(4);
    expect(counts('Microsoft.KeyVault/vaults/secrets')).toBe(3);
  });

  it('checks every type against a spec (minimal schemas only where shared/ has none)', () => {
    const minimal = Object.keys(MINIMAL_SCHEMAS);
    for (const type of EXPECTED_TYPES) {
      const key = type.toLowerCase();
      expect({
        type,
        checked: key in SPEC_OF_TYPE || minimal.includes(key),
      }).toEqual({
        type,
        checked: true,
      });
    }
    expect(minimal.sort()).toEqual([
      'microsoft.authorization/roleassignments',
      'microsoft.network/privatednszones',
      'microsoft.network/privatednszones/virtualnetworklinks',
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
        const result = validateTemplateResource(resource);
        expect(result).toEqual({
          resource: result.resource,
          valid: true,
          errors: [],
        });
      });

      it('references only what it declares', () => {
        const { spec } = requests[index];
        expect(
          danglingReferences(generated[index].template.resources, spec),
        ).toEqual([]);
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
    expect(danglingReferences(resources, requests[0].spec)).toEqual([
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
      expect(validateTemplateResource(resource).errors).toEqual([]);
      // Role assignment names are GUIDs ARM computes.
      if (resource.name.startsWith('[')) continue;
      const own = resource.name.split('/').pop()!;
      expect({ name: own, fits: own.length <= 80 }).toEqual({
        name: own,
        fits: true,
      });
    }
    expect(danglingReferences(template.resources, spec)).toEqual([]);
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
        'a wrong private DNS zone location',
        'Microsoft.Network/privateDnsZones',
        r => {
          r.location = 'westeurope';
        },
        'constant',
      ],
    ])('rejects %s', (_label, type, mutate, expected) => {
      const resource = pick(type);
      mutate(resource);
      const result = validateTemplateResource(resource);
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toContain(expected);
    });

    it('rejects an api-version other than the spec it is checked against', () => {
      const resource = {
        ...pick('Microsoft.Network/virtualNetworks'),
        apiVersion: '2024-05-01',
      };
      expect(validateTemplateResource(resource).errors).toEqual([
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
    ]);
  });

  it('turns monitoring on only with a workspace, and zones only where they exist', () => {
    const cluster = (index: number) =>
      generated[index].template.resources.find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      ) as any;
    expect(cluster(0).properties.addonProfiles.omsagent).toBeUndefined();
    expect(cluster(1).properties.addonProfiles.omsagent).toEqual({
      enabled: true,
      config: {
        logAnalyticsWorkspaceResourceID:
          requests[1].spec.logAnalyticsWorkspaceId,
        useAADAuth: 'true',
      },
    });
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
    });
    const secure = Object.entries(defaultTemplate.parameters).filter(
      ([name]) => name !== 'kubernetesVersion',
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
 * entries) that match no declared resource or sub-resource.
 */
function danglingReferences(
  resources: ArmTemplateResource[],
  spec: Parameters<typeof roleGrants>[0],
): string[] {
  const declared = new Set<string>();
  const add = (type: string, name: string) =>
    declared.add(`${type}|${name}`.toLowerCase());
  for (const resource of resources) {
    add(resource.type, resource.name);
    // Sub-resources declared inline: subnets, and App Gateway's collections.
    for (const [collection, items] of Object.entries(
      resource.properties ?? {},
    )) {
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (item && typeof item === 'object' && typeof item.name === 'string') {
          const childType = collection === 'subnets' ? 'subnets' : collection;
          add(`${resource.type}/${childType}`, `${resource.name}/${item.name}`);
        }
      }
    }
  }
  const names = generateCluster(spec).names;
  const roleIds = new Set(roleGrants(spec, names).map(roleAssignmentId));
  const problems: string[] = [];
  const text = JSON.stringify(resources);
  for (const match of text.matchAll(/resourceId\(((?:'[^']*'(?:, )?)+)\)/g)) {
    const [type, ...parts] = [...match[1].matchAll(/'([^']*)'/g)].map(
      m => m[1],
    );
    if (type === 'Microsoft.Authorization/roleDefinitions') continue;
    if (!declared.has(`${type}|${parts.join('/')}`.toLowerCase())) {
      problems.push(`resourceId(${type}, ${parts.join(', ')})`);
    }
  }
  for (const resource of resources) {
    for (const dependency of resource.dependsOn ?? []) {
      if (
        dependency.startsWith('[extensionResourceId(') &&
        !roleIds.has(dependency)
      ) {
        problems.push(`${resource.name} depends on ${dependency}`);
      }
    }
  }
  return problems;
}
