import {
  ArmResource,
  asString,
  normalizeArmResourceId,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmInventoryListing } from '../inventory';
import { parseKeyVaultSecretId } from './certificates';
import { INGRESS_CERTIFICATE_TAG } from './resolveCluster';

/**
 * What refers to each vault, as the inventory's first phase shows it: the
 * secret names gateways load (`sslCertificates`, `trustedRootCertificates`)
 * and clusters tag as their ingress certificate, sorted into one string per
 * vault (key: lower-cased vault id). The slow tier reads a vault again as
 * soon as this changes: a gateway pointed at a new secret must not wait
 * hours for its expiry date.
 */
export function vaultReferenceSignatures(
  listing: Pick<
    ArmInventoryListing,
    'keyVaults' | 'applicationGateways' | 'managedClusters'
  >,
): Map<string, string> {
  const secretsByVaultName = new Map<string, Set<string>>();
  const add = (vaultName: string, secretName: string) => {
    const key = vaultName.toLowerCase();
    const names = secretsByVaultName.get(key) ?? new Set<string>();
    names.add(secretName.toLowerCase());
    secretsByVaultName.set(key, names);
  };
  for (const gateway of listing.applicationGateways) {
    for (const secretId of gatewaySecretIds(gateway)) {
      const parsed = parseKeyVaultSecretId(secretId);
      if (parsed) add(parsed.vaultName, parsed.secretName);
    }
  }
  for (const cluster of listing.managedClusters) {
    const [vaultName, secretName] =
      cluster.tags?.[INGRESS_CERTIFICATE_TAG]?.split('/') ?? [];
    if (vaultName && secretName) add(vaultName, secretName);
  }
  const signatures = new Map<string, string>();
  for (const vault of listing.keyVaults) {
    if (!vault.id || !vault.name) continue;
    const names = secretsByVaultName.get(vault.name.toLowerCase());
    signatures.set(
      normalizeArmResourceId(vault.id),
      names ? [...names].sort().join(',') : '',
    );
  }
  return signatures;
}

function gatewaySecretIds(gateway: ArmResource): string[] {
  return ['sslCertificates', 'trustedRootCertificates'].flatMap(collection =>
    readArmList(gateway, collection).flatMap(certificate => {
      const id = asString(readArm(certificate, 'keyVaultSecretId'));
      return id ? [id] : [];
    }),
  );
}
