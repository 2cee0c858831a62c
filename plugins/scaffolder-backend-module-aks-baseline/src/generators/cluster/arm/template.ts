import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { KUBERNETES_VERSION_PARAMETER, managedCluster } from './aksCluster';
import { GATEWAY_CLUSTER_TAG, applicationGateway } from './appGateway';
import { appGatewayPublicIp, wafPolicy } from './edge';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  referenceProperty,
  resourceId,
} from './expressions';
import { traefikFederatedCredential, userAssignedIdentity } from './identities';
import {
  certificateParameters,
  certificateSecret,
  expiryCommand,
  keyVault,
  keyVaultPrivateLink,
} from './keyVault';
import {
  acrPullAssignment,
  containerRegistry,
  registryPrivateLink,
} from './containerRegistry';
import { fluxConfiguration, fluxExtension } from './gitops';
import { hubPeeringResources } from './hubPeering';
import { policyAssignments } from './policyAssignments';
import { logAnalyticsWorkspace, monitoringResources } from './diagnostics';
import { privateLinkResources } from './privateLink';
import {
  appGatewayNsg,
  defaultRulesNsg,
  egressRouteTable,
  ingressNsg,
  spokeVirtualNetwork,
} from './network';
import { maintenanceConfigurations } from './maintenance';
import {
  adminGroupRoleAssignments,
  roleAssignment,
  roleGrants,
} from './roleAssignments';

export const DEPLOYMENT_TEMPLATE_SCHEMA =
  'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const DEPLOYMENT_PARAMETERS_SCHEMA =
  'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

export interface TemplateParameter {
  type: 'string' | 'securestring' | 'int';
  /** Absent: the deployment must be given the value. */
  defaultValue?: string;
  minValue?: number;
  metadata: { description: string };
}

export interface ArmDeploymentTemplate {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, TemplateParameter>;
  resources: ArmTemplateResource[];
  outputs: Record<string, { type: 'string'; value: string }>;
}

/** Tags on every resource: the dashboard finds the gateway of a cluster by the first. */
export function baseTags(spec: ClusterSpec): Record<string, string> {
  return {
    [GATEWAY_CLUSTER_TAG]: spec.clusterName,
    'aks-baseline.io/generated-by': 'backstage-aks-baseline',
  };
}

/**
 * The whole cluster deployment: resources in reading order (ARM orders
 * them by `dependsOn`). Every setting a baseline control judges is a
 * literal; the parameters are the Kubernetes version and the certificate
 * material, which never lives in the repository.
 */
export function clusterTemplate(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmDeploymentTemplate {
  const tags = baseTags(spec);
  const certificates = certificateParameters(spec);
  const parameters: Record<string, TemplateParameter> = {
    [KUBERNETES_VERSION_PARAMETER]: {
      type: 'string',
      defaultValue: spec.kubernetesVersion,
      metadata: {
        description:
          'Kubernetes version of the control plane and both node pools (1.<minor> or 1.<minor>.<patch>).',
      },
    },
  };
  for (const certificate of certificates) {
    parameters[certificate.parameter] = {
      type: 'securestring',
      defaultValue: '',
      metadata: { description: certificate.description },
    };
  }
  for (const certificate of certificates) {
    parameters[certificate.expiryParameter] = {
      type: 'int',
      minValue: 1,
      metadata: {
        description: `Not-after of the certificate in ${
          certificate.parameter
        } (the secret's expiry, which the dashboard shows), in seconds since 1970-01-01 UTC: ${expiryCommand(
          certificate.certificateFile,
        )}`,
      },
    };
  }

  const resources: ArmTemplateResource[] = [
    ...logAnalyticsWorkspace(spec, names, tags),
    userAssignedIdentity(spec, names.identities.controlPlane, tags),
    userAssignedIdentity(spec, names.identities.appGateway, tags),
    userAssignedIdentity(spec, names.identities.traefik, tags),
    defaultRulesNsg(spec, names.nsgs.nodes, tags),
    ingressNsg(spec, names, tags),
    appGatewayNsg(spec, names, tags),
    defaultRulesNsg(spec, names.nsgs.privateEndpoints, tags),
    egressRouteTable(spec, names, tags),
    spokeVirtualNetwork(spec, names, tags),
    ...hubPeeringResources(spec, names),
    keyVault(spec, tags),
    ...certificates.map(certificate => certificateSecret(spec, certificate)),
    ...privateLinkResources(
      spec,
      names,
      keyVaultPrivateLink(spec, names),
      tags,
    ),
    containerRegistry(spec, names, tags),
    ...privateLinkResources(spec, names, registryPrivateLink(names), tags),
    ...roleGrants(spec, names).map(roleAssignment),
    appGatewayPublicIp(spec, names, tags),
    wafPolicy(spec, names, tags),
    applicationGateway(spec, names, tags),
    managedCluster(spec, names, tags),
    ...maintenanceConfigurations(spec),
    ...adminGroupRoleAssignments(spec),
    traefikFederatedCredential(spec, names),
    acrPullAssignment(spec, names),
    fluxExtension(spec, names),
    fluxConfiguration(spec, names),
    ...policyAssignments(spec, names),
    ...monitoringResources(spec, names, tags),
  ];

  return {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters,
    resources,
    outputs: clusterOutputs(spec, names),
  };
}

/** What the README's next steps need after `az deployment group create`. */
function clusterOutputs(spec: ClusterSpec, names: ClusterNames) {
  const output = (value: string) => ({ type: 'string' as const, value });
  return {
    clusterResourceId: output(
      resourceId(RESOURCE_TYPES.managedCluster, spec.clusterName),
    ),
    oidcIssuerUrl: output(
      referenceProperty(
        RESOURCE_TYPES.managedCluster,
        API_VERSIONS.containerService,
        [spec.clusterName],
        'oidcIssuerProfile.issuerURL',
      ),
    ),
    traefikIdentityClientId: output(
      referenceProperty(
        RESOURCE_TYPES.identity,
        API_VERSIONS.managedIdentity,
        [names.identities.traefik],
        'clientId',
      ),
    ),
    appGatewayPublicIp: output(
      referenceProperty(
        RESOURCE_TYPES.publicIp,
        API_VERSIONS.network,
        [names.publicIp],
        'ipAddress',
      ),
    ),
  };
}

/** A parameter value, or a reference ARM resolves from a vault at deployment time. */
export type ParameterValue =
  | { value: string | number }
  | { reference: { keyVault: { id: string }; secretName: string } };

/**
 * The parameters file: the Kubernetes version; when a certificate source
 * vault is given, Key Vault references to the three certificates in it (ARM
 * reads them during the deployment; the file holds no secret); and the
 * certificates' expiries the action was given. Expiries are plain ints (a
 * Key Vault reference yields only strings), so without them the deployment
 * needs `-p <name>=...` (README).
 */
export function clusterTemplateParameters(spec: ClusterSpec) {
  const parameters: Record<string, ParameterValue> = {
    [KUBERNETES_VERSION_PARAMETER]: { value: spec.kubernetesVersion },
  };
  const source = spec.keyVault.certificateSourceVaultId;
  if (source) {
    for (const certificate of certificateParameters(spec)) {
      parameters[certificate.parameter] = {
        reference: {
          keyVault: { id: source },
          secretName: certificate.secretName,
        },
      };
    }
  }
  for (const certificate of certificateParameters(spec)) {
    if (certificate.expiresOn !== undefined) {
      parameters[certificate.expiryParameter] = {
        value: certificate.expiresOn,
      };
    }
  }
  return {
    $schema: DEPLOYMENT_PARAMETERS_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters,
  };
}
