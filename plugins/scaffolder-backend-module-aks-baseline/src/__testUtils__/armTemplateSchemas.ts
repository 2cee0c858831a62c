import Ajv, { ValidateFunction } from 'ajv';
import { strictArmSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/**
 * Validates the resources of an ARM deployment template, each against the
 * Microsoft REST specification of its type at the api-version the template
 * names (shared/azure-specs), strictly. Test-only.
 */

const NETWORK =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01';

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
  'microsoft.keyvault/vaults': {
    file: 'keyvault/resource-manager/Microsoft.KeyVault/KeyVault/stable/2026-04-01/openapi.json',
    definition: 'VaultCreateOrUpdateParameters',
  },
  'microsoft.keyvault/vaults/secrets': {
    file: 'keyvault/resource-manager/Microsoft.KeyVault/KeyVault/stable/2026-04-01/openapi.json',
    definition: 'SecretCreateOrUpdateParameters',
  },
};

/** The api-version a spec file describes: its `stable/<version>/` folder. */
export function specApiVersion(location: SpecLocation): string {
  return /\/stable\/([^/]+)\//.exec(location.file)![1];
}

/**
 * Types Microsoft's specs in shared/ do not cover: checked here by minimal
 * closed schemas of their documented request bodies instead
 * (Microsoft.Authorization/roleAssignments 2022-04-01,
 * Microsoft.Network/privateDnsZones and virtualNetworkLinks 2024-06-01).
 */
const id = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
  additionalProperties: false,
};
const tags = { type: 'object', additionalProperties: { type: 'string' } };
export const MINIMAL_SCHEMAS: Record<
  string,
  { apiVersion: string; schema: object }
> = {
  'microsoft.authorization/roleassignments': {
    apiVersion: '2022-04-01',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['properties'],
      properties: {
        properties: {
          type: 'object',
          additionalProperties: false,
          required: ['roleDefinitionId', 'principalId'],
          properties: {
            roleDefinitionId: { type: 'string' },
            principalId: { type: 'string' },
            principalType: {
              enum: [
                'User',
                'Group',
                'ServicePrincipal',
                'ForeignGroup',
                'Device',
              ],
            },
            description: { type: 'string' },
            condition: { type: 'string' },
            conditionVersion: { type: 'string' },
            delegatedManagedIdentityResourceId: { type: 'string' },
          },
        },
      },
    },
  },
  'microsoft.network/privatednszones': {
    apiVersion: '2024-06-01',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['location'],
      properties: {
        location: { const: 'global' },
        tags,
        etag: { type: 'string' },
        properties: {
          type: 'object',
          additionalProperties: false,
          properties: {},
        },
      },
    },
  },
  'microsoft.network/privatednszones/virtualnetworklinks': {
    apiVersion: '2024-06-01',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['location', 'properties'],
      properties: {
        location: { const: 'global' },
        tags,
        etag: { type: 'string' },
        properties: {
          type: 'object',
          additionalProperties: false,
          required: ['virtualNetwork'],
          properties: {
            virtualNetwork: id,
            registrationEnabled: { type: 'boolean' },
            resolutionPolicy: { enum: ['Default', 'NxDomainRedirect'] },
          },
        },
      },
    },
  },
};

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

const minimalAjv = new Ajv({ strict: false, allErrors: true });
const minimalValidators = new Map<string, ValidateFunction>();

export function validateTemplateResource(resource: {
  type: string;
  apiVersion: string;
  name: string;
  [key: string]: unknown;
}): ResourceValidation {
  const label = `${resource.type}@${resource.apiVersion} ${resource.name}`;
  const type = resource.type.toLowerCase();
  const body = Object.fromEntries(
    Object.entries(resource).filter(([key]) => !ENVELOPE.includes(key)),
  );
  const spec = SPEC_OF_TYPE[type];
  if (spec) {
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
  const minimal = MINIMAL_SCHEMAS[type];
  if (!minimal) {
    return {
      resource: label,
      valid: false,
      errors: [`no specification for ${resource.type}`],
    };
  }
  if (minimal.apiVersion !== resource.apiVersion) {
    return {
      resource: label,
      valid: false,
      errors: [
        `api-version ${resource.apiVersion}, checked for ${minimal.apiVersion}`,
      ],
    };
  }
  let validate = minimalValidators.get(type);
  if (!validate) {
    validate = minimalAjv.compile(minimal.schema);
    minimalValidators.set(type, validate);
  }
  const valid = validate(body) as boolean;
  return {
    resource: label,
    valid,
    errors: valid
      ? []
      : (validate.errors ?? []).map(e =>
          e.keyword === 'additionalProperties'
            ? `${e.instancePath || '/'}: unknown field "${
                e.params.additionalProperty
              }"`
            : `${e.instancePath || '/'}: ${e.message}`,
        ),
  };
}
