import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  extensionResourceId,
  extensionScope,
  referenceProperty,
  resourceGroupGuidCall,
  resourceId,
} from './expressions';
import { PrivateLinkTarget } from './privateLink';
import { builtInRoleDefinitionId } from './roleAssignments';

/**
 * The stamp's private registry: every image in cluster-manifests/ is pulled
 * from it, so the nodes need no route to a public registry. As the
 * reference's `workload-team/acr-stamp.bicep`: Premium (the SKU with
 * Private Link), public network access disabled and a network rule set that
 * denies by default, admin user off (Entra ID and AcrPull only), dedicated
 * data endpoints, zone redundancy where the region has zones, trusted Azure
 * services allowed past the network rules (`az acr import` runs as one),
 * untagged manifests purged after 15 days. Differences:
 * - anonymous pull is set off explicitly (the reference relies on the
 *   default and on a policy assignment);
 * - exports are disabled (`exportPolicy`), which Azure allows only with
 *   public network access disabled: no artifact leaves by export;
 * - no geo-replica: a second region is the platform team's choice and needs
 *   its own private endpoint in that region's spoke;
 * - no Azure Policy assignments (the reference's "no admin account", "no
 *   anonymous access"): they belong to the subscription's governance, not to
 *   one cluster's stamp; the settings they enforce are literal here;
 * - no diagnostic settings: no workspace is required by this template.
 */
export function containerRegistry(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.containerRegistry,
    apiVersion: API_VERSIONS.containerRegistry,
    name: names.registry.name,
    location: spec.location,
    tags,
    sku: { name: 'Premium' },
    properties: {
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: 'Disabled',
      networkRuleSet: { defaultAction: 'Deny', ipRules: [] },
      networkRuleBypassOptions: 'AzureServices',
      dataEndpointEnabled: true,
      zoneRedundancy: spec.availabilityZones.length ? 'Enabled' : 'Disabled',
      policies: {
        retentionPolicy: { days: 15, status: 'enabled' },
        exportPolicy: { status: 'disabled' },
      },
    },
  };
}

/** The registry's private endpoint (`registry`: login server and data endpoints) and DNS zone. */
export function registryPrivateLink(names: ClusterNames): PrivateLinkTarget {
  return {
    type: RESOURCE_TYPES.containerRegistry,
    name: names.registry.name,
    groupId: 'registry',
    endpointName: names.registry.privateEndpoint,
    zone: names.registry.privateDnsZone,
    linkName: names.registry.dnsLink,
  };
}

const registryTarget = (names: ClusterNames) => ({
  type: RESOURCE_TYPES.containerRegistry,
  name: names.registry.name,
});

/** ARM derives the assignment's name: stable across redeployments. */
function acrPullGuid(spec: ClusterSpec, names: ClusterNames): string {
  return resourceGroupGuidCall(
    spec.clusterName,
    'acrPull',
    names.registry.name,
  );
}

/**
 * AcrPull on the registry for the cluster's kubelet identity (the identity
 * the nodes pull images with), which AKS creates with the cluster: its
 * object id is read from the cluster after creation.
 */
export function acrPullAssignment(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.roleAssignment,
    apiVersion: API_VERSIONS.authorization,
    name: `[${acrPullGuid(spec, names)}]`,
    scope: extensionScope(registryTarget(names)),
    dependsOn: [
      resourceId(RESOURCE_TYPES.containerRegistry, names.registry.name),
      resourceId(RESOURCE_TYPES.managedCluster, spec.clusterName),
    ],
    properties: {
      roleDefinitionId: builtInRoleDefinitionId('acrPull'),
      principalId: referenceProperty(
        RESOURCE_TYPES.managedCluster,
        API_VERSIONS.containerService,
        [spec.clusterName],
        'identityProfile.kubeletidentity.objectId',
      ),
      principalType: 'ServicePrincipal',
      description:
        "The cluster's kubelet identity pulls the stamp's images from its private registry",
    },
  };
}

/** The AcrPull assignment's full id, for `dependsOn`. */
export function acrPullAssignmentId(
  spec: ClusterSpec,
  names: ClusterNames,
): string {
  return extensionResourceId(
    registryTarget(names),
    RESOURCE_TYPES.roleAssignment,
    { expression: acrPullGuid(spec, names) },
  );
}
