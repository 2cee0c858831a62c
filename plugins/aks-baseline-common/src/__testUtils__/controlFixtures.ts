/**
 * Test-only fixtures (not exported from the package): Microsoft's example
 * responses from ../shared/azure-examples, and baseline variants derived from
 * them by changing only the fields the baseline needs. Resources the examples
 * lack (Key Vault, VNet, route table, Kubernetes objects) are written here in
 * the shape ARM and the Kubernetes API return.
 */
import { readFileSync } from 'node:fs';
import { sharedDir } from './sharedDir';
import type { ArmResource } from '../arm/types';
import type {
  BaselineResources,
  CertificateObservations,
  KubernetesObject,
} from '../controls/types';

/** The 200 body of an example file, freshly parsed (so tests may mutate it). */
export function readExample(file: string): ArmResource {
  const example = JSON.parse(
    readFileSync(sharedDir('azure-examples', file), 'utf8'),
  );
  return example.responses['200'].body;
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const SUB =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers';
const VNET_ID = `${SUB}/Microsoft.Network/virtualNetworks/virtualNetwork1`;
export const NODE_SUBNET_ID = `${VNET_ID}/subnets/snet-clusternodes`;
const ROUTE_TABLE_ID = `${SUB}/Microsoft.Network/routeTables/rt-clusternodes`;
const VAULT_ID = `${SUB}/Microsoft.KeyVault/vaults/kv-aks`;
const REGISTRY_ID = `${SUB}/Microsoft.ContainerRegistry/registries/acraksbaseline`;
/** The stamp's registry (ACR-01/02): its images come from here. */
export const REGISTRY_LOGIN_SERVER = 'acraksbaseline.azurecr.io';
export const TRAEFIK_IP = '10.240.4.4';
/** The firewall example's private IP (azureFirewalls_Get.json). */
export const FIREWALL_IP = '10.0.0.0';

/**
 * The AKS example turned into a baseline cluster: only the baseline's fields
 * change (plugin, policy, outbound, add-ons, identity, Entra, API server, the
 * node subnet that carries the egress route). Everything else stays as
 * Microsoft wrote it.
 */
export function toBaseline(example: ArmResource): ArmResource {
  const cluster = clone(example);
  const p = cluster.properties as any;
  p.networkProfile.networkPlugin = 'azure';
  p.networkProfile.networkPolicy = 'azure';
  p.networkProfile.outboundType = 'userDefinedRouting';
  p.agentPoolProfiles[0].vnetSubnetID = NODE_SUBNET_ID;
  // The reference's system pool: autoscaled, critical add-ons only, zonal.
  Object.assign(p.agentPoolProfiles[0], {
    mode: 'System',
    enableAutoScaling: true,
    minCount: 3,
    maxCount: 4,
    nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'],
  });
  p.autoUpgradeProfile = {
    upgradeChannel: 'patch',
    nodeOSUpgradeChannel: 'NodeImage',
  };
  p.addonProfiles = {
    azureKeyvaultSecretsProvider: {
      enabled: true,
      config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
    },
    azurepolicy: { enabled: true, config: { version: 'v2' } },
    omsagent: {
      enabled: true,
      config: {
        logAnalyticsWorkspaceResourceID: `${SUB}/Microsoft.OperationalInsights/workspaces/la-aks`,
        // Managed identity auth, as the reference (LOG-02).
        useAADAuth: 'true',
      },
    },
  };
  p.securityProfile = {
    workloadIdentity: { enabled: true },
    defender: {
      logAnalyticsWorkspaceResourceId: `${SUB}/Microsoft.OperationalInsights/workspaces/la-aks`,
      securityMonitoring: { enabled: true },
    },
    imageCleaner: { enabled: true, intervalHours: 120 },
  };
  p.oidcIssuerProfile = { enabled: true };
  p.enableRBAC = true;
  p.aadProfile = {
    managed: true,
    enableAzureRBAC: true,
    adminGroupObjectIDs: ['33333333-3333-3333-3333-333333333333'],
  };
  p.disableLocalAccounts = true;
  p.apiServerAccessProfile = {
    enablePrivateCluster: true,
    disableRunCommand: true,
  };
  return cluster;
}

/** The App Gateway example as the baseline's edge: WAF_v2 with the WAF policy, TLS 1.2+, Key Vault certificates, HTTPS re-encryption and probe, pools at Traefik. */
export function toBaselineGateway(
  example: ArmResource,
  wafPolicy: ArmResource,
): ArmResource {
  const gateway = clone(example);
  const p = gateway.properties as any;
  const gw = example.id!;
  p.sku = { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 };
  p.firewallPolicy = { id: wafPolicy.id };
  p.sslPolicy = {
    policyType: 'Predefined',
    policyName: 'AppGwSslPolicy20220101S',
  };
  p.sslProfiles[0].properties.sslPolicy = {
    policyType: 'CustomV2',
    minProtocolVersion: 'TLSv1_2',
  };
  for (const listener of p.httpListeners) {
    listener.properties.protocol = 'Https';
    listener.properties.sslCertificate = {
      id: `${gw}/sslCertificates/sslcert`,
    };
  }
  p.sslCertificates[0].properties.keyVaultSecretId =
    'https://kv-aks.vault.azure.net/secrets/gateway-external-pfx-cert';
  p.trustedRootCertificates = [
    {
      name: 'root-cert-wildcard-aks-ingress',
      id: `${gw}/trustedRootCertificates/root-cert-wildcard-aks-ingress`,
      properties: {
        keyVaultSecretId:
          'https://kv-aks.vault.azure.net/secrets/appgw-ingress-internal-aks-ingress-tls',
      },
    },
  ];
  Object.assign(p.backendHttpSettingsCollection[0].properties, {
    protocol: 'Https',
    port: 443,
    hostName: 'bu0001a0008-00.aks-ingress.contoso.com',
    probe: { id: `${gw}/probes/probe-aks-ingress` },
    trustedRootCertificates: [
      { id: `${gw}/trustedRootCertificates/root-cert-wildcard-aks-ingress` },
    ],
  });
  p.probes = [
    {
      name: 'probe-aks-ingress',
      id: `${gw}/probes/probe-aks-ingress`,
      properties: {
        protocol: 'Https',
        path: '/favicon.ico',
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
      },
    },
  ];
  for (const pool of p.backendAddressPools)
    pool.properties.backendAddresses = [{ ipAddress: TRAEFIK_IP }];
  return gateway;
}

export function toBaselineFirewall(example: ArmResource): ArmResource {
  const firewall = clone(example);
  const p = firewall.properties as any;
  p.threatIntelMode = 'Deny';
  p.additionalProperties = { 'Network.DNS.EnableProxy': 'true' };
  // The example's rules open other things; the baseline allows exactly what
  // the baseline cluster needs (Microsoft Learn, "Outbound network and FQDN
  // rules for AKS clusters": core AKS through the FQDN tag, Azure Monitor
  // and Azure Policy add-ons by name) from its node subnet.
  p.natRuleCollections = [];
  p.networkRuleCollections = [];
  const https = { protocolType: 'Https', port: 443 };
  const allow = (name: string, extra: object) => ({
    name,
    protocols: [https],
    sourceAddresses: ['10.240.0.0/22'],
    ...extra,
  });
  p.applicationRuleCollections = [
    {
      name: 'aks-egress',
      properties: {
        priority: 200,
        action: { type: 'Allow' },
        rules: [
          allow('aks-core', { fqdnTags: ['AzureKubernetesService'] }),
          allow('azure-monitor', {
            targetFqdns: [
              'dc.services.visualstudio.com',
              '*.ods.opinsights.azure.com',
              '*.oms.opinsights.azure.com',
              '*.monitoring.azure.com',
              'global.handler.control.monitor.azure.com',
              'location1.ingest.monitor.azure.com',
              'location1.handler.control.monitor.azure.com',
            ],
          }),
          allow('azure-policy', {
            targetFqdns: [
              'data.policy.core.windows.net',
              'store.policy.core.windows.net',
            ],
          }),
        ],
      },
    },
  ];
  return firewall;
}

/** The private endpoint example pointed at the vault's `vault` sub-resource. */
export function toBaselinePrivateEndpoint(example: ArmResource): ArmResource {
  const endpoint = clone(example);
  const connection = (endpoint.properties as any)
    .privateLinkServiceConnections[0].properties;
  connection.groupIds = ['vault'];
  connection.privateLinkServiceId = VAULT_ID;
  return endpoint;
}

/**
 * The private endpoint example pointed at the stamp's registry, in the
 * spoke's private-endpoints subnet (the cluster's VNet).
 */
export function toRegistryPrivateEndpoint(example: ArmResource): ArmResource {
  const endpoint = clone(example);
  endpoint.name = 'pe-acraksbaseline';
  endpoint.id = `${SUB}/Microsoft.Network/privateEndpoints/pe-acraksbaseline`;
  const p = endpoint.properties as any;
  p.subnet = { id: `${VNET_ID}/subnets/snet-privatelinkendpoints` };
  const connection = p.privateLinkServiceConnections[0].properties;
  connection.groupIds = ['registry'];
  connection.privateLinkServiceId = REGISTRY_ID;
  return endpoint;
}

/**
 * The stamp's registry as ARM returns it (2025-11-01 shape): Premium, closed
 * to public networks, no admin user or anonymous pull, as the reference's
 * acr-stamp.bicep.
 */
export function baselineRegistry(): ArmResource {
  return {
    id: REGISTRY_ID,
    name: 'acraksbaseline',
    type: 'Microsoft.ContainerRegistry/registries',
    location: 'eastus',
    sku: { name: 'Premium', tier: 'Premium' },
    properties: {
      loginServer: REGISTRY_LOGIN_SERVER,
      provisioningState: 'Succeeded',
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: 'Disabled',
      networkRuleSet: { defaultAction: 'Deny', ipRules: [] },
      dataEndpointEnabled: true,
      zoneRedundancy: 'Enabled',
    },
  };
}

export function baselineVault(): ArmResource {
  return {
    id: VAULT_ID,
    name: 'kv-aks',
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus',
    properties: {
      tenantId: '44444444-4444-4444-4444-444444444444',
      sku: { family: 'A', name: 'standard' },
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Disabled',
      networkAcls: {
        bypass: 'AzureServices',
        defaultAction: 'Deny',
        ipRules: [],
        virtualNetworkRules: [],
      },
    },
  };
}

/** The spoke VNet, named after the subnet the App Gateway example references (virtualNetwork1/appgwsubnet). */
export function baselineVnet(): ArmResource {
  const subnet = (name: string, addressPrefix: string, extra: object = {}) => ({
    name,
    id: `${VNET_ID}/subnets/${name}`,
    properties: { addressPrefix, ...extra },
  });
  return {
    id: VNET_ID,
    name: 'virtualNetwork1',
    type: 'Microsoft.Network/virtualNetworks',
    properties: {
      addressSpace: { addressPrefixes: ['10.240.0.0/16'] },
      subnets: [
        subnet('snet-clusternodes', '10.240.0.0/22', {
          routeTable: { id: ROUTE_TABLE_ID },
        }),
        subnet('snet-clusteringressservices', '10.240.4.0/28'),
        subnet('appgwsubnet', '10.240.5.0/24'),
        subnet('snet-privatelinkendpoints', '10.240.4.32/28'),
      ],
    },
  };
}

export function baselineRouteTable(): ArmResource {
  return {
    id: ROUTE_TABLE_ID,
    name: 'rt-clusternodes',
    type: 'Microsoft.Network/routeTables',
    properties: {
      routes: [
        {
          name: 'r-nexthop-to-fw',
          properties: {
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: FIREWALL_IP,
          },
        },
      ],
    },
  };
}

const TRAEFIK_LABELS = { 'app.kubernetes.io/name': 'traefik-ingress-ilb' };
const TRAEFIK_CLIENT_ID = '11111111-1111-1111-1111-111111111111';
const APP_CLIENT_ID = '22222222-2222-2222-2222-222222222222';

/** Traefik and one onboarded app, as the generators write them and the reader returns them. */
export function baselineKubernetesObjects(): KubernetesObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'traefik',
        labels: { 'kubernetes.io/metadata.name': 'traefik' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'traefik-ingress-controller',
        namespace: 'traefik',
        annotations: { 'azure.workload.identity/client-id': TRAEFIK_CLIENT_ID },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'traefik-ingress-service',
        namespace: 'traefik',
        labels: TRAEFIK_LABELS,
        annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
          'service.beta.kubernetes.io/azure-load-balancer-internal-subnet':
            'snet-clusteringressservices',
        },
      },
      spec: {
        type: 'LoadBalancer',
        loadBalancerIP: TRAEFIK_IP,
        selector: TRAEFIK_LABELS,
        ports: [{ name: 'https', port: 443, targetPort: 'websecure' }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'traefik-ingress-controller',
        namespace: 'traefik',
        labels: TRAEFIK_LABELS,
      },
      spec: {
        selector: { matchLabels: TRAEFIK_LABELS },
        template: {
          metadata: {
            labels: {
              ...TRAEFIK_LABELS,
              'azure.workload.identity/use': 'true',
            },
          },
          spec: {
            serviceAccountName: 'traefik-ingress-controller',
            containers: [
              {
                name: 'traefik',
                image: `${REGISTRY_LOGIN_SERVER}/traefik:v3.7.9`,
                args: [
                  '--entryPoints.websecure.address=:8443',
                  '--entryPoints.websecure.forwardedHeaders.trustedIPs=10.240.5.0/24',
                  '--entryPoints.websecure.http.middlewares=traefik-app-gateway-subnet-ip-allowlist@kubernetescrd',
                  '--providers.kubernetescrd',
                ],
              },
            ],
            volumes: [
              {
                name: 'ssl-csi',
                csi: {
                  driver: 'secrets-store.csi.k8s.io',
                  readOnly: true,
                  volumeAttributes: {
                    secretProviderClass: 'aks-ingress-tls-secret-csi-akv',
                  },
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: {
        name: 'aks-ingress-tls-secret-csi-akv',
        namespace: 'traefik',
      },
      spec: {
        provider: 'azure',
        parameters: {
          clientID: TRAEFIK_CLIENT_ID,
          keyvaultName: 'kv-aks',
          tenantID: '44444444-4444-4444-4444-444444444444',
          objects:
            'array:\n  - |\n    objectName: traefik-ingress-internal-aks-ingress-tls\n    objectAlias: tls.crt\n    objectType: cert\n  - |\n    objectName: traefik-ingress-internal-aks-ingress-tls\n    objectAlias: tls.key\n    objectType: secret\n',
        },
      },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'TLSOption',
      metadata: { name: 'default', namespace: 'traefik' },
      spec: { minVersion: 'VersionTLS12', sniStrict: true },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: {
        name: 'app-gateway-subnet-ip-allowlist',
        namespace: 'traefik',
      },
      spec: { ipAllowList: { sourceRange: ['10.240.5.0/24'] } },
    },
    // The onboarded app.
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'app1',
        namespace: 'app1',
        annotations: { 'azure.workload.identity/client-id': APP_CLIENT_ID },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'app1', namespace: 'app1' },
      spec: {
        selector: { app: 'app1' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app1', namespace: 'app1' },
      spec: {
        template: {
          metadata: {
            labels: { app: 'app1', 'azure.workload.identity/use': 'true' },
          },
          spec: {
            serviceAccountName: 'app1',
            containers: [
              {
                name: 'app',
                image: `${REGISTRY_LOGIN_SERVER}/app1@sha256:5f2e3c8a0d9b7c6e1f4a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70`,
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'app1', namespace: 'app1' },
      spec: {
        entryPoints: ['websecure'],
        tls: {},
        routes: [
          {
            kind: 'Rule',
            match: 'Host(`app1.contoso.com`)',
            services: [{ name: 'app1', port: 80 }],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'app1' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-from-traefik', namespace: 'app1' },
      spec: {
        podSelector: { matchLabels: { app: 'app1' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'traefik' },
                },
                podSelector: { matchLabels: TRAEFIK_LABELS },
              },
            ],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
      },
    },
  ];
}

function identity(name: string, clientId: string): ArmResource {
  return {
    id: `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
    name,
    properties: {
      clientId,
      principalId: clientId,
      tenantId: '44444444-4444-4444-4444-444444444444',
    },
  };
}

function federatedCredential(
  identityName: string,
  name: string,
  subject: string,
): ArmResource {
  return {
    id: `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/${identityName}/federatedIdentityCredentials/${name}`,
    name,
    properties: {
      issuer: 'https://eastus.oic.prod-aks.azure.com/tenant/guid/',
      subject,
      audiences: ['api://AzureADTokenExchange'],
    },
  };
}

const RESOURCE_GROUP_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1';

/**
 * The built-in definitions mspnp/aks-baseline workload-team/modules/policies.bicep
 * assigns, transcribed from it here on their own (not from the catalogue's
 * table, which GOV-01 judges with): [definition, effect the reference gives].
 */
export const REFERENCE_POLICY_ASSIGNMENTS: Array<[string, 'Deny' | 'Audit']> = [
  ['policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00', 'Audit'],
  ['policyDefinitions/1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d', 'Deny'],
  ['policyDefinitions/3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e', 'Deny'],
  ['policyDefinitions/df49d893-a74c-421d-bc95-c663042e5b80', 'Deny'],
  ['policyDefinitions/e345eecc-fa47-480f-9e88-67dcc122b164', 'Deny'],
  ['policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469', 'Deny'],
  ['policyDefinitions/098fc59e-46c7-4d99-9b16-64990e543d75', 'Deny'],
  ['policyDefinitions/d46c275d-1680-448d-b2ec-e495a3b6cc89', 'Deny'],
  ['policyDefinitions/1ddac26b-ed48-4c30-8cc5-3a68c79b8001', 'Audit'],
  ['policyDefinitions/9f061a12-e40d-4183-a00e-171812443373', 'Audit'],
  ['policyDefinitions/a1840de2-8088-4ea8-b153-b4c723e9cb01', 'Audit'],
  ['policyDefinitions/450d2877-ebea-41e8-b00c-e286317d21bf', 'Audit'],
  ['policyDefinitions/993c2fcd-2b29-49d2-9eb0-df2c3a730c32', 'Deny'],
  ['policyDefinitions/0a15ec92-a229-4763-bb14-0ea34a568f8d', 'Audit'],
  ['policyDefinitions/0e246bcf-5f6f-4f87-bc6f-775d4712c7ea', 'Audit'],
  ['policyDefinitions/fb893a29-21bb-418c-a157-e99480ec364c', 'Audit'],
  ['policyDefinitions/ac4a19c2-fa67-49b4-8ae5-0b2e78c49457', 'Audit'],
  ['policyDefinitions/da6e2401-19da-4532-9141-fb8fbde08431', 'Audit'],
];

/**
 * One policy assignment as ARM returns it (2025-11-01 shape), on `scope`
 * (default: the cluster's resource group).
 */
export function policyAssignment(
  definition: string,
  effect: string,
  scope = RESOURCE_GROUP_ID,
): ArmResource {
  const name = definition.split('/').pop()!.slice(0, 24);
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/policyAssignments',
    properties: {
      displayName: `[aks] ${definition}`,
      policyDefinitionId: `/providers/Microsoft.Authorization/${definition}`,
      definitionVersion: '1.*.*',
      scope,
      notScopes: [],
      parameters: { effect: { value: effect } },
      enforcementMode: 'Default',
    },
  };
}

/** The reference's assignments, on the cluster's resource group. */
export function baselinePolicyAssignments(): ArmResource[] {
  return REFERENCE_POLICY_ASSIGNMENTS.map(([definition, effect]) =>
    policyAssignment(definition, effect),
  );
}

/**
 * The cluster's planned maintenance windows as the maintenance
 * configurations list returns them (ARM's `MaintenanceConfiguration`):
 * the reference's node OS window, and the same for Kubernetes patches.
 */
export function baselineMaintenanceConfigurations(
  clusterId: string,
): ArmResource[] {
  const weekly = (name: string) => ({
    id: `${clusterId}/maintenanceConfigurations/${name}`,
    name,
    type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
    properties: {
      maintenanceWindow: {
        schedule: { weekly: { dayOfWeek: 'Tuesday', intervalWeeks: 1 } },
        durationHours: 12,
        startTime: '21:00',
        utcOffset: '+00:00',
      },
    },
  });
  return [
    weekly('aksManagedAutoUpgradeSchedule'),
    weekly('aksManagedNodeOSUpgradeSchedule'),
  ];
}

/** A complete, compliant estate: every control of the catalogue passes on it. */
export function baselineResources(): BaselineResources {
  const wafPolicy = readExample('webApplicationFirewallPolicies_Get.json');
  const cluster = toBaseline(readExample('managedClusters_Get.json'));
  return {
    cluster,
    maintenanceConfigurations: baselineMaintenanceConfigurations(cluster.id!),
    applicationGateways: [
      toBaselineGateway(readExample('applicationGateways_Get.json'), wafPolicy),
    ],
    wafPolicies: [wafPolicy],
    virtualNetworks: [baselineVnet()],
    routeTables: [baselineRouteTable()],
    azureFirewalls: [
      toBaselineFirewall(readExample('azureFirewalls_Get.json')),
    ],
    keyVaults: [baselineVault()],
    privateEndpoints: [
      toBaselinePrivateEndpoint(readExample('privateEndpoints_Get.json')),
      toRegistryPrivateEndpoint(readExample('privateEndpoints_Get.json')),
    ],
    containerRegistries: [baselineRegistry()],
    policyAssignments: baselinePolicyAssignments(),
    userAssignedIdentities: [
      identity('mi-traefik', TRAEFIK_CLIENT_ID),
      identity('mi-app1', APP_CLIENT_ID),
    ],
    federatedIdentityCredentials: [
      federatedCredential(
        'mi-traefik',
        'traefik',
        'system:serviceaccount:traefik:traefik-ingress-controller',
      ),
      federatedCredential('mi-app1', 'app1', 'system:serviceaccount:app1:app1'),
    ],
    kubernetes: { objects: baselineKubernetesObjects() },
    certificates: baselineCertificates(),
    ...baselineTelemetry(),
  };
}

export const WORKSPACE_ID = `${SUB}/Microsoft.OperationalInsights/workspaces/la-aks`;
const CLUSTER_ID = `${SUB}/Microsoft.ContainerService/managedClusters/clustername1`;
const GATEWAY_ID = `${SUB}/Microsoft.Network/applicationGateways/appgw`;
const CONTAINER_INSIGHTS_RULE_ID = `${SUB}/Microsoft.Insights/dataCollectionRules/MSCI-eastus-clustername1`;

/**
 * A diagnostic setting as `GET {resource}/providers/Microsoft.Insights/
 * diagnosticSettings` returns it (2021-05-01-preview `DiagnosticSettingsResource`):
 * each entry a category, or `{ categoryGroup }`.
 */
export function diagnosticSetting(
  resourceId: string,
  logs: Array<string | { categoryGroup: string }>,
  /** `null`: a setting sending elsewhere (storage, Event Hubs) only. */
  workspaceId: string | null = WORKSPACE_ID,
): ArmResource {
  return {
    id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/default`,
    name: 'default',
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      ...(workspaceId ? { workspaceId } : {}),
      logs: logs.map(log =>
        typeof log === 'string'
          ? { category: log, enabled: true }
          : { ...log, enabled: true },
      ),
      metrics: [],
    },
  };
}

/** The reference's settings on the fixture's cluster, gateway and vault, and Container insights' rule and association. */
export function baselineTelemetry(): Pick<
  BaselineResources,
  | 'diagnosticSettings'
  | 'dataCollectionRuleAssociations'
  | 'dataCollectionRules'
> {
  return {
    diagnosticSettings: [
      {
        resourceId: CLUSTER_ID,
        settings: [
          diagnosticSetting(CLUSTER_ID, [
            'cluster-autoscaler',
            'kube-controller-manager',
            'kube-audit-admin',
            'guard',
          ]),
        ],
      },
      {
        resourceId: GATEWAY_ID,
        settings: [
          diagnosticSetting(GATEWAY_ID, [
            'ApplicationGatewayAccessLog',
            'ApplicationGatewayPerformanceLog',
            'ApplicationGatewayFirewallLog',
          ]),
        ],
      },
      {
        resourceId: VAULT_ID,
        settings: [diagnosticSetting(VAULT_ID, ['AuditEvent'])],
      },
    ],
    dataCollectionRuleAssociations: [
      {
        id: `${CLUSTER_ID}/providers/Microsoft.Insights/dataCollectionRuleAssociations/MSCI-eastus-clustername1`,
        name: 'MSCI-eastus-clustername1',
        type: 'Microsoft.Insights/dataCollectionRuleAssociations',
        properties: { dataCollectionRuleId: CONTAINER_INSIGHTS_RULE_ID },
      },
    ],
    dataCollectionRules: [containerInsightsRule(CONTAINER_INSIGHTS_RULE_ID)],
  };
}

/** A Container insights rule (2024-03-11 `DataCollectionRuleResource`), as the AKS docs create it. */
export function containerInsightsRule(id: string): ArmResource {
  const streams = ['Microsoft-ContainerLogV2', 'Microsoft-KubeEvents'];
  return {
    id,
    name: id.split('/').pop(),
    type: 'Microsoft.Insights/dataCollectionRules',
    location: 'eastus',
    kind: 'Linux',
    properties: {
      dataSources: {
        extensions: [
          {
            name: 'ContainerInsightsExtension',
            extensionName: 'ContainerInsights',
            streams,
          },
        ],
      },
      destinations: {
        logAnalytics: [
          { name: 'ciworkspace', workspaceResourceId: WORKSPACE_ID },
        ],
      },
      dataFlows: [{ streams, destinations: ['ciworkspace'] }],
    },
  };
}

/** When the fixture's certificates are judged. */
export const CERTIFICATES_AT = '2026-11-26T12:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO date `days` after CERTIFICATES_AT. */
export function daysAfterCertificatesAt(days: number): string {
  return new Date(Date.parse(CERTIFICATES_AT) + days * DAY_MS).toISOString();
}

/**
 * The three certificates of the reference (names from BASELINE-CONTROLS.md),
 * months from expiry, and Traefik serving one its trust root anchors.
 */
export function baselineCertificates(): CertificateObservations {
  const vault = (name: string) => ({
    keyVaultSecretId: `https://kv-aks.vault.azure.net/secrets/${name}`,
    vaultName: 'kv-aks',
  });
  return {
    at: CERTIFICATES_AT,
    thresholds: { warningDays: 30, criticalDays: 7 },
    certificates: [
      {
        purpose: 'edge',
        name: 'gateway-external-pfx-cert',
        host: 'bicycle.contoso.com',
        ...vault('gateway-external-pfx-cert'),
        notAfter: daysAfterCertificatesAt(180),
        status: 'ok',
        statusText: 'expires in 180 days',
      },
      {
        purpose: 'backend-trust-root',
        name: 'appgw-ingress-internal-aks-ingress-tls',
        ...vault('appgw-ingress-internal-aks-ingress-tls'),
        notAfter: daysAfterCertificatesAt(300),
        status: 'ok',
        statusText: 'expires in 300 days',
      },
      {
        purpose: 'ingress',
        name: 'traefik-ingress-internal-aks-ingress-tls',
        ...vault('traefik-ingress-internal-aks-ingress-tls'),
        notAfter: daysAfterCertificatesAt(300),
        status: 'ok',
        statusText: 'expires in 300 days',
      },
    ],
    backendTrust: [
      {
        backendHost: 'bu0001a0008-00.aks-ingress.contoso.com',
        trustRoots: ['root-cert-wildcard-aks-ingress'],
        served: {
          subject: 'CN=*.aks-ingress.contoso.com',
          names: ['*.aks-ingress.contoso.com'],
          anchoredBy: ['root-cert-wildcard-aks-ingress'],
          source: 'TLS probe of 10.240.4.4:443',
        },
      },
    ],
  };
}
