export { CertificatesCard } from './CertificatesCard';
export type { CertificatesCardProps } from './CertificatesCard';
