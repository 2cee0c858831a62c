import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  extensionResourceId,
  extensionScope,
  literal,
  referenceProperty,
  resourceGroupGuidCall,
  resourceId,
} from './expressions';

/** Built-in role definition ids (the same in every tenant). */
export const BUILT_IN_ROLES = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
  // Microsoft Learn, "Azure built-in roles for Containers": AcrPull.
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  // The same page (and the reference's cluster-stamp.bicep): Azure
  // Kubernetes Service RBAC Cluster Admin, and Azure Kubernetes Service
  // Cluster User Role (lists the cluster's user credential, so kubectl
  // can reach it at all).
  aksRbacClusterAdmin: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
  aksClusterUser: '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
} as const;

/** `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', <id>)]` */
export function builtInRoleDefinitionId(role: keyof typeof BUILT_IN_ROLES) {
  return `[subscriptionResourceId(${literal(
    RESOURCE_TYPES.roleDefinition,
  )}, ${literal(BUILT_IN_ROLES[role])})]`;
}

export interface RoleGrant {
  /** The user-assigned identity receiving the role. */
  identity: string;
  role: keyof typeof BUILT_IN_ROLES;
  /** The resource the role is granted on (type and name in this resource group). */
  scope: { type: string; name: string };
  /** Why, for people reading the assignment in the portal. */
  description: string;
}

/**
 * The grants the baseline needs, and nothing wider: App Gateway and Traefik
 * read secrets of the one vault (App Gateway's certificate access fails
 * with ApplicationGatewayKeyVaultSecretAccessDenied otherwise), and the
 * cluster's control plane manages its load balancers in the spoke and reads
 * the node subnet's route table.
 */
export function roleGrants(
  spec: ClusterSpec,
  names: ClusterNames,
): RoleGrant[] {
  const vault = { type: RESOURCE_TYPES.keyVault, name: spec.keyVault.name };
  return [
    {
      identity: names.identities.appGateway,
      role: 'keyVaultSecretsUser',
      scope: vault,
      description:
        "App Gateway reads its listener certificate and Traefik's trusted root",
    },
    {
      identity: names.identities.traefik,
      role: 'keyVaultSecretsUser',
      scope: vault,
      description:
        'Traefik reads its ingress certificate through the CSI driver',
    },
    {
      identity: names.identities.controlPlane,
      role: 'networkContributor',
      scope: { type: RESOURCE_TYPES.vnet, name: names.vnet },
      description:
        "AKS joins the node subnet and places Traefik's internal load balancer in the ingress subnet",
    },
    {
      identity: names.identities.controlPlane,
      role: 'networkContributor',
      scope: { type: RESOURCE_TYPES.routeTable, name: names.routeTable },
      description:
        "AKS checks the node subnet's route table (user-defined routing)",
    },
  ];
}

/** The assignment's name: a GUID ARM derives, stable across redeployments. */
function assignmentGuid(grant: RoleGrant): string {
  return resourceGroupGuidCall(grant.identity, grant.role, grant.scope.name);
}

export function roleAssignment(grant: RoleGrant): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.roleAssignment,
    apiVersion: API_VERSIONS.authorization,
    name: `[${assignmentGuid(grant)}]`,
    // An extension resource: the scope is the target, relative to the group.
    scope: extensionScope(grant.scope),
    dependsOn: [
      resourceId(RESOURCE_TYPES.identity, grant.identity),
      resourceId(grant.scope.type, grant.scope.name),
    ],
    properties: {
      roleDefinitionId: builtInRoleDefinitionId(grant.role),
      principalId: referenceProperty(
        RESOURCE_TYPES.identity,
        API_VERSIONS.managedIdentity,
        [grant.identity],
        'principalId',
      ),
      // Skips the directory lookup that fails for a just-created identity.
      principalType: 'ServicePrincipal',
      description: grant.description,
    },
  };
}

/** The assignment's full id, for `dependsOn`. */
export function roleAssignmentId(grant: RoleGrant): string {
  return extensionResourceId(grant.scope, RESOURCE_TYPES.roleAssignment, {
    expression: assignmentGuid(grant),
  });
}

/** The roles the admin group holds on the cluster, with Azure RBAC for Kubernetes. */
const ADMIN_GROUP_ROLES = [
  {
    role: 'aksRbacClusterAdmin',
    description: 'Members of this group are cluster admins of this cluster.',
  },
  {
    role: 'aksClusterUser',
    description:
      "Members of this group may list this cluster's user credential (kubectl through Entra ID).",
  },
] as const;

/**
 * The Entra admin group's role assignments on the cluster, as the
 * reference grants them: with Azure RBAC for Kubernetes authorization
 * (SEC-04), what the group may do in the cluster is an Azure role on it.
 * The group also stays in `aadProfile.adminGroupObjectIDs`, as before
 * (the reference empties it under Azure RBAC): AKS binds it to
 * cluster-admin, which the Cluster Admin role grants already, so it adds
 * no access; it keeps the group AKS's named admin group.
 */
export function adminGroupRoleAssignments(
  spec: ClusterSpec,
): ArmTemplateResource[] {
  const cluster = {
    type: RESOURCE_TYPES.managedCluster,
    name: spec.clusterName,
  };
  return ADMIN_GROUP_ROLES.map(({ role, description }) => ({
    type: RESOURCE_TYPES.roleAssignment,
    apiVersion: API_VERSIONS.authorization,
    name: `[${resourceGroupGuidCall(
      'admin-group',
      role,
      spec.clusterName,
      spec.entra.adminGroupObjectId,
    )}]`,
    scope: extensionScope(cluster),
    dependsOn: [resourceId(cluster.type, cluster.name)],
    properties: {
      roleDefinitionId: builtInRoleDefinitionId(role),
      principalId: spec.entra.adminGroupObjectId,
      principalType: 'Group',
      description,
    },
  }));
}
