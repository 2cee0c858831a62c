import type { ExpiryStatus } from '../fleet';

/**
 * A certificate's countdown, in one place: the certificate list, the chain's
 * TLS boundaries, the certificate controls and the fleet row all read it
 * from here, so they cannot disagree about a certificate.
 */

/** Days-left thresholds (`aksBaseline.certificates`). @public */
export interface ExpiryThresholds {
  /** Days left at or below which a certificate is `warning`. */
  warningDays: number;
  /** Days left at or below which a certificate is `critical`. */
  criticalDays: number;
}

/** @public */
export const DEFAULT_EXPIRY_THRESHOLDS: ExpiryThresholds = {
  warningDays: 30,
  criticalDays: 7,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days from `now` until `notAfter`, rounded down: a certificate that
 * expired a second ago has -1 days left, one with 7 days and an hour has 7.
 * @public
 */
export function daysLeftUntil(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/**
 * `expired` below zero days left; `critical` at or below the critical
 * threshold; `warning` at or below the warning threshold.
 * @public
 */
export function expiryStatus(
  daysLeft: number,
  thresholds: ExpiryThresholds,
): ExpiryStatus {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= thresholds.criticalDays) return 'critical';
  if (daysLeft <= thresholds.warningDays) return 'warning';
  return 'ok';
}

/** `expired 3 days ago`, `expires in 1 day`. @public */
export function describeExpiry(daysLeft: number): string {
  if (daysLeft < 0) {
    const ago = -daysLeft;
    return `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  return `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
}

/** A certificate's countdown on `now`. @public */
export function expiryOn(
  notAfter: Date,
  now: Date,
  thresholds: ExpiryThresholds,
): {
  notAfter: string;
  daysLeft: number;
  status: ExpiryStatus;
  statusText: string;
} {
  const daysLeft = daysLeftUntil(notAfter, now);
  return {
    notAfter: notAfter.toISOString(),
    daysLeft,
    status: expiryStatus(daysLeft, thresholds),
    statusText: describeExpiry(daysLeft),
  };
}
