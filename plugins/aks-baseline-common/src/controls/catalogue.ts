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
    remediation: {
      change:
        'networkProfile.networkPlugin azure; a kubenet cluster migrates in place to Azure CNI Overlay',
      command:
        'az aks update -g {resource group} -n {cluster} --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16',
      doc: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay',
    },
  },
  {
    id: 'NET-02',
    title: 'A network policy engine is on',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.networkPolicy',
    expected: 'azure (calico or cilium acceptable, noted)',
    remediation: {
      change:
        'networkProfile.networkPolicy azure (or cilium with Azure CNI powered by Cilium)',
      command:
        'az aks update -g {resource group} -n {cluster} --network-policy azure',
      doc: 'https://learn.microsoft.com/azure/aks/use-network-policies',
    },
  },
  {
    id: 'NET-03',
    title: 'Egress goes through the firewall',
    area: 'cluster',
    severity: 'high',
    field: 'networkProfile.outboundType; node subnet route table 0.0.0.0/0',
    expected:
      "userDefinedRouting, and the node subnet's route table sends 0.0.0.0/0 to VirtualAppliance at the firewall's private IP",
    remediation: {
      change:
        "outboundType userDefinedRouting, and a route table on the node subnet sending 0.0.0.0/0 to VirtualAppliance at the hub firewall's private IP",
      command:
        'az network route-table route create -g {resource group} --route-table-name {route table} -n default-egress --address-prefix 0.0.0.0/0 --next-hop-type VirtualAppliance --next-hop-ip-address {firewall private IP}',
      doc: 'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
    },
  },
  {
    id: 'NET-04',
    title: 'Standard load balancer, sane CIDRs',
    area: 'cluster',
    severity: 'medium',
    field: 'networkProfile.loadBalancerSku, serviceCidr, dnsServiceIP, podCidr',
    expected:
      'standard; service/pod CIDRs do not overlap the VNet (or each other); dnsServiceIP inside serviceCidr',
    remediation: {
      change:
        'loadBalancerSku standard, and service and pod CIDRs outside the VNet and each other with dnsServiceIP inside the service CIDR (set when the cluster is created: move the workloads to a new cluster)',
      command:
        'az aks create -g {resource group} -n {cluster} --load-balancer-sku standard --service-cidr 172.16.0.0/16 --dns-service-ip 172.16.0.10 ...',
      doc: 'https://learn.microsoft.com/azure/aks/configure-azure-cni',
    },
  },
  {
    id: 'SEC-01',
    title: 'Key Vault CSI provider add-on',
    area: 'cluster',
    severity: 'high',
    field: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
    expected: 'true',
    remediation: {
      change: 'addonProfiles.azureKeyvaultSecretsProvider.enabled true',
      command:
        'az aks enable-addons -g {resource group} -n {cluster} --addons azure-keyvault-secrets-provider',
      doc: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    },
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
    remediation: {
      change:
        'enableSecretRotation "true" with a rotationPollInterval, so renewed certificates reach the pods',
      command:
        'az aks addon update -g {resource group} -n {cluster} --addon azure-keyvault-secrets-provider --enable-secret-rotation --rotation-poll-interval 2m',
      doc: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options',
    },
  },
  {
    id: 'SEC-03',
    title: 'Workload identity, no pod identity',
    area: 'cluster',
    severity: 'high',
    field:
      'securityProfile.workloadIdentity.enabled, oidcIssuerProfile.enabled, podIdentityProfile.enabled',
    expected: 'true, true, false/absent (AAD Pod Identity is retired)',
    remediation: {
      change:
        'turn on the OIDC issuer and workload identity, and turn off AAD pod identity',
      command:
        'az aks update -g {resource group} -n {cluster} --enable-oidc-issuer --enable-workload-identity',
      doc: 'https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster',
    },
  },
  {
    id: 'SEC-04',
    title: 'Entra ID with Azure RBAC, no local accounts',
    area: 'cluster',
    severity: 'high',
    field:
      'aadProfile.managed, aadProfile.enableAzureRBAC, disableLocalAccounts',
    expected: 'true, true, true',
    remediation: {
      change:
        'managed Entra ID integration with Azure RBAC, and local accounts disabled',
      command:
        'az aks update -g {resource group} -n {cluster} --enable-aad --enable-azure-rbac --disable-local-accounts',
      doc: 'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
    },
  },
  {
    id: 'SEC-05',
    title: 'Private API server',
    area: 'cluster',
    severity: 'medium',
    field:
      'apiServerAccessProfile.enablePrivateCluster (or authorizedIPRanges), apiServerAccessProfile.disableRunCommand',
    expected: 'true (or non-empty authorizedIPRanges), true',
    remediation: {
      change:
        'a private API server (set at creation, or API Server VNet Integration), else authorized IP ranges; and run command disabled',
      command:
        'az aks update -g {resource group} -n {cluster} --api-server-authorized-ip-ranges {CIDRs} --disable-run-command',
      doc: 'https://learn.microsoft.com/azure/aks/private-clusters',
    },
  },
  {
    id: 'SEC-06',
    title: 'Azure Policy add-on',
    area: 'cluster',
    severity: 'medium',
    field: 'addonProfiles.azurepolicy.enabled',
    expected: 'true',
    remediation: {
      change: 'addonProfiles.azurepolicy.enabled true',
      command:
        'az aks enable-addons -g {resource group} -n {cluster} --addons azure-policy',
      doc: 'https://learn.microsoft.com/azure/aks/use-azure-policy',
    },
  },
  {
    id: 'OPS-01',
    title: 'Monitoring',
    area: 'cluster',
    severity: 'low',
    field: 'addonProfiles.omsagent.enabled',
    expected: 'true',
    remediation: {
      change:
        'Container insights (addonProfiles.omsagent) sending to a Log Analytics workspace',
      command:
        'az aks enable-addons -g {resource group} -n {cluster} --addons monitoring --workspace-resource-id {workspace id}',
      doc: 'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable',
    },
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
    remediation: {
      change:
        'turn off HTTP application routing and AGIC: App Gateway fronts Traefik instead',
      command:
        'az aks disable-addons -g {resource group} -n {cluster} --addons http_application_routing,ingress-appgw',
      doc: 'https://learn.microsoft.com/azure/aks/http-application-routing',
    },
  },
  // Edge (Application Gateway and its WAF policy)
  {
    id: 'WAF-01',
    title: 'WAF SKU',
    area: 'edge',
    severity: 'high',
    field: 'sku.name, sku.tier',
    expected: 'WAF_v2',
    remediation: {
      change: 'sku.name and sku.tier WAF_v2, with a WAF policy attached',
      command:
        'az network application-gateway update -g {resource group} -n {gateway} --sku WAF_v2',
      doc: 'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
    },
  },
  {
    id: 'WAF-02',
    title: 'WAF enforcing',
    area: 'edge',
    severity: 'high',
    field: 'WAF policy policySettings.state, policySettings.mode',
    expected: 'Enabled, Prevention',
    remediation: {
      change: "the WAF policy's policySettings: state Enabled, mode Prevention",
      command:
        'az network application-gateway waf-policy policy-setting update -g {resource group} --policy-name {WAF policy} --state Enabled --mode Prevention',
      doc: 'https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview',
    },
  },
  {
    id: 'WAF-03',
    title: 'Managed rules current',
    area: 'edge',
    severity: 'medium',
    field: 'WAF policy managedRules.managedRuleSets[]',
    expected:
      'OWASP >= 3.2 (or Microsoft_DefaultRuleSet >= 2.1), plus Microsoft_BotManagerRuleSet',
    remediation: {
      change:
        'managedRuleSets: OWASP 3.2 or Microsoft_DefaultRuleSet 2.1, and Microsoft_BotManagerRuleSet',
      command:
        'az network application-gateway waf-policy managed-rule rule-set add -g {resource group} --policy-name {WAF policy} --type Microsoft_BotManagerRuleSet --version 1.0',
      doc: 'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules',
    },
  },
  {
    id: 'TLS-01',
    title: 'Edge TLS policy',
    area: 'edge',
    severity: 'high',
    field:
      'sslPolicy, sslProfiles[].sslPolicy (minProtocolVersion or predefined policyName)',
    expected: 'TLSv1_2 or newer',
    remediation: {
      change:
        'a predefined TLS policy with minimum TLS 1.2 (AppGwSslPolicy20220101 or newer)',
      command:
        'az network application-gateway ssl-policy set -g {resource group} --gateway-name {gateway} --policy-type Predefined --name AppGwSslPolicy20220101',
      doc: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    },
  },
  {
    id: 'TLS-02',
    title: 'HTTPS listeners, certificate from Key Vault',
    area: 'edge',
    severity: 'medium',
    field: 'httpListeners[].protocol, sslCertificates[].keyVaultSecretId',
    expected:
      'Https (plain HTTP only to redirect); every certificate referenced from Key Vault, no uploaded PFX',
    remediation: {
      change:
        "HTTPS listeners whose certificate is a Key Vault secret reference (keyVaultSecretId), read by the gateway's managed identity",
      command:
        'az network application-gateway ssl-cert create -g {resource group} --gateway-name {gateway} -n {certificate} --key-vault-secret-id {secret id}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/key-vault-certs',
    },
  },
  {
    id: 'TLS-03',
    title: 'Re-encryption to the cluster',
    area: 'edge',
    severity: 'high',
    field:
      'backendHttpSettingsCollection[].protocol, .port, .trustedRootCertificates',
    expected: 'Https, 443, non-empty',
    remediation: {
      change:
        "backend settings: protocol Https, port 443, Traefik's root as trusted root certificate",
      command:
        'az network application-gateway http-settings update -g {resource group} --gateway-name {gateway} -n {backend settings} --protocol Https --port 443 --root-certs {trusted root}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
    },
  },
  {
    id: 'TLS-04',
    title: 'HTTPS health probe',
    area: 'edge',
    severity: 'low',
    field: 'probes[].protocol, probes[].path',
    expected: 'Https, a real path (reference: /favicon.ico)',
    remediation: {
      change:
        'the health probe: protocol Https and a real path (the reference probes /favicon.ico)',
      command:
        'az network application-gateway probe update -g {resource group} --gateway-name {gateway} -n {probe} --protocol Https --path /favicon.ico',
      doc: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
    },
  },
  {
    id: 'ING-01',
    title: "Backend pool targets the cluster's internal ingress",
    area: 'edge',
    severity: 'high',
    field: 'backendAddressPools[].backendAddresses[]',
    expected:
      "Traefik's internal load balancer IP, or an FQDN that resolves to it",
    remediation: {
      change:
        "the backend pool's address: Traefik's internal load balancer IP (or an FQDN resolving to it)",
      command:
        'az network application-gateway address-pool update -g {resource group} --gateway-name {gateway} -n {backend pool} --servers {Traefik internal IP}',
      doc: 'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
    },
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
    remediation: {
      change:
        'a renewed listener certificate as a new version of the Key Vault certificate; a versionless keyVaultSecretId lets the gateway pick it up',
      command:
        'az keyvault certificate import --vault-name {vault} -n {certificate} -f {renewed certificate .pfx}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/key-vault-certs',
    },
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
    remediation: {
      change:
        "a renewed root (or intermediate) certificate as a new version of the Key Vault secret the backend settings' trusted root names",
      command:
        'az network application-gateway root-cert update -g {resource group} --gateway-name {gateway} -n {trusted root} --keyvault-secret {versionless secret id}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
    },
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
    remediation: {
      change:
        "a renewed Traefik certificate as a new version in Key Vault; the Secrets Store CSI driver's rotation mounts it in Traefik's pods",
      command:
        'az keyvault certificate import --vault-name {vault} -n {ingress certificate} -f {renewed certificate .pfx}',
      doc: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options',
    },
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
    remediation: {
      change:
        "the root that issued Traefik's certificate as a trusted root of the backend settings, and the backend host name among the certificate's names",
      command:
        'az network application-gateway root-cert create -g {resource group} --gateway-name {gateway} -n {trusted root} --keyvault-secret {root certificate secret id}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
    },
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
    remediation: {
      change:
        'each trusted root and the ingress certificate held in Key Vault and referenced by its secret id (not uploaded inline), so its expiry is readable',
      command:
        'az network application-gateway root-cert create -g {resource group} --gateway-name {gateway} -n {trusted root} --keyvault-secret {secret id}',
      doc: 'https://learn.microsoft.com/azure/application-gateway/key-vault-certs',
    },
  },
  // Key Vault and egress
  {
    id: 'KV-01',
    title: 'Key Vault closed to public networks',
    area: 'keyvault',
    severity: 'high',
    field: 'networkAcls.defaultAction, publicNetworkAccess',
    expected: 'Deny (bypass AzureServices), or publicNetworkAccess Disabled',
    remediation: {
      change:
        'networkAcls.defaultAction Deny with bypass AzureServices, or publicNetworkAccess Disabled',
      command:
        'az keyvault update -g {resource group} -n {vault} --default-action Deny --bypass AzureServices',
      doc: 'https://learn.microsoft.com/azure/key-vault/general/network-security',
    },
  },
  {
    id: 'KV-02',
    title: 'Reached through Private Link',
    area: 'keyvault',
    severity: 'high',
    field: 'private endpoint with groupIds ["vault"], connection status',
    expected: 'Approved',
    remediation: {
      change:
        "a private endpoint (group id vault) in the cluster's VNet, its connection Approved",
      command:
        'az network private-endpoint create -g {resource group} -n {endpoint} --vnet-name {vnet} --subnet {subnet} --private-connection-resource-id {vault id} --group-id vault --connection-name {connection}',
      doc: 'https://learn.microsoft.com/azure/key-vault/general/private-link-service',
    },
  },
  {
    id: 'KV-03',
    title: 'RBAC authorization',
    area: 'keyvault',
    severity: 'medium',
    field: 'enableRbacAuthorization',
    expected: 'true',
    remediation: {
      change:
        'enableRbacAuthorization true, with role assignments replacing the access policies',
      command:
        'az keyvault update -g {resource group} -n {vault} --enable-rbac-authorization true',
      doc: 'https://learn.microsoft.com/azure/key-vault/general/rbac-guide',
    },
  },
  {
    id: 'FW-01',
    title: 'Firewall inspects egress',
    area: 'egress',
    severity: 'medium',
    field:
      'Azure Firewall / firewall policy threatIntelMode, dnsSettings.enableProxy',
    expected: 'Deny (Alert accepted, noted), DNS proxy true',
    remediation: {
      change: "the firewall policy's threatIntelMode Deny and DNS proxy on",
      command:
        'az network firewall policy update -g {resource group} -n {firewall policy} --threat-intel-mode Deny --enable-dns-proxy true',
      doc: 'https://learn.microsoft.com/azure/firewall/threat-intel',
    },
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
    remediation: {
      change:
        "an application rule collection on the firewall policy allowing the AzureKubernetesService FQDN tag (and the add-ons' flows) from the node subnet; remove any rule allowing * or any port",
      command:
        'az network firewall policy rule-collection-group collection add-filter-collection -g {resource group} --policy-name {firewall policy} --rcg-name {rule collection group} -n aks-required --action Allow --collection-priority {priority} --rule-type ApplicationRule --rule-name aks-fqdn-tag --source-addresses {node subnet CIDR} --protocols Https=443 --fqdn-tags AzureKubernetesService',
      doc: 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress',
    },
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
    remediation: {
      change:
        "a Premium registry with public network access disabled, no admin user, no anonymous pull, and an approved private endpoint in the cluster's VNet",
      command:
        'az acr update -n {registry} --sku Premium --public-network-enabled false --admin-enabled false --anonymous-pull-enabled false',
      doc: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link',
    },
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
    remediation: {
      change:
        "import each image into the stamp's registry, then point the workload at {login server}/{repository}:{tag other than latest} (or a digest)",
      command:
        'az acr import -n {registry} --source {source image} --image {repository}:{tag}',
      doc: 'https://learn.microsoft.com/azure/container-registry/container-registry-import-images',
    },
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
    remediation: {
      change:
        'Traefik\'s Service type LoadBalancer annotated service.beta.kubernetes.io/azure-load-balancer-internal "true" and azure-load-balancer-internal-subnet the ingress subnet',
      command:
        'kubectl annotate service -n {traefik namespace} {traefik service} --overwrite service.beta.kubernetes.io/azure-load-balancer-internal=true service.beta.kubernetes.io/azure-load-balancer-internal-subnet={ingress subnet}',
      doc: 'https://learn.microsoft.com/azure/aks/internal-lb',
    },
  },
  {
    id: 'K8S-02',
    title: 'Traefik TLS floor',
    area: 'kubernetes',
    severity: 'medium',
    field: 'TLSOption "default" or file provider tls.options.default',
    expected: 'minVersion VersionTLS12 (or 13), sniStrict true',
    remediation: {
      change:
        'a TLSOption named default with spec.minVersion VersionTLS12 (or VersionTLS13) and spec.sniStrict true',
      command:
        'kubectl apply -n {traefik namespace} -f {TLSOption default manifest}',
      doc: 'https://doc.traefik.io/traefik/v3.8/reference/routing-configuration/http/tls/tls-options/',
    },
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
    remediation: {
      change:
        'a Middleware with ipAllowList.sourceRange the App Gateway subnet CIDR, referenced by every route; entryPoints.websecure.forwardedHeaders.trustedIPs the same CIDR',
      command:
        'kubectl apply -n {app namespace} -f {Middleware ipAllowList manifest}',
      doc: 'https://doc.traefik.io/traefik/middlewares/http/ipallowlist/',
    },
  },
  {
    id: 'K8S-04',
    title: 'Ingress certificate from Key Vault',
    area: 'kubernetes',
    severity: 'high',
    field: 'SecretProviderClass (secrets-store.csi.x-k8s.io/v1)',
    expected:
      'provider azure, parameters.keyvaultName, tenantID (not tenantId), clientID (workload identity), objects naming the certificate',
    remediation: {
      change:
        'a SecretProviderClass (secrets-store.csi.x-k8s.io/v1) with provider azure, parameters keyvaultName, tenantID, clientID of the workload identity and objects naming the certificate',
      command:
        'kubectl apply -n {traefik namespace} -f {SecretProviderClass manifest}',
      doc: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access',
    },
  },
  {
    id: 'K8S-05',
    title: 'TLS-only routes',
    area: 'kubernetes',
    severity: 'high',
    field:
      'IngressRoute entryPoints/tls; Ingress router.tls/router.entrypoints annotations',
    expected: 'entry point websecure only, with tls',
    remediation: {
      change:
        'every IngressRoute on entry point websecure only, with a tls section',
      command:
        'kubectl patch ingressroute -n {app namespace} {route} --type merge -p \'{"spec":{"entryPoints":["websecure"],"tls":{}}}\'',
      doc: 'https://doc.traefik.io/traefik/routing/providers/kubernetes-crd/',
    },
  },
  {
    id: 'K8S-06',
    title: 'Default deny per app namespace',
    area: 'kubernetes',
    severity: 'high',
    field: 'NetworkPolicy podSelector {}, policyTypes, egress',
    expected:
      'podSelector {}, policyTypes [Ingress, Egress], egress only to kube-dns (UDP/TCP 53)',
    remediation: {
      change:
        'a NetworkPolicy with podSelector {}, policyTypes [Ingress, Egress] and egress only to kube-dns on UDP/TCP 53 in each app namespace',
      command:
        'kubectl apply -n {app namespace} -f {default-deny NetworkPolicy manifest}',
      doc: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    },
  },
  {
    id: 'K8S-07',
    title: 'Ingress only from Traefik',
    area: 'kubernetes',
    severity: 'high',
    field: 'NetworkPolicy selecting the app pods: ingress from, ports',
    expected:
      "from Traefik's namespace and pod labels, on the service's target port",
    remediation: {
      change:
        "a NetworkPolicy selecting the app pods allowing ingress only from Traefik's namespace and pod labels, on the service's target port",
      command:
        'kubectl apply -n {app namespace} -f {allow-from-Traefik NetworkPolicy manifest}',
      doc: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    },
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
    remediation: {
      change:
        'the ServiceAccount annotated azure.workload.identity/client-id, the pods labelled azure.workload.identity/use "true", and a federated credential for system:serviceaccount:{namespace}:{service account}',
      command:
        'kubectl annotate serviceaccount -n {namespace} {service account} azure.workload.identity/client-id={client id}; az identity federated-credential create -g {resource group} --identity-name {identity} -n {name} --issuer {cluster OIDC issuer} --subject system:serviceaccount:{namespace}:{service account} --audience api://AzureADTokenExchange',
      doc: 'https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster',
    },
  },
] as const satisfies readonly ControlDefinition[];

/** A control id of the catalogue. @public */
export type ControlId = (typeof BASELINE_CONTROLS)[number]['id'];

/** The catalogue entry of a control id, or undefined. @public */
export function findControl(id: string): ControlDefinition | undefined {
  return BASELINE_CONTROLS.find(control => control.id === id);
}
