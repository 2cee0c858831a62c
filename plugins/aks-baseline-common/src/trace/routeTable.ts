import { asString, readArm, readArmList } from '../arm/read';
import { parseIpv4Cidr } from '../controls/ipv4';
import type { ArmResource } from '../arm/types';
import { AddressContext, prefixMatches } from './addressMatch';

/** One route Azure may pick for a packet leaving a subnet. */
export interface EffectiveRoute {
  name: string;
  source: 'User' | 'Default';
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
  resourceId?: string;
}

/** Address spaces Azure drops by default unless the VNet holds them (system routes, next hop None). */
const RESERVED_PREFIXES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
];

/**
 * The system routes of a subnet
 * (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#system-routes):
 * the VNet's address space goes VnetLocal, 0.0.0.0/0 to the Internet, the
 * private ranges outside the VNet nowhere; a private endpoint adds a /32
 * route to its address (next hop InterfaceEndpoint).
 */
export function systemRoutes(
  context: AddressContext,
  privateEndpointAddresses: Array<{ address: string; resourceId?: string }>,
): EffectiveRoute[] {
  const system = (
    addressPrefix: string,
    nextHopType: string,
  ): EffectiveRoute => ({
    name: `system route ${addressPrefix}`,
    source: 'Default',
    addressPrefix,
    nextHopType,
  });
  return [
    ...context.vnetPrefixes.map(p => system(p, 'VnetLocal')),
    system('0.0.0.0/0', 'Internet'),
    ...RESERVED_PREFIXES.map(p => system(p, 'None')),
    ...privateEndpointAddresses.map(e => ({
      ...system(`${e.address}/32`, 'InterfaceEndpoint'),
      name: `private endpoint ${e.resourceId?.split('/').pop() ?? e.address}`,
      resourceId: e.resourceId,
    })),
  ];
}

/** The user-defined routes of a route table. */
export function userRoutes(routeTable: ArmResource): EffectiveRoute[] {
  return readArmList(routeTable, 'routes').map(route => ({
    name: asString(readArm(route, 'name')) ?? '(unnamed)',
    source: 'User',
    addressPrefix: asString(readArm(route, 'addressPrefix')) ?? '',
    nextHopType: asString(readArm(route, 'nextHopType')) ?? '',
    nextHopIpAddress: asString(readArm(route, 'nextHopIpAddress')),
    resourceId: routeTable.id,
  }));
}

/** Between equal prefixes: user-defined first, then system. */
const sourceRank = (route: EffectiveRoute) => (route.source === 'User' ? 0 : 1);

const prefixLength = (route: EffectiveRoute) =>
  /^[\d.]+(\/\d+)?$/.test(route.addressPrefix)
    ? parseIpv4Cidr(route.addressPrefix)?.prefix ?? -1
    : -1;

/**
 * The route Azure picks: the longest prefix that holds the address; between
 * equal prefixes a user-defined route beats a system route. Routes naming a
 * service tag hold its addresses, which the snapshot does not list: they
 * only count when nothing longer decides.
 */
export function selectRoute(
  routes: EffectiveRoute[],
  address: string,
  context: AddressContext,
): EffectiveRoute | undefined {
  const candidates = routes.filter(
    r =>
      prefixLength(r) >= 0 &&
      prefixMatches(r.addressPrefix, address, context) === 'yes',
  );
  return candidates.sort(
    (a, b) =>
      prefixLength(b) - prefixLength(a) || sourceRank(a) - sourceRank(b),
  )[0];
}
