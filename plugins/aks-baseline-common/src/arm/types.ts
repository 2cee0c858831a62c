/**
 * ARM resources as the control evaluator receives them.
 *
 * Three producers feed the same types: ARM GET responses (REST shape, settings
 * under `properties`, full resource ids), ARM template resources (REST shape
 * too, but often without `id`, with template expressions such as
 * `[resourceId(...)]` in references) and Azure SDK models (the same settings
 * flattened onto the object, without `properties`). The types therefore only
 * name the envelope; settings are read through `readArm`, which looks in both
 * places and ignores key case (ARM treats keys case-insensitively, and the SDK
 * renames a few, e.g. `enableAzureRBAC` -> `enableAzureRbac`).
 */

/** A reference to another resource or sub-resource: `{ id }`. @public */
export interface ArmReference {
  id?: string;
}

/** The envelope every ARM resource and sub-resource shares. @public */
export interface ArmResource {
  /** Full ARM id (`/subscriptions/...`); template resources usually lack it. */
  id?: string;
  name?: string;
  type?: string;
  location?: string;
  /** Settings in REST shape; absent on SDK models, which flatten them. */
  properties?: Record<string, unknown>;
  sku?: { name?: string; tier?: string };
  tags?: Record<string, string>;
  [setting: string]: unknown;
}

/** `Microsoft.ContainerService/managedClusters`. @public */
export type ArmManagedCluster = ArmResource;
/** `Microsoft.Network/applicationGateways`. @public */
export type ArmApplicationGateway = ArmResource;
/** `Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies`. @public */
export type ArmWafPolicy = ArmResource;
/** `Microsoft.Network/virtualNetworks` (its `subnets` are read too). @public */
export type ArmVirtualNetwork = ArmResource;
/** `Microsoft.Network/virtualNetworks/subnets`. @public */
export type ArmSubnet = ArmResource;
/** `Microsoft.Network/routeTables`. @public */
export type ArmRouteTable = ArmResource;
/** `Microsoft.Network/azureFirewalls`. @public */
export type ArmAzureFirewall = ArmResource;
/** `Microsoft.Network/firewallPolicies`. @public */
export type ArmFirewallPolicy = ArmResource;
/** `Microsoft.KeyVault/vaults`. @public */
export type ArmKeyVault = ArmResource;
/** `Microsoft.Network/privateEndpoints`. @public */
export type ArmPrivateEndpoint = ArmResource;
/** `Microsoft.ManagedIdentity/userAssignedIdentities`. @public */
export type ArmUserAssignedIdentity = ArmResource;
/** `Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`. @public */
export type ArmFederatedIdentityCredential = ArmResource;
/** `Microsoft.ContainerRegistry/registries`. @public */
export type ArmContainerRegistry = ArmResource;
/** `Microsoft.Authorization/policyAssignments`. @public */
export type ArmPolicyAssignment = ArmResource;
