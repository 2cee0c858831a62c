/**
 * The few ARM template expressions the cluster template needs, built in one
 * place. Everything the control evaluator judges is written as a literal;
 * expressions are left only where ARM must compute the value (references
 * between resources of the same deployment, ids known after creation).
 *
 * Names reaching here passed validation (no quotes), but literals are still
 * escaped the way ARM escapes them (a quote is doubled).
 */

/**
 * The api-version of each resource type: the versions of Microsoft's REST
 * specifications the tests validate against (shared/azure-specs).
 */
export const API_VERSIONS = {
  containerService: '2026-10-01',
  network: '2026-07-01',
  keyVault: '2026-04-01',
  managedIdentity: '2026-05-31',
  authorization: '2022-04-01',
  privateDns: '2024-06-01',
  kubernetesExtensions: '2025-03-01',
  fluxConfigurations: '2025-04-01',
  containerRegistry: '2025-11-01',
  policy: '2025-11-01',
  // The only diagnosticSettings api-version with a spec (no stable one exists).
  diagnosticSettings: '2021-05-01-preview',
  dataCollectionRules: '2024-03-11',
  operationalInsights: '2026-03-01',
  deployments: '2025-04-01',
} as const;

export const RESOURCE_TYPES = {
  managedCluster: 'Microsoft.ContainerService/managedClusters',
  maintenanceConfiguration:
    'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  federatedCredential:
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
  vnet: 'Microsoft.Network/virtualNetworks',
  subnet: 'Microsoft.Network/virtualNetworks/subnets',
  vnetPeering: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
  deployment: 'Microsoft.Resources/deployments',
  routeTable: 'Microsoft.Network/routeTables',
  nsg: 'Microsoft.Network/networkSecurityGroups',
  publicIp: 'Microsoft.Network/publicIPAddresses',
  appGateway: 'Microsoft.Network/applicationGateways',
  wafPolicy:
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  privateEndpoint: 'Microsoft.Network/privateEndpoints',
  privateDnsZoneGroup:
    'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
  privateDnsZone: 'Microsoft.Network/privateDnsZones',
  privateDnsZoneLink: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  keyVault: 'Microsoft.KeyVault/vaults',
  keyVaultSecret: 'Microsoft.KeyVault/vaults/secrets',
  roleAssignment: 'Microsoft.Authorization/roleAssignments',
  roleDefinition: 'Microsoft.Authorization/roleDefinitions',
  ipGroup: 'Microsoft.Network/ipGroups',
  firewallRuleCollectionGroup:
    'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
  clusterExtension: 'Microsoft.KubernetesConfiguration/extensions',
  fluxConfiguration: 'Microsoft.KubernetesConfiguration/fluxConfigurations',
  containerRegistry: 'Microsoft.ContainerRegistry/registries',
  policyAssignment: 'Microsoft.Authorization/policyAssignments',
  logAnalyticsWorkspace: 'Microsoft.OperationalInsights/workspaces',
  diagnosticSetting: 'Microsoft.Insights/diagnosticSettings',
  dataCollectionRule: 'Microsoft.Insights/dataCollectionRules',
  dataCollectionRuleAssociation:
    'Microsoft.Insights/dataCollectionRuleAssociations',
} as const;

/** A resource as an ARM template declares it. */
export interface ArmTemplateResource {
  type: string;
  apiVersion: string;
  name: string;
  location?: string;
  condition?: string;
  scope?: string;
  dependsOn?: string[];
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An ARM string literal inside an expression. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `guid(resourceGroup().id, 'part', ...)` without the brackets: a name ARM
 * derives (role assignments), stable for this resource group and these parts.
 */
export function resourceGroupGuidCall(...parts: string[]): string {
  return `guid(${['resourceGroup().id', ...parts.map(literal)].join(', ')})`;
}

/** `resourceId(type, names...)` without the brackets, to nest in other expressions. */
export function resourceIdCall(type: string, ...names: string[]): string {
  return `resourceId(${[type, ...names].map(literal).join(', ')})`;
}

/**
 * `[resourceId(subscriptionId, resourceGroup, type, names...)]`: the id of a
 * resource in another resource group (a nested deployment scoped there).
 */
export function resourceIdIn(
  scope: { subscriptionId: string; resourceGroup: string },
  type: string,
  ...names: string[]
): string {
  return `[resourceId(${[
    scope.subscriptionId,
    scope.resourceGroup,
    type,
    ...names,
  ]
    .map(literal)
    .join(', ')})]`;
}

/** `[resourceId(...)]`: the id of a resource of this deployment's resource group. */
export function resourceId(type: string, ...names: string[]): string {
  return `[${resourceIdCall(type, ...names)}]`;
}

/**
 * `[extensionResourceId(resourceId(target...), type, name)]`: the id of an
 * extension resource (a role assignment, a cluster extension) on a resource
 * of this group. `name` is an expression (no quotes) or, by default, a literal.
 */
export function extensionResourceId(
  target: { type: string; name: string },
  type: string,
  name: { literal: string } | { expression: string },
): string {
  const nameArgument =
    'literal' in name ? literal(name.literal) : name.expression;
  return `[extensionResourceId(${resourceIdCall(
    target.type,
    target.name,
  )}, ${literal(type)}, ${nameArgument})]`;
}

/** The `scope` of an extension resource on a resource of this group: `<type>/<name>`. */
export function extensionScope(target: { type: string; name: string }) {
  return `${target.type}/${target.name}`;
}

/** `{ id: [resourceId(...)] }`, the shape ARM references take. */
export function ref(type: string, ...names: string[]): { id: string } {
  return { id: resourceId(type, ...names) };
}

/** A property of a resource known after it is created, e.g. an identity's principalId. */
export function referenceProperty(
  type: string,
  apiVersion: string,
  names: string[],
  path: string,
): string {
  return `[reference(${resourceIdCall(type, ...names)}, ${literal(
    apiVersion,
  )}).${path}]`;
}

export function parameter(name: string): string {
  return `[parameters(${literal(name)})]`;
}
