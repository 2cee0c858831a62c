import { Direction } from './compilePolicy';
import { PortSetId, PortSetTable } from './portSetTable';
import { PeerRef, RuleIndex } from './ruleIndex';

/**
 * What one pod's policies allow in one direction towards/from `farEnd`:
 * everything when no policy isolates the pod in that direction, otherwise
 * the union of the ports of every rule (of every isolating policy) whose
 * peers admit the far end. `destination` is whichever end receives the
 * connection, because named ports resolve against it.
 */
export function allowedInDirection(
  index: RuleIndex,
  direction: Direction,
  podIndex: number,
  farEnd: PeerRef,
  destination: PeerRef,
): PortSetId {
  if (index.isolating[direction][podIndex].length === 0)
    return PortSetTable.ALL;
  const { portSets } = index;
  let allowed = PortSetTable.EMPTY;
  for (const rule of index.rules[direction][podIndex]) {
    if (!rule.admits(farEnd)) continue;
    allowed = portSets.union(allowed, rule.portsTowards(destination));
    if (allowed === PortSetTable.ALL) break;
  }
  return allowed;
}

/**
 * A connection needs the source's egress AND the destination's ingress to
 * allow it. An address outside the cluster has no policies, so its side
 * allows everything.
 */
export function allowedBetween(
  index: RuleIndex,
  src: PeerRef,
  dst: PeerRef,
): PortSetId {
  const egress =
    src.kind === 'pod'
      ? allowedInDirection(index, 'egress', src.pod.index, dst, dst)
      : PortSetTable.ALL;
  if (egress === PortSetTable.EMPTY) return egress;
  const ingress =
    dst.kind === 'pod'
      ? allowedInDirection(index, 'ingress', dst.pod.index, src, dst)
      : PortSetTable.ALL;
  return index.portSets.intersect(egress, ingress);
}
