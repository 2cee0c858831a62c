import { asBoolean, readArm, referenceName, refersTo } from '../arm/read';
import {
  ipv4CidrContains,
  ipv4CidrsOverlap,
  isPrivateIpv4,
  parseIpv4Address,
  parseIpv4Cidr,
} from './ipv4';

describe('IPv4 CIDR helpers', () => {
  it('parses addresses and blocks, normalising host bits', () => {
    expect(parseIpv4Address('10.0.0.10')).toBe(167772170);
    expect(parseIpv4Address('256.0.0.1')).toBeUndefined();
    expect(parseIpv4Address('10.0.0')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.5/16')).toEqual({
      first: 167772160,
      last: 167837695,
      prefix: 16,
    });
    expect(parseIpv4Cidr('0.0.0.0/0')).toEqual({
      first: 0,
      last: 4294967295,
      prefix: 0,
    });
    expect(parseIpv4Cidr('10.0.0.1')).toMatchObject({ prefix: 32 });
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Cidr('fd00::/8')).toBeUndefined();
  });

  it('answers containment and overlap', () => {
    expect(ipv4CidrContains('10.0.0.0/16', '10.0.0.10')).toBe(true);
    expect(ipv4CidrContains('10.0.0.0/16', '10.1.0.10')).toBe(false);
    expect(ipv4CidrContains('10.240.0.0/16', '10.240.5.0/24')).toBe(true);
    expect(ipv4CidrContains('10.240.5.0/24', '10.240.0.0/16')).toBe(false);
    expect(ipv4CidrsOverlap('10.0.0.0/16', '10.0.255.0/24')).toBe(true);
    expect(ipv4CidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(ipv4CidrsOverlap('0.0.0.0/0', '192.168.1.1')).toBe(true);
    expect(isPrivateIpv4('172.31.255.255')).toBe(true);
    expect(isPrivateIpv4('172.32.0.1')).toBe(false);
  });
});

describe('ARM readers', () => {
  it('reads REST shape, flattened SDK shape and keys in any case', () => {
    expect(
      readArm(
        { properties: { networkProfile: { networkPlugin: 'azure' } } },
        'networkProfile.networkPlugin',
      ),
    ).toBe('azure');
    expect(
      readArm(
        { networkProfile: { networkPlugin: 'azure' } },
        'networkProfile.networkPlugin',
      ),
    ).toBe('azure');
    expect(
      readArm(
        { properties: { addonProfiles: { azurePolicy: { enabled: true } } } },
        'addonProfiles.azurepolicy.enabled',
      ),
    ).toBe(true);
    expect(
      readArm(
        { properties: { backendHttpSettingsCollection: [] } },
        'backendHttpSettingsCollection.protocol',
      ),
    ).toBeUndefined();
    expect(asBoolean('True')).toBe(true);
    expect(asBoolean('no')).toBeUndefined();
  });

  it('names what a reference points at, in both id forms', () => {
    expect(
      referenceName({
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw/backendAddressPools/pool1',
      }),
    ).toBe('pool1');
    expect(
      referenceName(
        "[resourceId('Microsoft.Network/applicationGateways/backendAddressPools', parameters('agw'), 'pool1')]",
      ),
    ).toBe('pool1');
    expect(
      referenceName(
        "[concat(resourceId('Microsoft.Network/applicationGateways', 'agw'), '/backendAddressPools/pool1')]",
      ),
    ).toBe('pool1');
    expect(
      referenceName(
        "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
      ),
    ).toBeUndefined();
  });

  it('matches references case-insensitively by id, and by name for template resources', () => {
    const policy = {
      id: '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/Policy1',
      name: 'Policy1',
    };
    expect(
      refersTo(
        {
          id: '/subscriptions/s/resourcegroups/RG1/providers/Microsoft.Network/applicationgatewaywebapplicationfirewallpolicies/policy1',
        },
        policy,
      ),
    ).toBe(true);
    expect(
      refersTo(
        {
          id: '/subscriptions/s/resourceGroups/rg2/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/Policy1',
        },
        policy,
      ),
    ).toBe(false);
    expect(
      refersTo(
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet-nodes')]",
        { name: 'vnet/snet-nodes' },
      ),
    ).toBe(true);
    expect(
      refersTo(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt',
        { name: 'rt' },
      ),
    ).toBe(true);
  });
});
