import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  referenceProperty,
  resourceId,
} from './expressions';

/** Token audience Entra ID issues workload identity tokens for. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * A user-assigned managed identity. Three exist: the cluster's control plane
 * (it joins the spoke's subnets, so it must exist and hold its role before
 * the cluster does), App Gateway's (reads its certificates from Key Vault)
 * and Traefik's (reads the ingress certificate through workload identity).
 */
export function userAssignedIdentity(
  spec: ClusterSpec,
  name: string,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.identity,
    apiVersion: API_VERSIONS.managedIdentity,
    name,
    location: spec.location,
    tags,
  };
}

/**
 * Federates Traefik's identity with its Kubernetes service account (K8S-08):
 * tokens the cluster's OIDC issuer signs for
 * `system:serviceaccount:<namespace>:<account>` are exchanged for Entra ID
 * tokens of the identity. The issuer URL exists only once the cluster does.
 */
export function traefikFederatedCredential(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  const cluster = [RESOURCE_TYPES.managedCluster, spec.clusterName] as const;
  return {
    type: RESOURCE_TYPES.federatedCredential,
    apiVersion: API_VERSIONS.managedIdentity,
    name: `${names.identities.traefik}/${names.federatedCredential}`,
    dependsOn: [
      resourceId(RESOURCE_TYPES.identity, names.identities.traefik),
      resourceId(...cluster),
    ],
    properties: {
      issuer: referenceProperty(
        cluster[0],
        API_VERSIONS.containerService,
        [cluster[1]],
        'oidcIssuerProfile.issuerURL',
      ),
      subject: traefikServiceAccountSubject(spec, names),
      audiences: [WORKLOAD_IDENTITY_AUDIENCE],
    },
  };
}

export function traefikServiceAccountSubject(
  spec: ClusterSpec,
  names: ClusterNames,
): string {
  return `system:serviceaccount:${spec.traefik.namespace}:${names.traefik.serviceAccount}`;
}
