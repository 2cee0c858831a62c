import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { subnetRef } from './network';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  literal,
  parameter,
  ref,
  resourceId,
} from './expressions';

/**
 * The vault holding the three certificates (KV-01, KV-03): Azure RBAC
 * instead of access policies, and closed to public networks twice over
 * (public network access disabled, and a firewall that denies by default).
 * Purge protection keeps a deleted certificate recoverable.
 */
export function keyVault(
  spec: ClusterSpec,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.keyVault,
    apiVersion: API_VERSIONS.keyVault,
    name: spec.keyVault.name,
    location: spec.location,
    tags,
    properties: {
      tenantId: spec.entra.tenantId,
      sku: { family: 'A', name: 'standard' },
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Disabled',
      networkAcls: {
        defaultAction: 'Deny',
        bypass: 'AzureServices',
        ipRules: [],
        virtualNetworkRules: [],
      },
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
    },
  };
}

/** A certificate the template can write into the vault, and the parameter carrying it. */
export interface CertificateParameter {
  parameter: string;
  secretName: string;
  contentType: string;
  description: string;
}

export function certificateParameters(
  spec: ClusterSpec,
): CertificateParameter[] {
  return [
    {
      parameter: 'edgeCertificatePfxBase64',
      secretName: spec.keyVault.edgeCertificateName,
      contentType: 'application/x-pkcs12',
      description:
        "App Gateway's listener certificate for the public wildcard: a PFX without password, base64-encoded. Leave empty when the secret is already in the vault.",
    },
    {
      parameter: 'ingressCertificatePem',
      secretName: spec.keyVault.ingressCertificateName,
      contentType: 'application/x-pem-file',
      description:
        "Traefik's certificate for the ingress wildcard: PEM with the certificate chain and the unencrypted private key. Leave empty when the secret is already in the vault.",
    },
    {
      parameter: 'backendRootCertificateBase64',
      secretName: spec.keyVault.backendRootCertificateName,
      contentType: 'application/x-x509-ca-cert',
      description:
        "The root App Gateway trusts for Traefik's certificate (the certificate itself when self-signed): a CER, base64-encoded. Leave empty when the secret is already in the vault.",
    },
  ];
}

/**
 * Writes a certificate into the vault through ARM (the control plane), which
 * works while the vault's data plane refuses every public network; skipped
 * when its parameter is empty (the secret is already there).
 */
export function certificateSecret(
  spec: ClusterSpec,
  certificate: CertificateParameter,
): ArmTemplateResource {
  return {
    condition: `[not(empty(parameters(${literal(certificate.parameter)})))]`,
    type: RESOURCE_TYPES.keyVaultSecret,
    apiVersion: API_VERSIONS.keyVault,
    name: `${spec.keyVault.name}/${certificate.secretName}`,
    dependsOn: [resourceId(RESOURCE_TYPES.keyVault, spec.keyVault.name)],
    properties: {
      value: parameter(certificate.parameter),
      contentType: certificate.contentType,
    },
  };
}

/**
 * The vault's private endpoint in the spoke (KV-02). An automatic
 * connection to a vault of the same tenant is approved on creation.
 */
export function keyVaultPrivateEndpoint(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateEndpoint,
    apiVersion: API_VERSIONS.network,
    name: names.keyVaultPrivateEndpoint,
    location: spec.location,
    tags,
    dependsOn: [
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
      resourceId(RESOURCE_TYPES.keyVault, spec.keyVault.name),
    ],
    properties: {
      subnet: subnetRef(names, names.subnets.privateEndpoints),
      privateLinkServiceConnections: [
        {
          name: 'to-key-vault',
          properties: {
            privateLinkServiceId: resourceId(
              RESOURCE_TYPES.keyVault,
              spec.keyVault.name,
            ),
            groupIds: ['vault'],
          },
        },
      ],
    },
  };
}

/** The Private Link zone that makes the vault's name resolve to its private endpoint. */
export function keyVaultPrivateDnsZone(
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZone,
    apiVersion: API_VERSIONS.privateDns,
    name: names.keyVaultPrivateDnsZone,
    location: 'global',
    tags,
    properties: {},
  };
}

/** Links the zone to the spoke, so the nodes and App Gateway resolve through it. */
export function keyVaultPrivateDnsZoneLink(
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZoneLink,
    apiVersion: API_VERSIONS.privateDns,
    name: `${names.keyVaultPrivateDnsZone}/${names.keyVaultDnsLink}`,
    location: 'global',
    tags,
    dependsOn: [
      resourceId(RESOURCE_TYPES.privateDnsZone, names.keyVaultPrivateDnsZone),
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
    ],
    properties: {
      registrationEnabled: false,
      virtualNetwork: ref(RESOURCE_TYPES.vnet, names.vnet),
    },
  };
}

/** Keeps the endpoint's A record in the zone, for the endpoint's lifetime. */
export function keyVaultPrivateDnsZoneGroup(
  names: ClusterNames,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.privateDnsZoneGroup,
    apiVersion: API_VERSIONS.network,
    name: `${names.keyVaultPrivateEndpoint}/default`,
    dependsOn: [
      resourceId(RESOURCE_TYPES.privateEndpoint, names.keyVaultPrivateEndpoint),
      resourceId(RESOURCE_TYPES.privateDnsZone, names.keyVaultPrivateDnsZone),
    ],
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'privatelink-vaultcore-azure-net',
          properties: {
            privateDnsZoneId: resourceId(
              RESOURCE_TYPES.privateDnsZone,
              names.keyVaultPrivateDnsZone,
            ),
          },
        },
      ],
    },
  };
}

/** `https://<vault>.vault.azure.net/secrets/<name>`: versionless, so App Gateway follows rotations. */
export function keyVaultSecretUri(spec: ClusterSpec, secretName: string) {
  return `https://${spec.keyVault.name}.vault.azure.net/secrets/${secretName}`;
}
