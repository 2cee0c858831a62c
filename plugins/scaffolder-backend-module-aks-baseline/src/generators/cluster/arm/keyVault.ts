import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { PrivateLinkTarget } from './privateLink';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  literal,
  parameter,
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
  /** The int parameter carrying its not-after (unix seconds). */
  expiryParameter: string;
  /** Its value, when the action was given it. */
  expiresOn?: number;
  /** The file `openssl x509 -enddate` reads it from, in the README's commands. */
  certificateFile: string;
}

/** How to compute an expiry parameter, for descriptions and the README. */
export function expiryCommand(certificateFile: string): string {
  return `date -d "$(openssl x509 -enddate -noout -in ${certificateFile} | cut -d= -f2)" +%s`;
}

export function certificateParameters(
  spec: ClusterSpec,
): CertificateParameter[] {
  return [
    {
      parameter: 'edgeCertificatePfxBase64',
      expiryParameter: 'edgeCertificateExpiresOn',
      expiresOn: spec.keyVault.expiresOn.edge,
      certificateFile: 'edge.crt',
      secretName: spec.keyVault.edgeCertificateName,
      contentType: 'application/x-pkcs12',
      description:
        "App Gateway's listener certificate for the public wildcard: a PFX without password, base64-encoded. Leave empty when the secret is already in the vault.",
    },
    {
      parameter: 'ingressCertificatePem',
      expiryParameter: 'ingressCertificateExpiresOn',
      expiresOn: spec.keyVault.expiresOn.ingress,
      certificateFile: 'ingress.crt',
      secretName: spec.keyVault.ingressCertificateName,
      contentType: 'application/x-pem-file',
      description:
        "Traefik's certificate for the ingress wildcard: PEM with the certificate chain and the unencrypted private key. Leave empty when the secret is already in the vault.",
    },
    {
      parameter: 'backendRootCertificateBase64',
      expiryParameter: 'backendRootCertificateExpiresOn',
      expiresOn: spec.keyVault.expiresOn.backendRoot,
      certificateFile: 'root.crt',
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
 * when its parameter is empty (the secret is already there). The content
 * type and the expiry (`attributes.exp`, the certificate's not-after) are
 * what the dashboard reads from the vault's control plane to show days left
 * without reading the secret's value.
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
      attributes: { exp: parameter(certificate.expiryParameter) },
    },
  };
}

/** The vault's private endpoint in the spoke (KV-02) and its DNS zone. */
export function keyVaultPrivateLink(
  spec: ClusterSpec,
  names: ClusterNames,
): PrivateLinkTarget {
  return {
    type: RESOURCE_TYPES.keyVault,
    name: spec.keyVault.name,
    groupId: 'vault',
    endpointName: names.keyVaultPrivateEndpoint,
    zone: names.keyVaultPrivateDnsZone,
    linkName: names.keyVaultDnsLink,
  };
}

/** `https://<vault>.vault.azure.net/secrets/<name>`: versionless, so App Gateway follows rotations. */
export function keyVaultSecretUri(spec: ClusterSpec, secretName: string) {
  return `https://${spec.keyVault.name}.vault.azure.net/secrets/${secretName}`;
}
