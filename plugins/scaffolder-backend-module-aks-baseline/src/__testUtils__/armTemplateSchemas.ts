import { strictArmSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/**
 * Validates the resources of an ARM deployment template, each against the
 * Microsoft REST specification of its type at the api-version the template
 * names (shared/azure-specs), strictly. Test-only.
 */

const NETWORK =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01';
const PRIVATE_DNS =
  'privatedns/resource-manager/Microsoft.Network/PrivateDns/stable/2024-06-01';
const MONITOR = 'monitor/resource-manager/Microsoft.Insights/Insights';
const KUBERNETES_CONFIGURATION =
  'kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration';

interface SpecLocation {
  file: string;
  definition: string;
}

/** Resource type (lower case) -> where its request body is specified. */
export const SPEC_OF_TYPE: Record<string, SpecLocation> = {
  'microsoft.containerservice/managedclusters': {
    file: 'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json',
    definition: 'ManagedCluster',
  },
  'microsoft.containerservice/managedclusters/maintenanceconfigurations': {
    file: 'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-10-01/managedClusters.json',
    definition: 'MaintenanceConfiguration',
  },
  'microsoft.managedidentity/userassignedidentities': {
    file: 'msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2026-05-31/ManagedIdentity.json',
    definition: 'Identity',
  },
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials':
    {
      file: 'msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2026-05-31/ManagedIdentity.json',
      definition: 'FederatedIdentityCredential',
    },
  'microsoft.network/virtualnetworks': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'VirtualNetwork',
  },
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'VirtualNetworkPeering',
  },
  'microsoft.network/routetables': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'RouteTable',
  },
  'microsoft.network/networksecuritygroups': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'NetworkSecurityGroup',
  },
  'microsoft.network/privateendpoints': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'PrivateEndpoint',
  },
  'microsoft.network/privateendpoints/privatednszonegroups': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'PrivateDnsZoneGroup',
  },
  'microsoft.network/publicipaddresses': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'PublicIPAddress',
  },
  'microsoft.network/applicationgateways': {
    file: `${NETWORK}/applicationGateway.json`,
    definition: 'ApplicationGateway',
  },
  'microsoft.network/applicationgatewaywebapplicationfirewallpolicies': {
    file: `${NETWORK}/applicationGateway.json`,
    definition: 'WebApplicationFirewallPolicy',
  },
  'microsoft.network/ipgroups': {
    file: `${NETWORK}/virtualNetwork.json`,
    definition: 'IpGroup',
  },
  'microsoft.network/firewallpolicies/rulecollectiongroups': {
    file: `${NETWORK}/firewallPolicy.json`,
    definition: 'FirewallPolicyRuleCollectionGroup',
  },
  'microsoft.network/privatednszones': {
    file: `${PRIVATE_DNS}/privatedns.json`,
    definition: 'PrivateZone',
  },
  'microsoft.network/privatednszones/virtualnetworklinks': {
    file: `${PRIVATE_DNS}/privatedns.json`,
    definition: 'VirtualNetworkLink',
  },
  'microsoft.keyvault/vaults': {
    file: 'keyvault/resource-manager/Microsoft.KeyVault/KeyVault/stable/2026-04-01/openapi.json',
    definition: 'VaultCreateOrUpdateParameters',
  },
  'microsoft.keyvault/vaults/secrets': {
    file: 'keyvault/resource-manager/Microsoft.KeyVault/KeyVault/stable/2026-04-01/openapi.json',
    definition: 'SecretCreateOrUpdateParameters',
  },
  'microsoft.authorization/roleassignments': {
    file: 'authorization/resource-manager/Microsoft.Authorization/Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json',
    definition: 'RoleAssignmentCreateParameters',
  },
  'microsoft.authorization/policyassignments': {
    file: 'resources/resource-manager/Microsoft.Authorization/policy/stable/2025-11-01/openapi.json',
    definition: 'PolicyAssignment',
  },
  'microsoft.containerregistry/registries': {
    file: 'containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/stable/2025-11-01/containerregistry.json',
    definition: 'Registry',
  },
  'microsoft.kubernetesconfiguration/extensions': {
    file: `${KUBERNETES_CONFIGURATION}/extensions/stable/2025-03-01/extensions.json`,
    definition: 'Extension',
  },
  'microsoft.kubernetesconfiguration/fluxconfigurations': {
    file: `${KUBERNETES_CONFIGURATION}/fluxConfigurations/stable/2025-04-01/fluxconfiguration.json`,
    definition: 'FluxConfiguration',
  },
  'microsoft.operationalinsights/workspaces': {
    file: 'operationalinsights/resource-manager/Microsoft.OperationalInsights/OperationalInsights/stable/2026-03-01/openapi.json',
    definition: 'Workspace',
  },
  // No stable version of diagnosticSettings exists upstream.
  'microsoft.insights/diagnosticsettings': {
    file: `${MONITOR}/preview/2021-05-01-preview/diagnosticsSettings_API.json`,
    definition: 'DiagnosticSettingsResource',
  },
  'microsoft.insights/datacollectionrules': {
    file: `${MONITOR}/stable/2024-03-11/dataCollectionRules_API.json`,
    definition: 'DataCollectionRuleResource',
  },
  'microsoft.insights/datacollectionruleassociations': {
    file: `${MONITOR}/stable/2024-03-11/dataCollectionRuleAssociations_API.json`,
    definition: 'DataCollectionRuleAssociationProxyOnlyResource',
  },
};

/**
 * Nested deployments (`Microsoft.Resources/deployments` with an inline
 * template): shared/azure-specs holds no specification of the deployment
 * body itself, so what is validated is every resource of its template,
 * each against its own spec, with the deployment's parameter values.
 */
export const NESTED_DEPLOYMENT_TYPE = 'microsoft.resources/deployments';

/** The api-version a spec file describes: its `stable/<version>/` (or `preview/<version>/`) folder. */
export function specApiVersion(location: SpecLocation): string {
  return /\/(?:stable|preview)\/([^/]+)\//.exec(location.file)![1];
}

/** Template-only keys, and the name and type ARM takes from the request path. */
const ENVELOPE = [
  'apiVersion',
  'dependsOn',
  'condition',
  'copy',
  'comments',
  'scope',
  'name',
  'type',
];

export interface ResourceValidation {
  resource: string;
  valid: boolean;
  errors: string[];
}

/**
 * Template parameter values to validate with: each whole-value
 * `[parameters('name')]` is replaced by its value first, so a parameter in
 * a typed position (an int expiry) is checked as the type ARM passes.
 */
export type ParameterValues = Record<string, unknown>;

function withParameters(node: unknown, values: ParameterValues): unknown {
  if (typeof node === 'string') {
    const match = /^\[parameters\('([^']+)'\)\]$/.exec(node);
    return match && match[1] in values ? values[match[1]] : node;
  }
  if (Array.isArray(node))
    return node.map(item => withParameters(item, values));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        withParameters(value, values),
      ]),
    );
  }
  return node;
}

export function validateTemplateResource(
  resource: {
    type: string;
    apiVersion: string;
    name: string;
    [key: string]: unknown;
  },
  parameters: ParameterValues = {},
): ResourceValidation {
  const label = `${resource.type}@${resource.apiVersion} ${resource.name}`;
  const type = resource.type.toLowerCase();
  const body = withParameters(
    Object.fromEntries(
      Object.entries(resource).filter(([key]) => !ENVELOPE.includes(key)),
    ),
    parameters,
  );
  if (type === NESTED_DEPLOYMENT_TYPE) {
    return validateNestedDeployment(label, resource);
  }
  const spec = SPEC_OF_TYPE[type];
  if (!spec) {
    return {
      resource: label,
      valid: false,
      errors: [`no specification for ${resource.type}`],
    };
  }
  if (specApiVersion(spec) !== resource.apiVersion) {
    return {
      resource: label,
      valid: false,
      errors: [
        `api-version ${resource.apiVersion}, but the spec is ${specApiVersion(
          spec,
        )}`,
      ],
    };
  }
  return {
    resource: label,
    ...strictArmSchemas().validate(spec.file, spec.definition, body),
  };
}

interface NestedTemplate {
  parameters?: Record<string, unknown>;
  resources?: Array<{
    type: string;
    apiVersion: string;
    name: string;
    [key: string]: unknown;
  }>;
}

/**
 * A nested deployment: an inline template (a `templateLink` is refused,
 * nothing here could read it), evaluated in its own scope, each resource
 * valid against its spec with the values the deployment passes.
 */
function validateNestedDeployment(
  label: string,
  resource: { [key: string]: unknown },
): ResourceValidation {
  const properties = (resource.properties ?? {}) as {
    template?: NestedTemplate;
    parameters?: Record<string, { value?: unknown }>;
    expressionEvaluationOptions?: { scope?: string };
  };
  const errors: string[] = [];
  if (properties.expressionEvaluationOptions?.scope !== 'inner') {
    errors.push(
      'expressionEvaluationOptions.scope is not inner: the template would evaluate in the outer scope',
    );
  }
  const template = properties.template;
  if (!template?.resources?.length) {
    return {
      resource: label,
      valid: false,
      errors: [...errors, 'no inline template with resources'],
    };
  }
  const declared = Object.keys(template.parameters ?? {});
  const given = Object.keys(properties.parameters ?? {});
  for (const name of declared.filter(n => !given.includes(n))) {
    errors.push(`template parameter ${name} is not given`);
  }
  for (const name of given.filter(n => !declared.includes(n))) {
    errors.push(`parameter ${name} is not declared by the template`);
  }
  const values = Object.fromEntries(
    Object.entries(properties.parameters ?? {}).map(([name, p]) => [
      name,
      p.value,
    ]),
  );
  for (const inner of template.resources) {
    const result = validateTemplateResource(inner, values);
    errors.push(...result.errors.map(e => `${result.resource}: ${e}`));
  }
  return { resource: label, valid: errors.length === 0, errors };
}
