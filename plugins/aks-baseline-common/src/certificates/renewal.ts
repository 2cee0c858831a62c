import type { CertificateInfo, CertificatePurpose } from '../fleet';

/** What a packet meets once a certificate of this purpose has expired. @public */
export function expiredCertificateEffect(purpose: CertificatePurpose): string {
  switch (purpose) {
    case 'edge':
      return 'browsers refuse the site';
    case 'backend-trust-root':
      return 'App Gateway no longer trusts Traefik: users get 502';
    default:
      return "App Gateway refuses Traefik's certificate: users get 502";
  }
}

/**
 * How to renew a certificate of the chain, naming its Key Vault secret: the
 * same words on the control, the TLS boundary and the notification.
 * @public
 */
export function renewalAdvice(
  certificate: Pick<CertificateInfo, 'name' | 'purpose' | 'vaultName'>,
): string {
  const where = certificate.vaultName
    ? `in Key Vault ${certificate.vaultName}`
    : 'in Key Vault';
  return certificate.purpose === 'ingress'
    ? `renew ${certificate.name} ${where}; the CSI driver mounts the new version when secret rotation is on (SEC-02), else restart Traefik`
    : `renew ${certificate.name} ${where}; App Gateway picks up the new version within 4 hours (unversioned secret id)`;
}
