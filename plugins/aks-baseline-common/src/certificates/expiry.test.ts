import {
  daysLeftUntil,
  describeExpiry,
  expiryOn,
  expiryStatus,
} from './expiry';
import { certificateNameCovers } from './hostNames';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const thresholds = { warningDays: 30, criticalDays: 7 };

describe('certificate expiry', () => {
  it.each([
    ['expired by a second', -SECOND, -1, 'expired', 'expired 1 day ago'],
    ['expiring this very second', 0, 0, 'critical', 'expires in 0 days'],
    [
      'exactly at the critical threshold',
      7 * DAY,
      7,
      'critical',
      'expires in 7 days',
    ],
    [
      'a second past the critical threshold',
      7 * DAY + SECOND,
      7,
      'critical',
      'expires in 7 days',
    ],
    [
      'a day past the critical threshold',
      8 * DAY,
      8,
      'warning',
      'expires in 8 days',
    ],
    [
      'exactly at the warning threshold',
      30 * DAY,
      30,
      'warning',
      'expires in 30 days',
    ],
    [
      'a day past the warning threshold',
      31 * DAY,
      31,
      'ok',
      'expires in 31 days',
    ],
    ['three days ago', -3 * DAY, -3, 'expired', 'expired 3 days ago'],
  ] as const)('%s', (_, offset, days, status, text) => {
    expect(daysLeftUntil(at(offset), NOW)).toBe(days);
    expect(expiryStatus(days, thresholds)).toBe(status);
    expect(expiryOn(at(offset), NOW, thresholds)).toEqual({
      notAfter: at(offset).toISOString(),
      daysLeft: days,
      status,
      statusText: text,
    });
  });

  it('says one day, not one days', () => {
    expect(describeExpiry(1)).toBe('expires in 1 day');
    expect(describeExpiry(-1)).toBe('expired 1 day ago');
  });
});

describe('certificateNameCovers (RFC 6125)', () => {
  it.each([
    [
      '*.aks-ingress.contoso.com',
      'bu0001a0008-00.aks-ingress.contoso.com',
      true,
    ],
    ['*.aks-ingress.contoso.com', 'a.b.aks-ingress.contoso.com', false],
    ['*.aks-ingress.contoso.com', 'aks-ingress.contoso.com', false],
    ['*.AKS-ingress.contoso.com', 'x.aks-ingress.CONTOSO.com', true],
    ['payments.contoso.com', 'payments.contoso.com.', true],
    ['payments.contoso.com', 'shop.contoso.com', false],
    ['*.com', 'contoso.com', false],
    ['pay*.contoso.com', 'payments.contoso.com', false],
    ['', 'contoso.com', false],
  ])('%s covers %s: %s', (name, host, covers) => {
    expect(certificateNameCovers(name, host)).toBe(covers);
  });
});
