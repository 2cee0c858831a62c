import {
  CertificateInfo,
  CertificatePurpose,
} from '@aks-baseline/plugin-aks-baseline-common';

/** Where on the chain each certificate is used. */
export const PURPOSE_LABEL: Record<CertificatePurpose, string> = {
  edge: 'Edge (App Gateway listener)',
  'backend-trust-root': 'Backend trust root (App Gateway → Traefik)',
  ingress: 'Ingress (Traefik)',
};

/** `https://kv-x.vault.azure.net/secrets/name/version` as `kv-x / name`. */
export function keyVaultSecretLabel(certificate: CertificateInfo): string {
  const id = certificate.keyVaultSecretId;
  if (!id) return 'not in Key Vault';
  const match =
    /^https:\/\/([^./]+)\.vault\.[^/]+\/(?:secrets|certificates)\/([^/?#]+)/i.exec(
      id,
    );
  return match ? `${match[1]} / ${match[2]}` : id;
}
