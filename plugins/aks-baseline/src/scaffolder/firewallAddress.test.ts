import { firewallAddressProblem } from './firewallAddress';

describe('firewallAddressProblem', () => {
  it('refuses an address inside the spoke VNet, saying what to give instead', () => {
    expect(firewallAddressProblem('10.240.0.4', '10.240.0.0/16')).toBe(
      "10.240.0.4 is inside the spoke VNet 10.240.0.0/16: give the hub firewall's private IP, which lies outside the spoke (e.g. 10.200.0.4 in a hub of 10.200.0.0/24).",
    );
    expect(firewallAddressProblem('10.240.255.255', '10.240.0.0/16')).toMatch(
      /inside the spoke/,
    );
  });

  it('accepts a hub address and leaves malformed input to the pattern', () => {
    expect(
      firewallAddressProblem('10.200.0.4', '10.240.0.0/16'),
    ).toBeUndefined();
    expect(
      firewallAddressProblem('10.241.0.0', '10.240.0.0/16'),
    ).toBeUndefined();
    expect(firewallAddressProblem('10.240.0', '10.240.0.0/16')).toBeUndefined();
    expect(firewallAddressProblem('10.240.0.4', 'not-a-cidr')).toBeUndefined();
    expect(firewallAddressProblem(undefined, '10.240.0.0/16')).toBeUndefined();
  });
});
