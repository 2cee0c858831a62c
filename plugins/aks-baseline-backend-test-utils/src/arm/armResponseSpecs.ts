import { strictArmResponseSchemas } from './armSpecs';

/**
 * Where Microsoft's REST specifications (shared/azure-specs) define the body
 * a GET of each resource type returns, to validate rendered or recorded
 * resources strictly (unknown fields fail; read-only fields are allowed).
 */

const NETWORK =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01';
const MSI =
  'msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2026-05-31/ManagedIdentity.json';
const KEY_VAULT =
  'keyvault/resource-manager/Microsoft.KeyVault/KeyVault/stable/2026-04-01/openapi.json';
const PRIVATE_DNS =
  'privatedns/resource-manager/Microsoft.Network/PrivateDns/stable/2024-06-01/privatedns.json';
const MONITOR = 'monitor/resource-manager/Microsoft.Insights/Insights';

export interface ResponseSpec {
  file: string;
  definition: string;
}

/** Resource type (lower case), spec file, definition of its GET body. */
const RESPONSE_SPECS: Array<[string, string, string]> = [
  [
    'microsoft.containerservice/managedclusters',
    'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json',
    'ManagedCluster',
  ],
  [
    'microsoft.containerservice/managedclusters/maintenanceconfigurations',
    'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json',
    'MaintenanceConfiguration',
  ],
  ['microsoft.managedidentity/userassignedidentities', MSI, 'Identity'],
  [
    'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials',
    MSI,
    'FederatedIdentityCredential',
  ],
  [
    'microsoft.network/virtualnetworks',
    `${NETWORK}/virtualNetwork.json`,
    'VirtualNetwork',
  ],
  [
    'microsoft.network/virtualnetworks/virtualnetworkpeerings',
    `${NETWORK}/virtualNetwork.json`,
    'VirtualNetworkPeering',
  ],
  [
    'microsoft.network/routetables',
    `${NETWORK}/virtualNetwork.json`,
    'RouteTable',
  ],
  [
    'microsoft.network/networksecuritygroups',
    `${NETWORK}/virtualNetwork.json`,
    'NetworkSecurityGroup',
  ],
  [
    'microsoft.network/privateendpoints',
    `${NETWORK}/virtualNetwork.json`,
    'PrivateEndpoint',
  ],
  [
    'microsoft.network/privateendpoints/privatednszonegroups',
    `${NETWORK}/virtualNetwork.json`,
    'PrivateDnsZoneGroup',
  ],
  [
    'microsoft.network/publicipaddresses',
    `${NETWORK}/virtualNetwork.json`,
    'PublicIPAddress',
  ],
  ['microsoft.network/ipgroups', `${NETWORK}/virtualNetwork.json`, 'IpGroup'],
  [
    'microsoft.network/applicationgateways',
    `${NETWORK}/applicationGateway.json`,
    'ApplicationGateway',
  ],
  [
    'microsoft.network/applicationgatewaywebapplicationfirewallpolicies',
    `${NETWORK}/applicationGateway.json`,
    'WebApplicationFirewallPolicy',
  ],
  [
    'microsoft.network/azurefirewalls',
    `${NETWORK}/firewall.json`,
    'AzureFirewall',
  ],
  [
    'microsoft.network/firewallpolicies',
    `${NETWORK}/firewallPolicy.json`,
    'FirewallPolicy',
  ],
  [
    'microsoft.network/firewallpolicies/rulecollectiongroups',
    `${NETWORK}/firewallPolicy.json`,
    'FirewallPolicyRuleCollectionGroup',
  ],
  ['microsoft.network/privatednszones', PRIVATE_DNS, 'PrivateZone'],
  [
    'microsoft.network/privatednszones/virtualnetworklinks',
    PRIVATE_DNS,
    'VirtualNetworkLink',
  ],
  ['microsoft.keyvault/vaults', KEY_VAULT, 'Vault'],
  ['microsoft.keyvault/vaults/secrets', KEY_VAULT, 'Secret'],
  [
    'microsoft.authorization/roleassignments',
    'authorization/resource-manager/Microsoft.Authorization/Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json',
    'RoleAssignment',
  ],
  [
    'microsoft.authorization/policyassignments',
    'resources/resource-manager/Microsoft.Authorization/policy/stable/2025-11-01/openapi.json',
    'PolicyAssignment',
  ],
  [
    'microsoft.kubernetesconfiguration/extensions',
    'kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/extensions/stable/2025-03-01/extensions.json',
    'Extension',
  ],
  [
    'microsoft.kubernetesconfiguration/fluxconfigurations',
    'kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/fluxConfigurations/stable/2025-04-01/fluxconfiguration.json',
    'FluxConfiguration',
  ],
  [
    'microsoft.containerregistry/registries',
    'containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/stable/2025-11-01/containerregistry.json',
    'Registry',
  ],
  [
    'microsoft.operationalinsights/workspaces',
    'operationalinsights/resource-manager/Microsoft.OperationalInsights/OperationalInsights/stable/2026-03-01/openapi.json',
    'Workspace',
  ],
  [
    'microsoft.insights/datacollectionrules',
    `${MONITOR}/stable/2024-03-11/dataCollectionRules_API.json`,
    'DataCollectionRuleResource',
  ],
  [
    'microsoft.insights/datacollectionruleassociations',
    `${MONITOR}/stable/2024-03-11/dataCollectionRuleAssociations_API.json`,
    'DataCollectionRuleAssociationProxyOnlyResource',
  ],
  [
    'microsoft.insights/diagnosticsettings',
    `${MONITOR}/preview/2021-05-01-preview/diagnosticsSettings_API.json`,
    'DiagnosticSettingsResource',
  ],
];

/** Resource type (lower case) -> the definition of its GET body. */
export const RESPONSE_SPEC_OF_TYPE: Record<string, ResponseSpec> =
  Object.fromEntries(
    RESPONSE_SPECS.map(([type, file, definition]) => [
      type,
      { file, definition },
    ]),
  );

/**
 * Validates one GET body strictly against its type's definition; a type
 * without a specification here is an error, never a pass.
 */
export function validateArmResponse(resource: { id?: string; type?: string }): {
  valid: boolean;
  errors: string[];
} {
  const type = resource.type ?? typeOfId(resource.id ?? '');
  const spec = RESPONSE_SPEC_OF_TYPE[type.toLowerCase()];
  if (!spec) {
    return {
      valid: false,
      errors: [`no specification for ${type} (${resource.id})`],
    };
  }
  return strictArmResponseSchemas().validate(
    spec.file,
    spec.definition,
    resource,
  );
}

/** The type an id names (for bodies whose specification has no `type` field). */
function typeOfId(id: string): string {
  const [namespace, ...rest] = id.split('/providers/').pop()!.split('/');
  return [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/');
}
