import { asString, readArm, readArmList, refersTo } from '../arm/read';
import { ipv4CidrContains, parseIpv4Cidr } from '../controls/ipv4';
import type { AddressContext } from './addressMatch';
import type { TraceInputs } from './types';

/** A subnet of the spoke, as the trace needs it. */
export interface SubnetView {
  name: string;
  id?: string;
  prefixes: string[];
  nsgId?: string;
  routeTableId?: string;
}

function readSubnet(subnet: unknown): SubnetView {
  const many = readArmList(subnet, 'addressPrefixes').map(String);
  const one = asString(readArm(subnet, 'addressPrefix'));
  return {
    name: asString(readArm(subnet, 'name')) ?? '(unnamed)',
    id: asString(readArm(subnet, 'id')),
    prefixes: many.length ? many : [one].filter((p): p is string => !!p),
    nsgId: asString(readArm(subnet, 'networkSecurityGroup.id')),
    routeTableId: asString(readArm(subnet, 'routeTable.id')),
  };
}

export function subnets(inputs: TraceInputs): SubnetView[] {
  return readArmList(inputs.virtualNetwork, 'subnets').map(readSubnet);
}

export function subnetById(
  inputs: TraceInputs,
  id: string | undefined,
): SubnetView | undefined {
  if (!id) return undefined;
  const raw = readArmList(inputs.virtualNetwork, 'subnets').find(s =>
    refersTo(id, s),
  );
  return raw ? readSubnet(raw) : undefined;
}

export function subnetHolding(
  inputs: TraceInputs,
  address: string,
): SubnetView | undefined {
  return subnets(inputs).find(s =>
    s.prefixes.some(p => ipv4CidrContains(p, address)),
  );
}

export function addressContext(inputs: TraceInputs): AddressContext {
  return {
    vnetPrefixes: readArmList(
      inputs.virtualNetwork,
      'addressSpace.addressPrefixes',
    ).map(String),
  };
}

/** The first address Azure gives out in a subnet (it keeps the first four): where an App Gateway instance sits. */
export function firstUsableAddress(
  prefix: string | undefined,
): string | undefined {
  const block = prefix ? parseIpv4Cidr(prefix) : undefined;
  if (!block) return undefined;
  const value = block.first + 4;
  return [24, 16, 8, 0]
    .map(shift => Math.floor(value / 2 ** shift) % 256)
    .join('.');
}
