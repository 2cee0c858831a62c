import {
  ArmResource,
  asString,
  CertificateInfo,
  CertificatePurpose,
  ExpiryStatus,
  normalizeArmResourceId,
  readArm,
  sameArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InventoryIndex } from './inventoryIndex';

export interface ExpiryThresholds {
  /** Days left at or below which a certificate is `warning`. */
  warningDays: number;
  /** Days left at or below which a certificate is `critical`. */
  criticalDays: number;
}

export const DEFAULT_THRESHOLDS: ExpiryThresholds = {
  warningDays: 30,
  criticalDays: 7,
};

const DAY_MS = 24 * 60 * 60 * 1000;

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

export function expiryStatus(
  daysLeft: number,
  thresholds: ExpiryThresholds,
): ExpiryStatus {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= thresholds.criticalDays) return 'critical';
  if (daysLeft <= thresholds.warningDays) return 'warning';
  return 'ok';
}

function describeExpiry(status: ExpiryStatus, daysLeft: number): string {
  if (status === 'expired') {
    const ago = -daysLeft;
    return `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  return `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
}

/**
 * A certificate's expiry from its Key Vault secret as ARM lists it
 * (`attributes.exp`, epoch seconds): no data-plane call, so it works for
 * vaults that Private Link hides from the portal.
 */
export function certificateFromVault(options: {
  purpose: CertificatePurpose;
  name: string;
  secretId: string;
  host?: string;
  index: InventoryIndex;
  vaultErrors: Map<string, string>;
  now: Date;
  thresholds: ExpiryThresholds;
}): CertificateInfo {
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
  return { ...named, ...expiryAt(new Date(exp * 1000), now, thresholds) };
}

/** A certificate's countdown on `now`. */
function expiryAt(notAfter: Date, now: Date, thresholds: ExpiryThresholds) {
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  const status = expiryStatus(daysLeft, thresholds);
  return {
    notAfter: notAfter.toISOString(),
    daysLeft,
    status,
    statusText: describeExpiry(status, daysLeft),
  };
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
  const expiry = expiryAt(new Date(certificate.notAfter), now, thresholds);
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
