import { follows } from './fields';
import {
  IANA_SVC_NAME_PATTERN,
  KEY_VAULT_NAME_PATTERN,
  TARGET_PORT_TEXT_PATTERN,
  hasNoHostBits,
  isInsideDomain,
  matches,
  parseIpv4Cidr,
} from './rules';
import { hostName, labelKey, rfc1123Label } from './textRules';

describe('validation rules', () => {
  it('RFC 1123 labels', () => {
    for (const ok of ['a', 'a0008', 'my-app', 'a'.repeat(63), '0a']) {
      expect(follows(rfc1123Label, ok)).toBe(true);
    }
    for (const bad of [
      '',
      'A',
      '-a',
      'a-',
      'a.b',
      'a_b',
      'a'.repeat(64),
      'а',
    ]) {
      expect(follows(rfc1123Label, bad)).toBe(false);
    }
  });

  it('host names', () => {
    for (const ok of ['my-app.contoso.com', 'a.b', 'x1.apps.contoso.io']) {
      expect(follows(hostName, ok)).toBe(true);
    }
    const long = `${'a'.repeat(63)}.`.repeat(4).concat('com');
    for (const bad of [
      'contoso',
      '1.2.3.4',
      '*.contoso.com',
      'a..b',
      'a.b.',
      'a.-b.com',
      long,
    ]) {
      expect(follows(hostName, bad)).toBe(false);
    }
    expect(isInsideDomain('a.apps.contoso.com', 'apps.contoso.com')).toBe(true);
    expect(isInsideDomain('evilapps.contoso.com', 'apps.contoso.com')).toBe(
      false,
    );
    expect(isInsideDomain('apps.contoso.com', 'apps.contoso.com')).toBe(false);
  });

  it('Key Vault names', () => {
    for (const ok of ['kv1', 'kv-aks-prod-weu', `k${'v'.repeat(23)}`]) {
      expect(matches(KEY_VAULT_NAME_PATTERN, ok)).toBe(true);
    }
    for (const bad of [
      'kv',
      '1kv',
      'kv-',
      'k--v',
      `k${'v'.repeat(24)}`,
      'kv_1',
    ]) {
      expect(matches(KEY_VAULT_NAME_PATTERN, bad)).toBe(false);
    }
  });

  it('named ports (IANA_SVC_NAME)', () => {
    for (const ok of [
      'http',
      'https',
      'http-alt',
      'h2c',
      'a'.repeat(15),
      '8080a',
    ]) {
      expect(matches(IANA_SVC_NAME_PATTERN, ok)).toBe(true);
    }
    for (const bad of [
      '',
      '8080',
      'HTTP',
      '-http',
      'http-',
      'http--alt',
      'a'.repeat(16),
      'http_alt',
    ]) {
      expect(matches(IANA_SVC_NAME_PATTERN, bad)).toBe(false);
    }
    expect(matches(TARGET_PORT_TEXT_PATTERN, '8080')).toBe(true);
    expect(matches(TARGET_PORT_TEXT_PATTERN, 'http')).toBe(true);
    expect(matches(TARGET_PORT_TEXT_PATTERN, '0')).toBe(false);
  });

  it('label keys', () => {
    for (const ok of [
      'app',
      'app.kubernetes.io/name',
      'k8s-app',
      'a/B_c.d',
      // The longest prefix a key may have: 253 characters.
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(
        61,
      )}/x`,
    ]) {
      expect(follows(labelKey, ok)).toBe(true);
    }
    for (const bad of [
      '',
      '/a',
      'a/',
      'A.io/x',
      'a b',
      'app.kubernetes.io/name/x',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(
        62,
      )}/x`,
    ]) {
      expect(follows(labelKey, bad)).toBe(false);
    }
  });

  it('IPv4 CIDRs and host bits', () => {
    expect(parseIpv4Cidr('10.240.5.0/24')).toEqual({
      address: (10 << 24) + (240 << 16) + (5 << 8),
      prefix: 24,
    });
    for (const bad of [
      '10.240.5.0',
      '256.0.0.0/8',
      '01.0.0.0/8',
      '10.0.0.0/33',
      '::/0',
    ]) {
      expect(parseIpv4Cidr(bad)).toBeUndefined();
    }
    expect(hasNoHostBits(parseIpv4Cidr('10.240.5.0/24')!)).toBe(true);
    expect(hasNoHostBits(parseIpv4Cidr('0.0.0.0/0')!)).toBe(true);
    expect(hasNoHostBits(parseIpv4Cidr('255.255.255.255/32')!)).toBe(true);
    expect(hasNoHostBits(parseIpv4Cidr('10.240.5.1/24')!)).toBe(false);
    expect(hasNoHostBits(parseIpv4Cidr('128.0.0.0/0')!)).toBe(false);
  });
});
