import type { ControlDefinition } from './types';

/**
 * The controls of BASELINE-CONTROLS.md in their documented order. The ids are
 * a public interface (API, UI, docs): never renumber or reuse one.
 * @public
 */
export const BASELINE_CONTROLS = [
  // Cluster (Microsoft.ContainerService/managedClusters)
  {
    id: 'NET-01',
    title: 'Azure CNI, not kubenet',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.networkPlugin',
    expected: 'azure (networkPluginMode overlay allowed, noted)',
  },
  {
    id: 'NET-02',
    title: 'A network policy engine is on',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.networkPolicy',
    expected: 'azure (calico or cilium acceptable, noted)',
  },
  {
    id: 'NET-03',
    title: 'Egress goes through the firewall',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.outboundType; node subnet route table 0.0.0.0/0',
    expected:
      "userDefinedRouting, and the node subnet's route table sends 0.0.0.0/0 to VirtualAppliance at the firewall's private IP",
  },
  {
    id: 'NET-04',
    title: 'Standard load balancer, sane CIDRs',
    area: 'cluster',
    severity: 'medium',
    field: 'networkProfile.loadBalancerSku, serviceCidr, dnsServiceIP, podCidr',
    expected:
      'standard; service/pod CIDRs do not overlap the VNet (or each other); dnsServiceIP inside serviceCidr',
  },
  {
    id: 'SEC-01',
    title: 'Key Vault CSI provider add-on',
    area: 'cluster',
    severity: 'high',
    field: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
    expected: 'true',
  },
  {
    id: 'SEC-02',
    title: 'Secret rotation',
    area: 'cluster',
    severity: 'low',
    field:
      'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
    expected:
      '"true" with a rotationPollInterval (the reference ships "false")',
  },
  {
    id: 'SEC-03',
    title: 'Workload identity, no pod identity',
    area: 'cluster',
    severity: 'high',
    field:
      'securityProfile.workloadIdentity.enabled, oidcIssuerProfile.enabled, podIdentityProfile.enabled',
    expected: 'true, true, false/absent (AAD Pod Identity is retired)',
  },
  {
    id: 'SEC-04',
    title: 'Entra ID with Azure RBAC, no local accounts',
    area: 'cluster',
    severity: 'high',
    field:
      'aadProfile.managed, aadProfile.enableAzureRBAC, disableLocalAccounts',
    expected: 'true, true, true',
  },
  {
    id: 'SEC-05',
    title: 'Private API server',
    area: 'cluster',
    severity: 'medium',
    field:
      'apiServerAccessProfile.enablePrivateCluster (or authorizedIPRanges), apiServerAccessProfile.disableRunCommand',
    expected: 'true (or non-empty authorizedIPRanges), true',
  },
  {
    id: 'SEC-06',
    title: 'Azure Policy add-on',
    area: 'cluster',
    severity: 'medium',
    field: 'addonProfiles.azurepolicy.enabled',
    expected: 'true',
  },
  {
    id: 'OPS-01',
    title: 'Monitoring',
    area: 'cluster',
    severity: 'low',
    field: 'addonProfiles.omsagent.enabled',
    expected: 'true',
  },
  {
    id: 'OPS-02',
    title: 'No legacy in-cluster ingress/dashboard add-ons',
    area: 'cluster',
    severity: 'medium',
    field:
      'addonProfiles.httpApplicationRouting/ingressApplicationGateway/kubeDashboard.enabled',
    expected:
      'false/absent (ingress is App Gateway in front of Traefik, not AGIC)',
  },
  // Edge (Application Gateway and its WAF policy)
  {
    id: 'WAF-01',
    title: 'WAF SKU',
    area: 'edge',
    severity: 'high',
    field: 'sku.name, sku.tier',
    expected: 'WAF_v2',
  },
  {
    id: 'WAF-02',
    title: 'WAF enforcing',
    area: 'edge',
    severity: 'high',
    field: 'WAF policy policySettings.state, policySettings.mode',
    expected: 'Enabled, Prevention',
  },
  {
    id: 'WAF-03',
    title: 'Managed rules current',
    area: 'edge',
    severity: 'medium',
    field: 'WAF policy managedRules.managedRuleSets[]',
    expected:
      'OWASP >= 3.2 (or Microsoft_DefaultRuleSet >= 2.1), plus Microsoft_BotManagerRuleSet',
  },
  {
    id: 'TLS-01',
    title: 'Edge TLS policy',
    area: 'edge',
    severity: 'high',
    field:
      'sslPolicy, sslProfiles[].sslPolicy (minProtocolVersion or predefined policyName)',
    expected: 'TLSv1_2 or newer',
  },
  {
    id: 'TLS-02',
    title: 'HTTPS listeners, certificate from Key Vault',
    area: 'edge',
    severity: 'medium',
    field: 'httpListeners[].protocol, sslCertificates[].keyVaultSecretId',
    expected:
      'Https (plain HTTP only to redirect); every certificate referenced from Key Vault, no uploaded PFX',
  },
  {
    id: 'TLS-03',
    title: 'Re-encryption to the cluster',
    area: 'edge',
    severity: 'high',
    field:
      'backendHttpSettingsCollection[].protocol, .port, .trustedRootCertificates',
    expected: 'Https, 443, non-empty',
  },
  {
    id: 'TLS-04',
    title: 'HTTPS health probe',
    area: 'edge',
    severity: 'low',
    field: 'probes[].protocol, probes[].path',
    expected: 'Https, a real path (reference: /favicon.ico)',
  },
  {
    id: 'ING-01',
    title: "Backend pool targets the cluster's internal ingress",
    area: 'edge',
    severity: 'high',
    field: 'backendAddressPools[].backendAddresses[]',
    expected:
      "Traefik's internal load balancer IP, or an FQDN that resolves to it",
  },
  // Certificates in the chain (BASELINE-CONTROLS.md "Round 2 additions")
  {
    id: 'CERT-01',
    title: 'Edge certificate valid',
    area: 'certificates',
    severity: 'high',
    field:
      'listener certificate: Key Vault secret attributes.exp (sslCertificates[].keyVaultSecretId)',
    expected:
      'more days left than the warning threshold (fails when expired or at the critical threshold)',
  },
  {
    id: 'CERT-02',
    title: 'Backend trust root valid',
    area: 'certificates',
    severity: 'high',
    field:
      'trusted root certificate: Key Vault secret attributes.exp (trustedRootCertificates[].keyVaultSecretId)',
    expected:
      'more days left than the warning threshold (fails when expired or at the critical threshold)',
  },
  {
    id: 'CERT-03',
    title: 'Ingress (Traefik) certificate valid',
    area: 'certificates',
    severity: 'high',
    field:
      "Traefik's certificate: Key Vault secret attributes.exp (cluster tag or Traefik's SecretProviderClass)",
    expected:
      'more days left than the warning threshold (fails when expired or at the critical threshold)',
  },
  {
    id: 'CERT-04',
    title: "Trust root anchors Traefik's certificate",
    area: 'certificates',
    severity: 'high',
    field:
      'the certificate Traefik serves for the backend host name; backend settings trustedRootCertificates, hostName',
    expected:
      'signed by (or equal to) a trusted root of the backend settings, and a name in it covers the backend host name',
  },
  {
    id: 'CERT-05',
    title: 'Chain certificates from Key Vault, expiry readable',
    area: 'certificates',
    severity: 'medium',
    field:
      'trustedRootCertificates[].keyVaultSecretId, the ingress certificate reference, Key Vault secret attributes.exp',
    expected:
      'every trust root and the ingress certificate referenced from Key Vault (the edge certificate: TLS-02), each with an expiry the portal can read',
  },
  // Key Vault and egress
  {
    id: 'KV-01',
    title: 'Key Vault closed to public networks',
    area: 'keyvault',
    severity: 'high',
    field: 'networkAcls.defaultAction, publicNetworkAccess',
    expected: 'Deny (bypass AzureServices), or publicNetworkAccess Disabled',
  },
  {
    id: 'KV-02',
    title: 'Reached through Private Link',
    area: 'keyvault',
    severity: 'high',
    field: 'private endpoint with groupIds ["vault"], connection status',
    expected: 'Approved',
  },
  {
    id: 'KV-03',
    title: 'RBAC authorization',
    area: 'keyvault',
    severity: 'medium',
    field: 'enableRbacAuthorization',
    expected: 'true',
  },
  {
    id: 'FW-01',
    title: 'Firewall inspects egress',
    area: 'egress',
    severity: 'medium',
    field:
      'Azure Firewall / firewall policy threatIntelMode, dnsSettings.enableProxy',
    expected: 'Deny (Alert accepted, noted), DNS proxy true',
  },
  {
    id: 'FW-02',
    title: 'Every required egress flow is allowed, and no more',
    area: 'egress',
    severity: 'high',
    field:
      "the firewall's policy, its parents, their rule collection groups and IP groups; the cluster's region, API server and add-ons",
    expected:
      "each outbound flow the cluster's add-ons need (Microsoft's published list) allowed from the node subnet; no Allow rule with any port, any destination or the * FQDN reaching it",
  },
  // Supply chain (BASELINE-CONTROLS.md "Round 2 additions")
  {
    id: 'ACR-01',
    title: 'Registry private',
    area: 'supply-chain',
    severity: 'high',
    field:
      "the registries with a private endpoint in the cluster's VNet: sku.name, publicNetworkAccess, adminUserEnabled, anonymousPullEnabled; the private endpoint (groupIds registry) and its connection state",
    expected:
      "Premium, Disabled, false, false, and an approved private endpoint in the cluster's VNet; no registry at all fails",
  },
  {
    id: 'ACR-02',
    title: "Images only from the stamp's registry",
    area: 'supply-chain',
    severity: 'high',
    field:
      'image of every container, init container and ephemeral container of the Pods (and pod templates) read; AKS-managed namespaces exempt while their images come from mcr.microsoft.com',
    expected:
      "each image from the stamp's registry login server, pinned by a tag other than latest or by digest",
  },
  // Governance (BASELINE-CONTROLS.md "Round 2 additions")
  {
    id: 'GOV-01',
    title: 'Baseline policy assignments present',
    area: 'governance',
    severity: 'high',
    field:
      "Microsoft.Authorization/policyAssignments at or above the cluster's scope: policyDefinitionId, enforcementMode, parameters.effect",
    expected:
      'each built-in of mspnp/aks-baseline policies.bicep (Linux restricted pod security, HTTPS ingress, internal load balancers, read-only root file system, resource limits, allowed images, allowed host paths, no external IPs, no endpoint edit, no default namespace, Defender, Entra ID, local accounts disabled, Azure Policy add-on, authorized IP ranges, Kubernetes version, RBAC, managed identities) assigned and enforced, Deny where the reference denies',
    remediation: {
      change:
        "assign each missing built-in definition on the cluster's resource group (or above) with the reference's effect, enforcementMode Default",
      command:
        'az policy assignment create --name <name> --scope <resource group id> --policy <definition id> --params \'{"effect":{"value":"Deny"}}\'',
      doc: 'https://learn.microsoft.com/azure/aks/use-azure-policy',
    },
  },
  // Audit and telemetry (BASELINE-CONTROLS.md "Round 2 additions", issue #17)
  {
    id: 'LOG-01',
    title: 'Control-plane audit logs to a workspace',
    area: 'telemetry',
    severity: 'high',
    field:
      "the cluster's diagnostic settings: logs[].category/categoryGroup, enabled, workspaceId",
    expected:
      'kube-audit-admin (or kube-audit) and guard enabled in a setting sending to a Log Analytics workspace (category group audit or allLogs counts)',
    remediation: {
      change:
        "a diagnostic setting on the cluster sending kube-audit-admin and guard to the stamp's Log Analytics workspace",
      command:
        'az monitor diagnostic-settings create --name default --resource <cluster id> --workspace <workspace id> --logs \'[{"category":"kube-audit-admin","enabled":true},{"category":"guard","enabled":true}]\'',
      doc: 'https://learn.microsoft.com/azure/aks/monitor-aks',
    },
  },
  {
    id: 'LOG-02',
    title: 'Container insights through a data collection rule',
    area: 'telemetry',
    severity: 'medium',
    field:
      "the cluster's dataCollectionRuleAssociations, the rules they name (dataSources.extensions, destinations.logAnalytics, dataFlows); addonProfiles.omsagent.config.useAADAuth",
    expected:
      'a rule with the ContainerInsights extension whose streams flow to a Log Analytics destination, associated with the cluster; the add-on, when on, with useAADAuth "true"',
    remediation: {
      change:
        'the monitoring add-on with managed identity auth, which creates the Container insights data collection rule and associates it with the cluster',
      command:
        'az aks enable-addons -a monitoring -g <resource group> -n <cluster> --workspace-resource-id <workspace id>',
      doc: 'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable',
    },
  },
  {
    id: 'LOG-03',
    title: 'App Gateway, Key Vault and NSG diagnostics',
    area: 'telemetry',
    severity: 'medium',
    field:
      "diagnostic settings of the cluster's gateways, vaults and the NSGs of its VNet's subnets",
    expected:
      'to a Log Analytics workspace: ApplicationGatewayAccessLog, ApplicationGatewayPerformanceLog, ApplicationGatewayFirewallLog; AuditEvent; NetworkSecurityGroupEvent, NetworkSecurityGroupRuleCounter',
    remediation: {
      change:
        "a diagnostic setting on each gateway, vault and NSG sending its logs to the stamp's workspace",
      command:
        'az monitor diagnostic-settings create --name default --resource <gateway, vault or NSG id> --workspace <workspace id> --logs \'[{"categoryGroup":"allLogs","enabled":true}]\'',
      doc: 'https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings',
    },
  },
  // Security profile, upgrades and resilience (BASELINE-CONTROLS.md "Round 2 additions"; issue #17)
  {
    id: 'DEF-01',
    title: 'Microsoft Defender for Containers',
    area: 'security-profile',
    severity: 'high',
    field:
      'securityProfile.defender.securityMonitoring.enabled, securityProfile.defender.logAnalyticsWorkspaceResourceId',
    expected: "true, the stamp's Log Analytics workspace",
    remediation: {
      change:
        'securityProfile.defender: { securityMonitoring: { enabled: true }, logAnalyticsWorkspaceResourceId: <workspace id> }',
      command:
        'az aks update -g <resource group> -n <cluster> --enable-defender --defender-config <file with {"logAnalyticsWorkspaceResourceId": "<workspace id>"}>',
      doc: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable',
    },
  },
  {
    id: 'DEF-02',
    title: 'Image cleaner',
    area: 'security-profile',
    severity: 'low',
    field:
      'securityProfile.imageCleaner.enabled, securityProfile.imageCleaner.intervalHours',
    expected: 'true, every 24 to 2160 hours (reference: 120)',
    remediation: {
      change:
        'securityProfile.imageCleaner: { enabled: true, intervalHours: 120 }',
      command:
        'az aks update -g <resource group> -n <cluster> --enable-image-cleaner --image-cleaner-interval-hours 120',
      doc: 'https://learn.microsoft.com/azure/aks/image-cleaner',
    },
  },
  {
    id: 'UPG-01',
    title: 'Automatic upgrades in a maintenance window',
    area: 'upgrades',
    severity: 'medium',
    field:
      'autoUpgradeProfile.upgradeChannel, autoUpgradeProfile.nodeOSUpgradeChannel; maintenanceConfigurations aksManagedAutoUpgradeSchedule, aksManagedNodeOSUpgradeSchedule',
    expected:
      "a node OS channel (NodeImage or SecurityPatch) and a cluster channel (none accepted, noted: the reference's choice), each with its planned maintenance window",
    remediation: {
      change:
        'autoUpgradeProfile: { upgradeChannel: patch, nodeOSUpgradeChannel: NodeImage }, and a managedClusters/maintenanceConfigurations resource with a maintenanceWindow per channel',
      command:
        'az aks update -g <resource group> -n <cluster> --auto-upgrade-channel patch --node-os-upgrade-channel NodeImage; az aks maintenanceconfiguration add -g <resource group> --cluster-name <cluster> -n aksManagedNodeOSUpgradeSchedule --schedule-type Weekly --day-of-week Tuesday --interval-weeks 1 --start-time 21:00 --duration 12 (and -n aksManagedAutoUpgradeSchedule)',
      doc: 'https://learn.microsoft.com/azure/aks/planned-maintenance',
    },
  },
  {
    id: 'UPG-02',
    title: 'System pool autoscaled, critical add-ons only',
    area: 'upgrades',
    severity: 'medium',
    field:
      'agentPoolProfiles[mode System]: enableAutoScaling, minCount, maxCount, nodeTaints',
    expected:
      'autoscaling with at least 2 nodes, tainted CriticalAddonsOnly=true:NoSchedule',
    remediation: {
      change:
        'the System pool: enableAutoScaling true, minCount 3, maxCount 4, nodeTaints [CriticalAddonsOnly=true:NoSchedule]',
      command:
        'az aks nodepool update -g <resource group> --cluster-name <cluster> -n <system pool> --enable-cluster-autoscaler --min-count 3 --max-count 4 --node-taints CriticalAddonsOnly=true:NoSchedule',
      doc: 'https://learn.microsoft.com/azure/aks/use-system-pools',
    },
  },
  {
    id: 'UPG-03',
    title: 'Node pools across availability zones',
    area: 'upgrades',
    severity: 'medium',
    field: 'agentPoolProfiles[].availabilityZones',
    expected: 'at least two zones on every pool (reference: 1, 2, 3)',
    remediation: {
      change:
        "agentPoolProfiles[].availabilityZones: ['1', '2', '3'] (set when a pool is created; it cannot change afterwards)",
      command:
        'az aks nodepool add -g <resource group> --cluster-name <cluster> -n <new pool> --zones 1 2 3 ..., move the workloads, then az aks nodepool delete the old pool',
      doc: 'https://learn.microsoft.com/azure/aks/availability-zones',
    },
  },
  // In the cluster (Kubernetes objects)
  {
    id: 'K8S-01',
    title: 'Traefik is internal only',
    area: 'kubernetes',
    severity: 'high',
    field: 'Traefik Service type, annotations',
    expected:
      'LoadBalancer with service.beta.kubernetes.io/azure-load-balancer-internal: "true" and an ingress subnet annotation',
  },
  {
    id: 'K8S-02',
    title: 'Traefik TLS floor',
    area: 'kubernetes',
    severity: 'medium',
    field: 'TLSOption "default" or file provider tls.options.default',
    expected: 'minVersion VersionTLS12 (or 13), sniStrict true',
  },
  {
    id: 'K8S-03',
    title: 'Only App Gateway may call Traefik',
    area: 'kubernetes',
    severity: 'medium',
    field:
      'Middleware ipAllowList (ipWhiteList before v3).sourceRange; entryPoints.*.forwardedHeaders.trustedIPs',
    expected:
      'the App Gateway subnet CIDR, used by the routes; trustedIPs the App Gateway subnet',
  },
  {
    id: 'K8S-04',
    title: 'Ingress certificate from Key Vault',
    area: 'kubernetes',
    severity: 'high',
    field: 'SecretProviderClass (secrets-store.csi.x-k8s.io/v1)',
    expected:
      'provider azure, parameters.keyvaultName, tenantID (not tenantId), clientID (workload identity), objects naming the certificate',
  },
  {
    id: 'K8S-05',
    title: 'TLS-only routes',
    area: 'kubernetes',
    severity: 'high',
    field:
      'IngressRoute entryPoints/tls; Ingress router.tls/router.entrypoints annotations',
    expected: 'entry point websecure only, with tls',
  },
  {
    id: 'K8S-06',
    title: 'Default deny per app namespace',
    area: 'kubernetes',
    severity: 'high',
    field: 'NetworkPolicy podSelector {}, policyTypes, egress',
    expected:
      'podSelector {}, policyTypes [Ingress, Egress], egress only to kube-dns (UDP/TCP 53)',
  },
  {
    id: 'K8S-07',
    title: 'Ingress only from Traefik',
    area: 'kubernetes',
    severity: 'high',
    field: 'NetworkPolicy selecting the app pods: ingress from, ports',
    expected:
      "from Traefik's namespace and pod labels, on the service's target port",
  },
  {
    id: 'K8S-08',
    title: 'Workload identity wiring',
    area: 'kubernetes',
    severity: 'high',
    field:
      'ServiceAccount azure.workload.identity/client-id; pod label azure.workload.identity/use; federated credential',
    expected:
      'annotated service account, labelled pods, federated credential subject system:serviceaccount:<ns>:<sa>, audience api://AzureADTokenExchange',
  },
] as const satisfies readonly ControlDefinition[];

/** A control id of the catalogue. @public */
export type ControlId = (typeof BASELINE_CONTROLS)[number]['id'];

/** The catalogue entry of a control id, or undefined. @public */
export function findControl(id: string): ControlDefinition | undefined {
  return BASELINE_CONTROLS.find(control => control.id === id);
}
