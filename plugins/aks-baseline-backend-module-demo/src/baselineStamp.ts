import {
  ArmResource,
  TAG_GATEWAY_CLUSTER,
  TAG_INGRESS_CERTIFICATE,
} from '@aks-baseline/plugin-aks-baseline-common';
import { StampGovernance, stampPolicyAssignments } from './stampPolicies';

/**
 * Builds the ARM resources of one secure-baseline "stamp" (cluster, spoke
 * network, App Gateway + WAF policy, Key Vault + private endpoint, container
 * registry + private endpoint, route table to a hub firewall, certificates,
 * the resource group's policy assignments)
 * in REST shape, as ARM list calls return
 * them. Used by the demo estate and by benchmarks' synthetic estates; each
 * `StampFlaw` breaks exactly what a real estate gets wrong.
 */

export type StampFlaw =
  | 'waf-detection'
  | 'http-backend'
  | 'kubenet'
  | 'no-csi-addon'
  /** The registry answers from the internet (ACR-01). */
  | 'registry-public'
  /** No registry of its own: nodes pull from public registries (ACR-01). */
  | 'no-registry'
  /** Defender for Containers off (DEF-01). */
  | 'no-defender'
  /** The image cleaner off (DEF-02). */
  | 'no-image-cleaner'
  /** Channels on, but no planned maintenance window (UPG-01). */
  | 'no-maintenance-window'

  /** The cluster's diagnostic setting sends neither kube-audit-admin nor guard (LOG-01). */
  | 'no-audit-logs'
  /** No data collection rule associated: the monitoring add-on collects nothing (LOG-02). */
  | 'no-container-insights-rule';

export interface StampSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** Second octet of the spoke's 10.x.0.0/16, unique per stamp in a subscription. */
  spokeOctet: number;
  /**
   * The hub firewall egress goes through, and the hub VNet it sits in: the
   * spoke is peered with that VNet (hubs share the firewall's private IP, so
   * the peering is what says which hub's firewall the route reaches).
   */
  firewall: { id: string; privateIp: string; hubVirtualNetworkId: string };
  host: string;
  /** Days from `now` until each certificate expires. */
  certificateDaysLeft: {
    edge: number;
    backendTrustRoot: number;
    ingress: number;
  };
  flaws?: StampFlaw[];
  /**
   * Tag the gateway with the cluster it fronts. Large synthetic estates reuse
   * spoke address ranges, so they say explicitly which gateway is whose.
   */
  tagGateway?: boolean;
  /**
   * Tag the cluster with its ingress certificate (`<vault>/<object>`), as
   * the create-cluster template does; default true. Untagged, the dashboard
   * finds it through Traefik's SecretProviderClass when it can read the cluster.
   */
  tagIngressCertificate?: boolean;
  /** The cluster's `owner` tag: the team the fleet page names and filters by. */
  owner?: string;
  /** The cluster's `system` tag: the catalog system its discovered entity joins. */
  system?: string;
  /** The policy assignments on its resource group (GOV-01); default `baseline`. */
  governance?: StampGovernance;
  /**
   * Client ranges the WAF lets in: an Allow custom rule for them and a Block
   * rule for everyone else after it (a pre-production gateway open only to
   * the company's offices). Absent: no custom rules.
   */
  wafAllowedClients?: string[];
  now: Date;
}

const DAY_SECONDS = 24 * 60 * 60;

export function buildBaselineStamp(spec: StampSpec): ArmResource[] {
  const flaws = new Set(spec.flaws ?? []);
  const ids = stampIds(spec);
  const net = `10.${spec.spokeOctet}`;
  const traefikIp = `${net}.4.4`;
  const vaultUri = `https://${ids.vaultName}.vault.azure.net`;
  const edgeSecret = `${vaultUri}/secrets/gateway-external-pfx-cert`;
  const rootSecret = `${vaultUri}/secrets/appgw-ingress-internal-aks-ingress-tls`;
  const ingressDomain = `aks-ingress.${spec.host
    .split('.')
    .slice(1)
    .join('.')}`;

  const subnet = (name: string, prefix: string, extra: object = {}) => ({
    id: `${ids.vnet}/subnets/${name}`,
    name,
    properties: { addressPrefix: prefix, ...extra },
  });

  const workspaceId = `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/la-${spec.name}`;
  // Zonal pools (UPG-03), as the create-cluster template writes them.
  const pool = {
    vnetSubnetID: `${ids.vnet}/subnets/snet-clusternodes`,
    availabilityZones: ['1', '2', '3'],
    osDiskType: 'Ephemeral',
    osDiskSizeGB: 128,
  };
  const cluster: ArmResource = {
    id: ids.cluster,
    name: spec.name,
    type: 'Microsoft.ContainerService/managedClusters',
    location: spec.location,
    tags: {
      ...(spec.tagIngressCertificate !== false && {
        [TAG_INGRESS_CERTIFICATE]: `${ids.vaultName}/traefik-ingress-internal-aks-ingress-tls`,
      }),
      ...(spec.owner && { owner: spec.owner }),
      ...(spec.system && { system: spec.system }),
    },
    sku: { name: 'Base', tier: 'Standard' },
    identity: { type: 'UserAssigned' },
    properties: {
      provisioningState: 'Succeeded',
      kubernetesVersion: '1.33.2',
      dnsPrefix: spec.name,
      privateFQDN: `${spec.name}-dns.privatelink.${spec.location}.azmk8s.io`,
      agentPoolProfiles: [
        {
          name: 'npsystem',
          mode: 'System',
          count: 3,
          vmSize: 'Standard_D4ds_v5',
          ...pool,
          enableAutoScaling: true,
          minCount: 3,
          maxCount: 4,
          nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'],
        },
        {
          name: 'npuser01',
          mode: 'User',
          count: 2,
          vmSize: 'Standard_D8ds_v5',
          ...pool,
          enableAutoScaling: true,
          minCount: 2,
          maxCount: 5,
        },
      ],
      networkProfile: flaws.has('kubenet')
        ? {
            networkPlugin: 'kubenet',
            networkPolicy: 'none',
            outboundType: 'loadBalancer',
            loadBalancerSku: 'standard',
            podCidr: '10.244.0.0/16',
            serviceCidr: '172.16.0.0/16',
            dnsServiceIP: '172.16.0.10',
          }
        : {
            networkPlugin: 'azure',
            networkPolicy: 'azure',
            outboundType: 'userDefinedRouting',
            loadBalancerSku: 'standard',
            serviceCidr: '172.16.0.0/16',
            dnsServiceIP: '172.16.0.10',
          },
      addonProfiles: {
        azureKeyvaultSecretsProvider: {
          enabled: !flaws.has('no-csi-addon'),
          config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
        },
        azurepolicy: { enabled: true },
        omsagent: {
          enabled: true,
          config: {
            logAnalyticsWorkspaceResourceID: ids.workspace,
            useAADAuth: 'true',
          },
        },
      },
      oidcIssuerProfile: { enabled: true },
      securityProfile: {
        workloadIdentity: { enabled: true },
        ...(flaws.has('no-defender')
          ? {}
          : {
              defender: {
                logAnalyticsWorkspaceResourceId: workspaceId,
                securityMonitoring: { enabled: true },
              },
            }),
        imageCleaner: flaws.has('no-image-cleaner')
          ? { enabled: false }
          : { enabled: true, intervalHours: 120 },
      },
      autoUpgradeProfile: {
        upgradeChannel: 'patch',
        nodeOSUpgradeChannel: 'NodeImage',
      },
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        tenantID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      },
      disableLocalAccounts: true,
      apiServerAccessProfile: {
        enablePrivateCluster: true,
        disableRunCommand: true,
      },
    },
  };

  const routeTable: ArmResource = {
    id: ids.routeTable,
    name: `route-to-hub-${spec.name}`,
    type: 'Microsoft.Network/routeTables',
    location: spec.location,
    properties: {
      routes: [
        {
          name: 'r-nexthop-to-fw',
          properties: {
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: spec.firewall.privateIp,
          },
        },
      ],
      subnets: [{ id: `${ids.vnet}/subnets/snet-clusternodes` }],
    },
  };

  const vnet: ArmResource = {
    id: ids.vnet,
    name: `vnet-spoke-${spec.name}`,
    type: 'Microsoft.Network/virtualNetworks',
    location: spec.location,
    properties: {
      addressSpace: { addressPrefixes: [`${net}.0.0/16`] },
      subnets: [
        subnet('snet-clusternodes', `${net}.0.0/22`, {
          routeTable: { id: ids.routeTable },
        }),
        subnet('snet-clusteringressservices', `${net}.4.0/28`),
        subnet('snet-applicationgateway', `${net}.5.0/24`),
        subnet('snet-privatelinkendpoints', `${net}.6.0/28`),
      ],
      virtualNetworkPeerings: [
        spokeToHubPeering(ids.vnet, spec.firewall.hubVirtualNetworkId),
      ],
    },
  };

  const publicIp: ArmResource = {
    id: ids.publicIp,
    name: `pip-gw-${spec.name}`,
    type: 'Microsoft.Network/publicIPAddresses',
    location: spec.location,
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      ipAddress: `20.${spec.spokeOctet}.10.20`,
      publicIPAllocationMethod: 'Static',
      ipConfiguration: {
        id: `${ids.gateway}/frontendIPConfigurations/apw-frontend-ip-configuration`,
      },
    },
  };

  const gwChild = (kind: string, name: string) =>
    `${ids.gateway}/${kind}/${name}`;
  const backendHttps = !flaws.has('http-backend');
  const gateway: ArmResource = {
    id: ids.gateway,
    name: `apw-${spec.name}`,
    type: 'Microsoft.Network/applicationGateways',
    location: spec.location,
    ...(spec.tagGateway
      ? { tags: { [TAG_GATEWAY_CLUSTER]: ids.cluster } }
      : {}),
    properties: {
      provisioningState: 'Succeeded',
      operationalState: 'Running',
      sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 },
      sslPolicy: {
        policyType: 'Predefined',
        policyName: 'AppGwSslPolicy20220101S',
        minProtocolVersion: 'TLSv1_2',
      },
      firewallPolicy: { id: ids.wafPolicy },
      gatewayIPConfigurations: [
        {
          name: 'apw-ip-configuration',
          id: gwChild('gatewayIPConfigurations', 'apw-ip-configuration'),
          properties: {
            subnet: { id: `${ids.vnet}/subnets/snet-applicationgateway` },
          },
        },
      ],
      frontendIPConfigurations: [
        {
          name: 'apw-frontend-ip-configuration',
          id: gwChild(
            'frontendIPConfigurations',
            'apw-frontend-ip-configuration',
          ),
          properties: { publicIPAddress: { id: ids.publicIp } },
        },
      ],
      frontendPorts: [
        {
          name: 'port-443',
          id: gwChild('frontendPorts', 'port-443'),
          properties: { port: 443 },
        },
      ],
      sslCertificates: [
        {
          name: `${spec.host}-ssl-certificate`,
          id: gwChild('sslCertificates', `${spec.host}-ssl-certificate`),
          properties: { keyVaultSecretId: edgeSecret },
        },
      ],
      trustedRootCertificates: [
        {
          name: 'root-cert-wildcard-aks-ingress',
          id: gwChild(
            'trustedRootCertificates',
            'root-cert-wildcard-aks-ingress',
          ),
          properties: { keyVaultSecretId: rootSecret },
        },
      ],
      probes: [
        {
          name: 'probe-bu0001a0008',
          id: gwChild('probes', 'probe-bu0001a0008'),
          properties: {
            protocol: backendHttps ? 'Https' : 'Http',
            path: '/favicon.ico',
            interval: 30,
            timeout: 30,
            unhealthyThreshold: 3,
            pickHostNameFromBackendHttpSettings: true,
          },
        },
      ],
      backendAddressPools: [
        {
          name: `${ingressDomain}`,
          id: gwChild('backendAddressPools', ingressDomain),
          properties: { backendAddresses: [{ ipAddress: traefikIp }] },
        },
      ],
      backendHttpSettingsCollection: [
        {
          name: 'aks-ingress-backendpool-httpsettings',
          id: gwChild(
            'backendHttpSettingsCollection',
            'aks-ingress-backendpool-httpsettings',
          ),
          properties: {
            protocol: backendHttps ? 'Https' : 'Http',
            port: backendHttps ? 443 : 80,
            // The public host, as the onboarding template's fragment sends
            // it: Traefik routes on it (`Host(...)` of the app's IngressRoute).
            hostName: spec.host,
            cookieBasedAffinity: 'Disabled',
            requestTimeout: 20,
            probe: { id: gwChild('probes', 'probe-bu0001a0008') },
            trustedRootCertificates: backendHttps
              ? [
                  {
                    id: gwChild(
                      'trustedRootCertificates',
                      'root-cert-wildcard-aks-ingress',
                    ),
                  },
                ]
              : [],
          },
        },
      ],
      httpListeners: [
        {
          name: 'listener-https',
          id: gwChild('httpListeners', 'listener-https'),
          properties: {
            frontendIPConfiguration: {
              id: gwChild(
                'frontendIPConfigurations',
                'apw-frontend-ip-configuration',
              ),
            },
            frontendPort: { id: gwChild('frontendPorts', 'port-443') },
            protocol: 'Https',
            hostName: spec.host,
            requireServerNameIndication: true,
            sslCertificate: {
              id: gwChild('sslCertificates', `${spec.host}-ssl-certificate`),
            },
          },
        },
      ],
      requestRoutingRules: [
        {
          name: 'apw-routing-rules',
          id: gwChild('requestRoutingRules', 'apw-routing-rules'),
          properties: {
            ruleType: 'Basic',
            priority: 100,
            httpListener: { id: gwChild('httpListeners', 'listener-https') },
            backendAddressPool: {
              id: gwChild('backendAddressPools', ingressDomain),
            },
            backendHttpSettings: {
              id: gwChild(
                'backendHttpSettingsCollection',
                'aks-ingress-backendpool-httpsettings',
              ),
            },
          },
        },
      ],
    },
  };

  const wafPolicy: ArmResource = {
    id: ids.wafPolicy,
    name: `waf-${spec.name}`,
    type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    location: spec.location,
    properties: {
      policySettings: {
        state: 'Enabled',
        mode: flaws.has('waf-detection') ? 'Detection' : 'Prevention',
        requestBodyCheck: true,
      },
      ...(spec.wafAllowedClients
        ? { customRules: officesOnlyRules(spec.wafAllowedClients) }
        : {}),
      managedRules: {
        managedRuleSets: [
          { ruleSetType: 'OWASP', ruleSetVersion: '3.2' },
          { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' },
        ],
      },
      applicationGateways: [{ id: ids.gateway }],
    },
  };

  const vault: ArmResource = {
    id: ids.vault,
    name: ids.vaultName,
    type: 'Microsoft.KeyVault/vaults',
    location: spec.location,
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      sku: { family: 'A', name: 'standard' },
      vaultUri: `${vaultUri}/`,
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

  const privateEndpoint = spokePrivateEndpoint(spec, ids, {
    id: ids.privateEndpoint,
    connection: 'to-keyvault',
    target: ids.vault,
    groupId: 'vault',
  });

  const registry = stampRegistry(spec, ids, flaws.has('registry-public'));

  const secret = (name: string, daysLeft: number): ArmResource => {
    const nowSeconds = Math.floor(spec.now.getTime() / 1000);
    return {
      id: `${ids.vault}/secrets/${name}`,
      name,
      type: 'Microsoft.KeyVault/vaults/secrets',
      location: spec.location,
      properties: {
        contentType: 'application/x-pkcs12',
        secretUri: `${vaultUri}/secrets/${name}`,
        attributes: {
          enabled: true,
          nbf: nowSeconds - 300 * DAY_SECONDS,
          exp: nowSeconds + Math.round(daysLeft * DAY_SECONDS),
          created: nowSeconds - 300 * DAY_SECONDS,
          updated: nowSeconds - 300 * DAY_SECONDS,
        },
      },
    };
  };

  return [
    cluster,
    ...(flaws.has('no-maintenance-window')
      ? []
      : maintenanceWindows(ids.cluster)),
    vnet,
    routeTable,
    publicIp,
    gateway,
    wafPolicy,
    vault,
    privateEndpoint,
    ...(flaws.has('no-registry') ? [] : registry),
    ...stampPolicyAssignments(spec, spec.governance ?? 'baseline'),
    ...stampTelemetry(spec, ids, flaws),
    secret('gateway-external-pfx-cert', spec.certificateDaysLeft.edge),
    secret(
      'appgw-ingress-internal-aks-ingress-tls',
      spec.certificateDaysLeft.backendTrustRoot,
    ),
    secret(
      'traefik-ingress-internal-aks-ingress-tls',
      spec.certificateDaysLeft.ingress,
    ),
  ];
}

/**
 * The cluster's planned maintenance configurations as ARM lists them (a
 * child list of the cluster): node image on Tuesday nights, Kubernetes
 * patches on Thursday nights, as the create-cluster template schedules them.
 */
function maintenanceWindows(clusterId: string): ArmResource[] {
  const weekly = (name: string, dayOfWeek: string, durationHours: number) => ({
    id: `${clusterId}/maintenanceConfigurations/${name}`,
    name,
    type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
    properties: {
      maintenanceWindow: {
        schedule: { weekly: { dayOfWeek, intervalWeeks: 1 } },
        durationHours,
        startTime: '21:00',
        utcOffset: '+00:00',
      },
    },
  });
  return [
    weekly('aksManagedAutoUpgradeSchedule', 'Thursday', 8),
    weekly('aksManagedNodeOSUpgradeSchedule', 'Tuesday', 12),
  ];
}

/** The ids of a stamp's resources, derived from its names. */
export function stampIds(
  spec: Pick<StampSpec, 'subscriptionId' | 'resourceGroup' | 'name'>,
) {
  const rg = `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}`;
  const network = `${rg}/providers/Microsoft.Network`;
  // Key Vault names are global, 3-24 characters.
  const vaultName = `kv-${spec.name}`.slice(0, 24);
  // Registry names are global, 5-50 letters and digits.
  const registryName = `acr${spec.name.replace(/[^a-z0-9]/gi, '')}`
    .toLowerCase()
    .slice(0, 50);
  return {
    cluster: `${rg}/providers/Microsoft.ContainerService/managedClusters/${spec.name}`,
    vnet: `${network}/virtualNetworks/vnet-spoke-${spec.name}`,
    routeTable: `${network}/routeTables/route-to-hub-${spec.name}`,
    publicIp: `${network}/publicIPAddresses/pip-gw-${spec.name}`,
    gateway: `${network}/applicationGateways/apw-${spec.name}`,
    wafPolicy: `${network}/ApplicationGatewayWebApplicationFirewallPolicies/waf-${spec.name}`,
    vaultName,
    vault: `${rg}/providers/Microsoft.KeyVault/vaults/${vaultName}`,
    privateEndpoint: `${network}/privateEndpoints/pe-${vaultName}`,
    registryName,
    registry: `${rg}/providers/Microsoft.ContainerRegistry/registries/${registryName}`,
    registryPrivateEndpoint: `${network}/privateEndpoints/pe-${registryName}`,
    workspace: `${rg}/providers/Microsoft.OperationalInsights/workspaces/la-${spec.name}`,
    containerInsightsRule: `${rg}/providers/Microsoft.Insights/dataCollectionRules/MSCI-${spec.name}`,
  };
}

/** A diagnostic setting `default` on `target`, sending these log categories to the stamp's workspace. */
function diagnosticSetting(
  ids: ReturnType<typeof stampIds>,
  target: string,
  categories: string[],
): ArmResource {
  return {
    id: `${target}/providers/Microsoft.Insights/diagnosticSettings/default`,
    name: 'default',
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      workspaceId: ids.workspace,
      logs: categories.map(category => ({ category, enabled: true })),
      metrics: [],
    },
  };
}

/**
 * Audit and telemetry as create-cluster generates it (LOG-01..03): the
 * Container insights rule and its association with the cluster, and the
 * diagnostic settings of the cluster, the gateway and the vault.
 */
function stampTelemetry(
  spec: StampSpec,
  ids: ReturnType<typeof stampIds>,
  flaws: Set<StampFlaw>,
): ArmResource[] {
  const streams = [
    'Microsoft-ContainerLogV2',
    'Microsoft-KubeEvents',
    'Microsoft-KubePodInventory',
    'Microsoft-InsightsMetrics',
  ];
  const rule: ArmResource = {
    id: ids.containerInsightsRule,
    name: ids.containerInsightsRule.split('/').pop(),
    type: 'Microsoft.Insights/dataCollectionRules',
    location: spec.location,
    kind: 'Linux',
    properties: {
      provisioningState: 'Succeeded',
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
          { name: 'ciworkspace', workspaceResourceId: ids.workspace },
        ],
      },
      dataFlows: [{ streams, destinations: ['ciworkspace'] }],
    },
  };
  const association: ArmResource = {
    id: `${ids.cluster}/providers/Microsoft.Insights/dataCollectionRuleAssociations/MSCI-${spec.name}`,
    name: `MSCI-${spec.name}`,
    type: 'Microsoft.Insights/dataCollectionRuleAssociations',
    properties: {
      dataCollectionRuleId: ids.containerInsightsRule,
      provisioningState: 'Succeeded',
    },
  };
  const clusterLogs = flaws.has('no-audit-logs')
    ? ['kube-apiserver', 'kube-controller-manager']
    : [
        'cluster-autoscaler',
        'kube-controller-manager',
        'kube-audit-admin',
        'guard',
      ];
  return [
    rule,
    ...(flaws.has('no-container-insights-rule') ? [] : [association]),
    diagnosticSetting(ids, ids.cluster, clusterLogs),
    diagnosticSetting(ids, ids.gateway, [
      'ApplicationGatewayAccessLog',
      'ApplicationGatewayPerformanceLog',
      'ApplicationGatewayFirewallLog',
    ]),
    diagnosticSetting(ids, ids.vault, ['AuditEvent']),
  ];
}

/** WAF custom rules letting only `clients` in: an Allow for them, then a Block for every address. */
function officesOnlyRules(clients: string[]) {
  const byClientAddress = (matchValues: string[]) => [
    {
      matchVariables: [{ variableName: 'RemoteAddr' }],
      operator: 'IPMatch',
      negationConditon: false,
      matchValues,
    },
  ];
  return [
    {
      name: 'AllowOffices',
      priority: 10,
      ruleType: 'MatchRule',
      action: 'Allow',
      matchConditions: byClientAddress(clients),
    },
    {
      name: 'BlockEveryoneElse',
      priority: 100,
      ruleType: 'MatchRule',
      action: 'Block',
      matchConditions: byClientAddress(['0.0.0.0/0']),
    },
  ];
}

/** A private endpoint in the spoke's private-endpoints subnet, auto-approved (same tenant). */
function spokePrivateEndpoint(
  spec: StampSpec,
  ids: ReturnType<typeof stampIds>,
  link: { id: string; connection: string; target: string; groupId: string },
): ArmResource {
  return {
    id: link.id,
    name: link.id.split('/').pop(),
    type: 'Microsoft.Network/privateEndpoints',
    location: spec.location,
    properties: {
      subnet: { id: `${ids.vnet}/subnets/snet-privatelinkendpoints` },
      privateLinkServiceConnections: [
        {
          name: link.connection,
          properties: {
            privateLinkServiceId: link.target,
            groupIds: [link.groupId],
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-approved',
            },
          },
        },
      ],
    },
  };
}

/** The login server of a stamp's registry: where its images come from. */
export function stampRegistryLoginServer(
  spec: Pick<StampSpec, 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return `${stampIds(spec).registryName}.azurecr.io`;
}

/**
 * The stamp's container registry as ARM lists it (2025-11-01), shaped like
 * the reference's acr-stamp.bicep (Premium, admin user and public access off,
 * zone redundant, a dedicated data endpoint), and its private endpoint in
 * the spoke. `publicAccess`: the flaw a registry created from the portal's
 * defaults has (public network access Enabled, network rules Allow).
 */
function stampRegistry(
  spec: StampSpec,
  ids: ReturnType<typeof stampIds>,
  publicAccess: boolean,
): ArmResource[] {
  const loginServer = stampRegistryLoginServer(spec);
  const registry: ArmResource = {
    id: ids.registry,
    name: ids.registryName,
    type: 'Microsoft.ContainerRegistry/registries',
    location: spec.location,
    sku: { name: 'Premium', tier: 'Premium' },
    properties: {
      loginServer,
      creationDate: '2025-03-04T09:12:44.000Z',
      provisioningState: 'Succeeded',
      adminUserEnabled: false,
      networkRuleSet: {
        defaultAction: publicAccess ? 'Allow' : 'Deny',
        ipRules: [],
      },
      policies: {
        quarantinePolicy: { status: 'disabled' },
        trustPolicy: { type: 'Notary', status: 'disabled' },
        retentionPolicy: { days: 15, status: 'enabled' },
        exportPolicy: { status: 'enabled' },
      },
      encryption: { status: 'disabled' },
      dataEndpointEnabled: true,
      dataEndpointHostNames: [
        `${ids.registryName}.${spec.location}.data.azurecr.io`,
      ],
      privateEndpointConnections: [
        {
          id: `${ids.registry}/privateEndpointConnections/pe-${ids.registryName}`,
          properties: {
            privateEndpoint: { id: ids.registryPrivateEndpoint },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionsRequired: 'None',
            },
            provisioningState: 'Succeeded',
          },
        },
      ],
      publicNetworkAccess: publicAccess ? 'Enabled' : 'Disabled',
      networkRuleBypassOptions: 'AzureServices',
      zoneRedundancy: 'Enabled',
      anonymousPullEnabled: false,
    },
  };
  const endpoint = spokePrivateEndpoint(spec, ids, {
    id: ids.registryPrivateEndpoint,
    connection: 'to-registry',
    target: ids.registry,
    groupId: 'registry',
  });
  return [registry, endpoint];
}

/** Where a hub lives: one per subscription and region, as in the demo. */
export interface HubLocation {
  subscriptionId: string;
  location: string;
}

const hubResourceGroup = (hub: HubLocation) =>
  `/subscriptions/${hub.subscriptionId}/resourceGroups/rg-enterprise-networking-hubs`;

/** The id of the hub VNet `buildHubVirtualNetwork` builds. */
export function hubVirtualNetworkId(hub: HubLocation): string {
  return `${hubResourceGroup(
    hub,
  )}/providers/Microsoft.Network/virtualNetworks/vnet-${hub.location}-hub`;
}

/**
 * The hub VNet, REST shape: a /24 around the firewall's private IP whose
 * first /26 is AzureFirewallSubnet, as in mspnp/aks-baseline's hub
 * (10.200.0.0/24, firewall subnet 10.200.0.0/26, firewall at 10.200.0.4).
 * The hub's side of each spoke peering is not built: the resolver reads the
 * spoke's side, where the route's next hop is resolved.
 */
export function buildHubVirtualNetwork(
  options: HubLocation & {
    privateIp: string;
    /** Its id, when not the demo's `vnet-<location>-hub` (a generated stamp's named hub). */
    virtualNetworkId?: string;
  },
): ArmResource {
  const id = options.virtualNetworkId ?? hubVirtualNetworkId(options);
  const net = options.privateIp.split('.').slice(0, 3).join('.');
  return {
    id,
    name: id.split('/').pop(),
    type: 'Microsoft.Network/virtualNetworks',
    location: options.location,
    properties: {
      addressSpace: { addressPrefixes: [`${net}.0/24`] },
      subnets: [
        {
          id: `${id}/subnets/AzureFirewallSubnet`,
          name: 'AzureFirewallSubnet',
          properties: { addressPrefix: `${net}.0/26` },
        },
      ],
    },
  };
}

/** The spoke's side of its peering with the hub, connected. */
function spokeToHubPeering(spokeVnetId: string, hubVnetId: string) {
  const hubName = hubVnetId.split('/').pop();
  return {
    id: `${spokeVnetId}/virtualNetworkPeerings/spoke-to-${hubName}`,
    name: `spoke-to-${hubName}`,
    properties: {
      remoteVirtualNetwork: { id: hubVnetId },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
      peeringState: 'Connected',
      peeringSyncLevel: 'FullyInSync',
    },
  };
}

/** A hub firewall in its hub VNet's AzureFirewallSubnet, REST shape. */
export function buildHubFirewall(
  options: HubLocation & {
    privateIp: string;
    threatIntelMode?: 'Alert' | 'Deny' | 'Off';
    /** A firewall policy governs the firewall's settings and rules (else classic settings). */
    firewallPolicyId?: string;
    /** The hub VNet it sits in, when not the demo's `vnet-<location>-hub`. */
    virtualNetworkId?: string;
  },
): ArmResource {
  const rg = hubResourceGroup(options);
  const id = `${rg}/providers/Microsoft.Network/azureFirewalls/fw-${options.location}`;
  return {
    id,
    name: `fw-${options.location}`,
    type: 'Microsoft.Network/azureFirewalls',
    location: options.location,
    properties: {
      sku: { name: 'AZFW_VNet', tier: 'Premium' },
      threatIntelMode: options.threatIntelMode ?? 'Deny',
      ipConfigurations: [
        {
          name: 'azureFirewallIpConfiguration',
          properties: {
            privateIPAddress: options.privateIp,
            subnet: {
              id: `${
                options.virtualNetworkId ?? hubVirtualNetworkId(options)
              }/subnets/AzureFirewallSubnet`,
            },
          },
        },
      ],
      additionalProperties: { 'Network.DNS.EnableProxy': 'true' },
      ...(options.firewallPolicyId
        ? { firewallPolicy: { id: options.firewallPolicyId } }
        : {}),
    },
  };
}
