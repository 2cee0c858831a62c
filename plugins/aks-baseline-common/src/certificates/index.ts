/** Certificate facts shared by the backend, the controls and the UI. */
export {
  DEFAULT_EXPIRY_THRESHOLDS,
  daysLeftUntil,
  describeExpiry,
  expiryOn,
  expiryStatus,
} from './expiry';
export type { ExpiryThresholds } from './expiry';
export { certificateNameCovers, coveringName } from './hostNames';
export { expiredCertificateEffect, renewalAdvice } from './renewal';
export { CERTIFICATE_PURPOSE_LABEL } from './labels';
