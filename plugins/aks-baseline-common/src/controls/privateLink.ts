import {
  asString,
  readArm,
  readArmList,
  referenceName,
  refersTo,
  resourceLabel,
  sameText,
} from '../arm/read';
import type { ArmPrivateEndpoint, ArmResource } from '../arm/types';

/** One Private Link connection to a resource (a vault, a registry). */
export interface PrivateLinkConnection {
  /** The private endpoint's name (or id). */
  source: string;
  /** The private endpoint itself, when the connection came from one given (its subnet says where it is). */
  endpoint?: ArmPrivateEndpoint;
  status?: string;
  manual: boolean;
}

const CONNECTION_KINDS = [
  'privateLinkServiceConnections',
  'manualPrivateLinkServiceConnections',
] as const;

/**
 * Connections to `target` of sub-resource `groupId` (`vault`, `registry`)
 * from the private endpoints given, then those the target lists itself
 * (`privateEndpointConnections`, which name the endpoint but not its subnet).
 * `targetsOfKind`: how many resources of the target's kind are in the input;
 * a template may compute the target's id from a parameter, and with a single
 * one in the input, a connection of that group can only mean it.
 */
export function privateLinkConnections(
  target: ArmResource,
  groupId: string,
  endpoints: ArmPrivateEndpoint[],
  targetsOfKind: number,
): PrivateLinkConnection[] {
  const fromEndpoints = endpoints.flatMap(endpoint =>
    CONNECTION_KINDS.flatMap(kind =>
      readArmList(endpoint, kind)
        .filter(connection => {
          const groups = readArmList(connection, 'groupIds');
          if (!groups.some(g => sameText(g, groupId))) return false;
          const targetId = readArm(connection, 'privateLinkServiceId');
          return (
            refersTo({ id: targetId }, target) ||
            (targetsOfKind === 1 && !asString(targetId)?.startsWith('/'))
          );
        })
        .map(connection => ({
          source: resourceLabel(endpoint),
          endpoint,
          status: asString(
            readArm(connection, 'privateLinkServiceConnectionState.status'),
          ),
          manual: kind === 'manualPrivateLinkServiceConnections',
        })),
    ),
  );
  const listedByTarget = readArmList(target, 'privateEndpointConnections').map(
    connection => ({
      source:
        referenceName(readArm(connection, 'privateEndpoint')) ??
        resourceLabel(connection),
      status: asString(
        readArm(connection, 'privateLinkServiceConnectionState.status'),
      ),
      manual: false,
    }),
  );
  return [...fromEndpoints, ...listedByTarget];
}

/**
 * Whether a connection carries traffic: Approved, or declared by a template
 * with automatic approval (no state yet: ARM approves it on deployment when
 * the caller may, as in one subscription and tenant). A manual connection
 * waits for an approver.
 */
export function connectionUsable(connection: PrivateLinkConnection): boolean {
  return (
    sameText(connection.status, 'Approved') ||
    (connection.status === undefined && !connection.manual)
  );
}
