import type { CertificatePurpose } from '../fleet';

/**
 * What each certificate of the chain is called in words: the controls, the
 * fleet's reasons and the owners' notices say it the same way.
 * @public
 */
export const CERTIFICATE_PURPOSE_LABEL: Record<CertificatePurpose, string> = {
  edge: 'edge certificate',
  'backend-trust-root': 'backend trust root',
  ingress: 'ingress (Traefik) certificate',
};
