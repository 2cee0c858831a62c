import {
  ArmResource,
  asString,
  CertificateInfo,
  CertificatePurpose,
  expiryOn,
  ExpiryThresholds,
  normalizeArmResourceId,
  readArm,
  sameArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InventoryIndex } from './inventoryIndex';

export type { ExpiryThresholds };

/** What reading a certificate's expiry needs: the inventory, and when and against what to count. */
export interface CertificateContext {
  index: InventoryIndex;
  vaultErrors: Map<string, string>;
  now: Date;
  thresholds: ExpiryThresholds;
}

/** `https://<vault>.vault.azure.net/secrets/<name>[/<version>]` -> parts. */
export function parseKeyVaultSecretId(
  secretId: string,
): { vaultName: string; secretName: string } | undefined {
  const match =
    /^https:\/\/([^./]+)\.vault\.[^/]+\/(?:secrets|certificates)\/([^/?#]+)/i.exec(
      secretId,
    );
  return match ? { vaultName: match[1], secretName: match[2] } : undefined;
}

/**
 * A certificate's expiry from its Key Vault secret as ARM lists it
 * (`attributes.exp`, epoch seconds): no data-plane call, so it works for
 * vaults that Private Link hides from the portal.
 */
export function certificateFromVault(
  options: CertificateContext & {
    purpose: CertificatePurpose;
    name: string;
    secretId: string;
    host?: string;
  },
): CertificateInfo {
  const { purpose, secretId, host, index, now, thresholds } = options;
  const base = {
    purpose,
    name: options.name,
    keyVaultSecretId: secretId,
    host,
  };
  const parsed = parseKeyVaultSecretId(secretId);
  if (!parsed) {
    return {
      ...base,
      status: 'unknown',
      statusText: 'not a Key Vault secret id',
      error: `unrecognized Key Vault secret id: ${secretId}`,
    };
  }
  const named = {
    ...base,
    name: parsed.secretName,
    vaultName: parsed.vaultName,
  };
  const vault = index.vaultByName(parsed.vaultName);
  if (!vault?.id) {
    return {
      ...named,
      status: 'unknown',
      statusText: 'vault not found',
      error: `vault ${parsed.vaultName} is not in the scanned subscriptions`,
    };
  }
  const vaultError = options.vaultErrors.get(normalizeArmResourceId(vault.id));
  const secrets = index.secretsOf(vault.id);
  if (!secrets) {
    return {
      ...named,
      status: 'unknown',
      statusText: 'vault secrets not readable',
      error: vaultError ?? `secrets of ${parsed.vaultName} were not listed`,
    };
  }
  const secret = secrets.find(
    s =>
      (s.name ?? '').split('/').pop()!.toLowerCase() ===
      parsed.secretName.toLowerCase(),
  );
  if (!secret) {
    return {
      ...named,
      status: 'unknown',
      statusText: 'secret not found',
      error: `secret ${parsed.secretName} not found in vault ${parsed.vaultName}`,
    };
  }
  const exp = readArm(secret, 'attributes.exp');
  if (typeof exp !== 'number') {
    return {
      ...named,
      status: 'unknown',
      statusText: 'no expiry set on the Key Vault secret',
    };
  }
  return { ...named, ...expiryOn(new Date(exp * 1000), now, thresholds) };
}

/**
 * A certificate kept from an earlier refresh, counted down to `now`: its
 * expiry date is still the last one seen, but days left (and so critical or
 * expired) move on with the clock.
 */
export function certificateOn(
  certificate: CertificateInfo,
  now: Date,
  thresholds: ExpiryThresholds,
): CertificateInfo {
  if (!certificate.notAfter || certificate.status === 'unknown') {
    return certificate;
  }
  const expiry = expiryOn(new Date(certificate.notAfter), now, thresholds);
  // Notes after the countdown (what a TLS probe saw) still hold.
  const notes = certificate.statusText.split('; ').slice(1);
  return {
    ...certificate,
    ...expiry,
    statusText: [expiry.statusText, ...notes].join('; '),
  };
}

/** The secret id a gateway certificate (`sslCertificates[]`, `trustedRootCertificates[]`) points at. */
export function gatewayCertificateSecretId(
  gateway: ArmResource,
  collection: 'sslCertificates' | 'trustedRootCertificates',
  reference: unknown,
): { name: string; secretId?: string } | undefined {
  const refId = asString(readArm(reference, 'id'));
  const certificates = readArm(gateway, collection);
  if (!refId || !Array.isArray(certificates)) return undefined;
  const certificate = certificates.find(c => {
    const id = asString(readArm(c, 'id'));
    return id !== undefined && sameArmResourceId(id, refId);
  });
  if (!certificate) return undefined;
  return {
    name: asString(readArm(certificate, 'name')) ?? refId.split('/').pop()!,
    secretId: asString(readArm(certificate, 'keyVaultSecretId')),
  };
}
