import {
  formatIpAddress,
  parseCidr,
  parseIpAddress,
  partitionAddressSpace,
  subtractIntervals,
} from './cidr';

const v4 = (text: string) => parseIpAddress(text)!.value;

describe('cidr', () => {
  it('parses IPv4 addresses strictly (four decimal octets, no leading zeros)', () => {
    expect(parseIpAddress('10.1.2.3')).toEqual({
      family: 'IPv4',
      value: 0x0a010203n,
    });
    expect(parseIpAddress('255.255.255.255')?.value).toBe(0xffffffffn);
    for (const bad of [
      '10.1.2',
      '10.1.2.3.4',
      '256.0.0.1',
      '010.0.0.1',
      '1.2.3.-4',
      '',
      'a.b.c.d',
    ]) {
      expect(parseIpAddress(bad)).toBeUndefined();
    }
  });

  it('parses IPv6 addresses, with "::" compression and an embedded IPv4 tail', () => {
    expect(parseIpAddress('::')?.value).toBe(0n);
    expect(parseIpAddress('::1')?.value).toBe(1n);
    expect(parseIpAddress('2001:db8::')?.value).toBe(0x20010db8n << 96n);
    expect(parseIpAddress('::ffff:10.0.0.1')?.value).toBe(
      (0xffffn << 32n) | 0x0a000001n,
    );
    expect(parseIpAddress('1:2:3:4:5:6:7:8')?.value).toBe(
      0x00010002000300040005000600070008n,
    );
    for (const bad of [
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':::',
      'g::1',
      '12345::',
      '1:2:3:4:5:6:7::8',
    ]) {
      expect(parseIpAddress(bad)).toBeUndefined();
    }
  });

  it('formats IPv6 addresses in RFC 5952 form', () => {
    const roundTrip = (text: string) =>
      formatIpAddress('IPv6', parseIpAddress(text)!.value);
    expect(roundTrip('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(
      '2001:db8::1',
    );
    expect(roundTrip('2001:db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
    expect(roundTrip('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(roundTrip('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(roundTrip('::')).toBe('::');
    expect(formatIpAddress('IPv4', v4('192.168.0.1'))).toBe('192.168.0.1');
  });

  it('parses CIDRs, masking host bits as the Kubernetes API does', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({
      family: 'IPv4',
      prefixLength: 8,
      first: v4('10.0.0.0'),
      last: v4('10.255.255.255'),
    });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({
      first: 0n,
      last: 0xffffffffn,
    });
    expect(parseCidr('10.0.0.1/32')).toMatchObject({
      first: v4('10.0.0.1'),
      last: v4('10.0.0.1'),
    });
    expect(parseCidr('fd00::/8')).toMatchObject({
      family: 'IPv6',
      first: 0xfdn << 120n,
    });
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/08',
      '::/129',
      '10.0.0.0/8/8',
    ]) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  it('subtracts intervals', () => {
    const all = [{ first: 0n, last: 99n }];
    expect(
      subtractIntervals(all, [
        { first: 10n, last: 19n },
        { first: 15n, last: 29n },
        { first: 90n, last: 99n },
      ]),
    ).toEqual([
      { first: 0n, last: 9n },
      { first: 30n, last: 89n },
    ]);
    expect(subtractIntervals(all, [{ first: 0n, last: 99n }])).toEqual([]);
  });

  it('cuts the address space where membership of any set changes, identically for equivalent sets', () => {
    const block = (cidr: string, except: string[]) =>
      subtractIntervals(
        [parseCidr(cidr)!],
        except.map(e => parseCidr(e)!),
      );
    const one = partitionAddressSpace('IPv4', [
      block('0.0.0.0/0', ['10.0.0.0/8']),
    ]);
    const two = partitionAddressSpace('IPv4', [
      block('0.0.0.0/0', ['10.0.0.0/9', '10.128.0.0/9']),
    ]);
    expect(one).toEqual(two);
    expect(
      one.map(
        r =>
          `${formatIpAddress('IPv4', r.first)}-${formatIpAddress(
            'IPv4',
            r.last,
          )}`,
      ),
    ).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    expect(partitionAddressSpace('IPv6', [])).toEqual([
      { first: 0n, last: (1n << 128n) - 1n },
    ]);
  });
});
