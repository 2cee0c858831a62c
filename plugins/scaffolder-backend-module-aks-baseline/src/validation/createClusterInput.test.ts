import { InputError } from '@backstage/errors';
import {
  CERTIFICATE_EXPIRIES,
  validClusterInput,
} from '../__testUtils__/clusterFixtures';
import { nodeSubnetAddressesNeeded } from './networkPlan';
import { parseCreateClusterInput } from './createClusterInput';

function rejection(input: unknown): InputError {
  try {
    parseCreateClusterInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

const FIREWALL_ID =
  '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub';
const VAULT_ID = (name: string) =>
  `/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/${name}`;

describe('parseCreateClusterInput', () => {
  it('applies the reference defaults', () => {
    const { spec, outputDir, deploy, notes } = parseCreateClusterInput(
      validClusterInput(),
    );
    expect(spec).toMatchObject({
      clusterName: 'aks-prod-weu',
      dnsPrefix: 'aks-prod-weu',
      dnsLabel: 'aks-prod-weu',
      availabilityZones: ['1', '2', '3'],
      kubernetesVersion: '1.34',
      systemPool: { vmSize: 'Standard_D4ds_v5', count: 3 },
      userPool: { vmSize: 'Standard_D8ds_v5', minCount: 2, maxCount: 5 },
      network: {
        vnetAddressSpace: '10.240.0.0/16',
        nodeSubnet: '10.240.0.0/22',
        ingressSubnet: '10.240.4.0/28',
        privateEndpointsSubnet: '10.240.4.32/28',
        appGatewaySubnet: '10.240.5.0/24',
        serviceCidr: '172.16.0.0/16',
        dnsServiceIp: '172.16.0.10',
        traefikIp: '10.240.4.4',
      },
      keyVault: {
        name: 'kv-aks-prod-weu',
        edgeCertificateName: 'gateway-external-pfx-cert',
        ingressCertificateName: 'traefik-ingress-internal-aks-ingress-tls',
        backendRootCertificateName: 'appgw-ingress-internal-aks-ingress-tls',
      },
      ownerRef: 'group:default/platform-team',
      traefik: { namespace: 'a0008' },
    });
    expect(spec.logAnalyticsWorkspaceId).toBeUndefined();
    expect(spec.keyVault.certificateSourceVaultId).toBeUndefined();
    expect({ outputDir, deploy, notes }).toEqual({
      outputDir: '',
      deploy: false,
      notes: [],
    });
  });

  it('derives DNS names from names AKS accepts but DNS does not', () => {
    const { spec } = parseCreateClusterInput(
      validClusterInput({ clusterName: `Aks_Prod_${'x'.repeat(50)}` }),
    );
    expect(spec.dnsPrefix).toMatch(/^Aks-Prod-x+$/);
    expect(spec.dnsPrefix.length).toBeLessThanOrEqual(54);
    expect(spec.dnsLabel).toBe(`aks-prod-${'x'.repeat(50)}`);
  });

  it('takes only what its JSON schema takes: no empty strings, no numbers as text', () => {
    // Templates leave unset parameters out of the step's input; '' and '5'
    // are values, and bad ones, as the JSON schema says.
    const { message } = rejection(
      validClusterInput({
        dnsServiceIp: '',
        logAnalyticsWorkspaceId: '',
        systemNodeCount: '5',
      }),
    );
    expect(message).toContain(
      `Invalid input 'systemNodeCount': must be a node count: an integer from 1 to 1000; got "5"`,
    );
    expect(message).toContain(
      `Invalid input 'dnsServiceIp': must be an IPv4 address`,
    );
    expect(message).toContain(`Invalid input 'logAnalyticsWorkspaceId'`);
    const { spec } = parseCreateClusterInput(
      validClusterInput({ systemNodeCount: 5, serviceCidr: '172.20.0.0/16' }),
    );
    expect(spec.systemPool.count).toBe(5);
    expect(spec.network.dnsServiceIp).toBe('172.20.0.10');
    expect(spec.logAnalyticsWorkspaceId).toBeUndefined();
  });

  it('notes a region without zones and an App Gateway subnet below /24', () => {
    const { spec, notes } = parseCreateClusterInput(
      validClusterInput({
        location: 'westus',
        appGatewaySubnetCidr: '10.240.5.0/25',
      }),
    );
    expect(spec.availabilityZones).toEqual([]);
    expect(notes).toEqual([
      expect.stringContaining('westus is not known to have availability zones'),
      expect.stringContaining('smaller than the recommended /24'),
    ]);
  });

  it('sizes the node subnet for Azure CNI: 31 addresses per node, surge included', () => {
    // 3 system + 1 surge, 5 user + 2 surge.
    expect(nodeSubnetAddressesNeeded([3, 5])).toBe(11 * 31);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['clusterName', { clusterName: undefined }, /must be given/],
    ['clusterName', { clusterName: '' }, /AKS cluster name.*got ""/],
    ['clusterName', { clusterName: 'a'.repeat(64) }, /AKS cluster name/],
    ['clusterName', { clusterName: '-aks' }, /AKS cluster name/],
    ['clusterName', { clusterName: 'aks_' }, /AKS cluster name/],
    ['clusterName', { clusterName: 'aks--prod' }, /no two of/],
    ['clusterName', { clusterName: 'aks.prod' }, /AKS cluster name/],
    ['clusterName', { clusterName: 'aks\nprod' }, /AKS cluster name/],
    ['owner', { owner: 'component:default/x' }, /kind group or user/],
    ['subscriptionId', { subscriptionId: 'not-a-guid' }, /GUID/],
    ['resourceGroup', { resourceGroup: 'rg.' }, /not ending with '\.'/],
    ['resourceGroup', { resourceGroup: 'r'.repeat(91) }, /1-90/],
    ['resourceGroup', { resourceGroup: 'rg aks' }, /resource group name/],
    ['location', { location: 'West Europe' }, /region/],
    ['location', { location: 'usgovvirginia' }, /public-cloud region/],
    ['kubernetesVersion', { kubernetesVersion: 'v1.34' }, /Kubernetes version/],
    [
      'kubernetesVersion',
      { kubernetesVersion: '1.34.2.1' },
      /Kubernetes version/,
    ],
    ['kubernetesVersion', { kubernetesVersion: '2.0' }, /Kubernetes version/],
    ['systemNodeVmSize', { systemNodeVmSize: 'D4ds_v5' }, /VM size/],
    ['systemNodeCount', { systemNodeCount: 0 }, /1 to 1000/],
    ['systemNodeCount', { systemNodeCount: 1001 }, /1 to 1000/],
    ['systemNodeCount', { systemNodeCount: 2.5 }, /node count/],
    ['systemNodeCount', { systemNodeCount: '3' }, /node count.*got "3"/],
    ['userNodeMinCount', { userNodeMinCount: 1 }, /2 to 1000/],
    [
      'userNodeMaxCount',
      { userNodeMinCount: 4, userNodeMaxCount: 3 },
      /at least userNodeMinCount \(4\)/,
    ],
    [
      'vnetAddressSpace',
      { vnetAddressSpace: '10.240.0.1/16' },
      /no bits set after the prefix/,
    ],
    [
      'vnetAddressSpace',
      { vnetAddressSpace: '20.0.0.0/16', nodeSubnetCidr: '20.0.0.0/22' },
      /private address space/,
    ],
    [
      'nodeSubnetCidr',
      { nodeSubnetCidr: '10.241.0.0/22' },
      /inside the VNet address space 10.240.0.0\/16/,
    ],
    [
      'nodeSubnetCidr',
      { nodeSubnetCidr: '10.240.0.0/24' },
      /at least 341 usable addresses.*has 251/,
    ],
    [
      'nodeSubnetCidr',
      // Overlay: one address per node: 3 + 5 nodes at their maximum, 3 surge.
      { podCidr: '192.168.0.0/16', nodeSubnetCidr: '10.240.0.0/29' },
      /at least 11 usable addresses.*one address per node \(Azure CNI Overlay\).*has 3/,
    ],
    [
      'podCidr',
      { podCidr: '10.240.128.0/17' },
      /apart from the VNet address space/,
    ],
    [
      'podCidr',
      { podCidr: '172.16.0.0/12' },
      /apart from the service CIDR 172.16.0.0\/16/,
    ],
    ['podCidr', { podCidr: '100.0.0.0/16' }, /a private range/],
    [
      'podCidr',
      { podCidr: '10.200.0.0/16', firewallPrivateIp: '10.200.0.4' },
      /does not hold the hub firewall's IP/,
    ],
    [
      'apiServerSubnetCidr',
      { apiServerSubnetCidr: '10.241.0.0/28' },
      /inside the VNet address space/,
    ],
    [
      'apiServerSubnetCidr',
      { apiServerSubnetCidr: '10.240.4.0/28' },
      /apart from ingressSubnetCidr/,
    ],
    [
      'apiServerSubnetCidr',
      { apiServerSubnetCidr: '10.240.4.64/29' },
      /a \/28 or larger subnet \(API Server VNet Integration's minimum\)/,
    ],
    [
      'nodeSubnetCidr',
      { userNodeMaxCount: 50 },
      /at least 2201 usable addresses.*has 1019/,
    ],
    [
      'ingressSubnetCidr',
      { ingressSubnetCidr: '10.240.4.0/30' },
      /\/29 or larger/,
    ],
    [
      'ingressSubnetCidr',
      { ingressSubnetCidr: '10.240.3.0/28' },
      /apart from nodeSubnetCidr \(10.240.0.0\/22\)/,
    ],
    [
      'privateEndpointsSubnetCidr',
      { privateEndpointsSubnetCidr: '10.240.4.0/28' },
      /apart from ingressSubnetCidr/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.5.0/27' },
      /private IPv4 network of \/26 or larger/,
    ],
    [
      'appGatewaySubnetCidr',
      { appGatewaySubnetCidr: '10.240.4.0/24' },
      /apart from ingressSubnetCidr/,
    ],
    [
      'serviceCidr',
      { serviceCidr: '10.240.128.0/17' },
      /apart from the VNet address space/,
    ],
    ['serviceCidr', { serviceCidr: '172.0.0.0/11' }, /\/12 or smaller/],
    [
      'serviceCidr',
      { serviceCidr: '172.30.0.0/16' },
      /172.30.0.0\/16 \(reserved by AKS\)/,
    ],
    [
      'serviceCidr',
      { serviceCidr: '10.200.0.0/16' },
      /hub firewall's IP 10.200.0.4/,
    ],
    [
      'dnsServiceIp',
      { dnsServiceIp: '172.17.0.10' },
      /inside the service CIDR/,
    ],
    ['dnsServiceIp', { dnsServiceIp: '172.16.0.1' }, /not its first two/],
    ['dnsServiceIp', { dnsServiceIp: '172.16.0.010' }, /IPv4 address/],
    [
      'traefikInternalIp',
      { traefikInternalIp: '10.240.4.3' },
      /not its first four or its last/,
    ],
    [
      'traefikInternalIp',
      { traefikInternalIp: '10.240.5.4' },
      /ingress subnet 10.240.4.0\/28/,
    ],
    [
      'firewallPrivateIp',
      { firewallPrivateIp: '20.1.2.3' },
      /private IP address/,
    ],
    [
      'firewallPrivateIp',
      { firewallPrivateIp: '10.240.6.4' },
      /outside the spoke's address space/,
    ],
    ['firewallPrivateIp', { firewallPrivateIp: '10.200.0' }, /IPv4 address/],
    [
      'firewallResourceId',
      {
        firewallResourceId: FIREWALL_ID.replace(
          'azureFirewalls',
          'virtualNetworks',
        ),
      },
      /Azure Firewall/,
    ],
    [
      'hubVirtualNetworkId',
      { hubVirtualNetworkId: FIREWALL_ID },
      /a virtual network/,
    ],
    [
      'hubVirtualNetworkId',
      {
        // The spoke the template creates for aks-prod-weu, in another case.
        hubVirtualNetworkId:
          '/subscriptions/6F1B7C1E-2A3D-4E5F-8A9B-0C1D2E3F4A5B/resourceGroups/RG-AKS-PROD-WEU/providers/Microsoft.Network/virtualNetworks/VNET-SPOKE-AKS-PROD-WEU',
      },
      /not the spoke this template creates \(vnet-spoke-aks-prod-weu in rg-aks-prod-weu\)/,
    ],
    ['ingressDomain', { ingressDomain: 'localhost' }, /DNS host name/],
    ['ingressDomain', { ingressDomain: '*.contoso.com' }, /DNS host name/],
    [
      'tenantId',
      { tenantId: '{72f988bf-86f1-41af-91ab-2d7cd011db47}' },
      /GUID/,
    ],
    ['adminGroupObjectId', { adminGroupObjectId: 'admins' }, /GUID/],
    ['keyVaultName', { keyVaultName: 'kv' }, /3-24/],
    ['keyVaultName', { keyVaultName: 'k'.repeat(25) }, /Key Vault name/],
    ['keyVaultName', { keyVaultName: 'kv--aks' }, /no '--'/],
    [
      'edgeCertificateName',
      { edgeCertificateName: 'edge_cert' },
      /Key Vault object name/,
    ],
    [
      'ingressCertificateName',
      { ingressCertificateName: 'GATEWAY-EXTERNAL-PFX-CERT' },
      /apart from edgeCertificateName/,
    ],
    [
      'certificateSourceVaultId',
      { certificateSourceVaultId: FIREWALL_ID },
      /ARM resource id of a Key Vault/,
    ],
    [
      'certificateSourceVaultId',
      { certificateSourceVaultId: VAULT_ID('KV-AKS-PROD-WEU') },
      /other than keyVaultName/,
    ],
    ['certificateSourceVaultId', { deploy: true }, /given when deploy is true/],
    [
      'logAnalyticsWorkspaceId',
      { logAnalyticsWorkspaceId: '/subscriptions/x/workspaces/y' },
      /Log Analytics workspace/,
    ],
    [
      'traefikNamespace',
      { traefikNamespace: 'kube-traefik' },
      /not 'default' or 'kube-\*'/,
    ],
    ['traefikNamespace', { traefikNamespace: 'Traefik' }, /RFC 1123 label/],
    [
      'outputDir',
      { outputDir: '../elsewhere' },
      /relative folder inside the workspace/,
    ],
    ['deploy', { deploy: 'yes' }, /true or false/],
    ['clustername', { clustername: 'x' }, /known fields/],
  ])('%s: rejects %j', (field, overrides, rule) => {
    const error = rejection(validClusterInput(overrides));
    expect(error.message).toContain(`Invalid input '${field}'`);
    expect(error.message).toMatch(rule);
    // Values are echoed JSON-encoded: no forged log lines.
    expect(error.message).not.toContain('\n');
  });

  it('accepts deploy with a certificate source vault', () => {
    const request = parseCreateClusterInput(
      validClusterInput({
        deploy: true,
        certificateSourceVaultId: VAULT_ID('kv-platform-certs'),
        ...CERTIFICATE_EXPIRIES,
      }),
    );
    expect(request.deploy).toBe(true);
    expect(request.spec.keyVault.certificateSourceVaultId).toBe(
      VAULT_ID('kv-platform-certs'),
    );
    expect(request.spec.keyVault.expiresOn).toEqual({
      edge: 1798761600,
      ingress: 1798761600,
      backendRoot: 1893456000,
    });
  });

  it.each(Object.keys(CERTIFICATE_EXPIRIES))(
    'refuses deploy without %s (the template parameter has no default)',
    field => {
      const error = rejection(
        validClusterInput({
          deploy: true,
          certificateSourceVaultId: VAULT_ID('kv-platform-certs'),
          ...CERTIFICATE_EXPIRIES,
          [field]: undefined,
        }),
      );
      expect(error.message).toContain(`Invalid input '${field}'`);
    },
  );

  it.each([
    ['gitopsRepositoryUrl', 'http://github.com/contoso/aks'],
    ['gitopsRepositoryUrl', 'https://token@github.com/contoso/aks'],
    ['gitopsRepositoryUrl', 'https://github.com/contoso/aks?ref=main'],
    ['gitopsRepositoryUrl', 'https://github.com'],
    ['gitopsRepositoryUrl', 'ssh://git@github.com/contoso/aks'],
    ['gitopsBranch', '../main'],
    ['gitopsBranch', 'feature..x'],
    ['gitopsBranch', '-main'],
    ['gitopsBranch', 'main.lock'],
    ['gitopsBranch', 'main/'],
    ['gitopsBranch', 'ma in'],
    ['edgeCertificateExpiresOn', '1798761600'],
    ['edgeCertificateExpiresOn', 0],
    ['edgeCertificateExpiresOn', 1.5],
  ])('rejects %s %j', (field, value) => {
    const error = rejection(validClusterInput({ [field]: value }));
    expect(error.message).toContain(`Invalid input '${field}'`);
  });

  it('takes the GitOps repository and branch', () => {
    const { spec } = parseCreateClusterInput(
      validClusterInput({
        gitopsRepositoryUrl: 'https://git.contoso.com:8443/platform/aks.git',
        gitopsBranch: 'release/2026-12',
      }),
    );
    expect(spec.gitops).toEqual({
      repositoryUrl: 'https://git.contoso.com:8443/platform/aks.git',
      branch: 'release/2026-12',
    });
    expect(
      parseCreateClusterInput(validClusterInput({ gitopsBranch: undefined }))
        .spec.gitops.branch,
    ).toBe('main');
  });

  it('rejects input that is not an object', () => {
    expect(() => parseCreateClusterInput('x')).toThrow(InputError);
    expect(() => parseCreateClusterInput(null)).toThrow(InputError);
  });
});
