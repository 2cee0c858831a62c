import { formatIpAddress } from './cidr';
import { Direction } from './compilePolicy';
import { portRangesContain } from './portRanges';
import { PeerRef, RuleIndex } from './ruleIndex';
import { ConnectionExplanation, DirectionVerdict, Protocol } from './types';

/**
 * Explains one connection the way a person debugging a blocked request needs
 * it: which policies isolate each end, and which rules (if any) let it through.
 */
export function explainConnection(
  index: RuleIndex,
  src: PeerRef,
  dst: PeerRef,
  protocol: Protocol,
  port: number,
): ConnectionExplanation {
  const egress =
    src.kind === 'pod'
      ? verdictFor(index, 'egress', src, dst, dst, protocol, port)
      : unrestricted();
  const ingress =
    dst.kind === 'pod'
      ? verdictFor(index, 'ingress', dst, src, dst, protocol, port)
      : unrestricted();
  const toItself =
    src.kind === 'pod' && dst.kind === 'pod' && src.pod === dst.pod;
  const allowed = toItself || (egress.allowed && ingress.allowed);
  return {
    allowed,
    egress,
    ingress,
    summary: summarize(src, dst, protocol, port, egress, ingress, toItself),
  };
}

function verdictFor(
  index: RuleIndex,
  direction: Direction,
  pod: PeerRef & { kind: 'pod' },
  farEnd: PeerRef,
  destination: PeerRef,
  protocol: Protocol,
  port: number,
): DirectionVerdict {
  const isolatingPolicies = index.isolating[direction][pod.pod.index].map(
    p => p.ref,
  );
  const allowedBy = index.rules[direction][pod.pod.index]
    .filter(
      rule =>
        rule.admits(farEnd) &&
        portRangesContain(
          index.portSets.ranges(rule.portsTowards(destination)),
          protocol,
          port,
        ),
    )
    .map(({ rule }) => ({ policy: rule.policy, rule: rule.index }));
  const isolated = isolatingPolicies.length > 0;
  return {
    isolated,
    isolatingPolicies,
    allowedBy,
    allowed: !isolated || allowedBy.length > 0,
  };
}

/** An address outside the cluster has no policies of its own. */
function unrestricted(): DirectionVerdict {
  return {
    isolated: false,
    isolatingPolicies: [],
    allowedBy: [],
    allowed: true,
  };
}

function describePeer(peer: PeerRef): string {
  return peer.kind === 'pod'
    ? peer.pod.ref
    : `address ${formatIpAddress(peer.address.family, peer.address.value)}`;
}

function describeDirection(
  direction: Direction,
  verdict: DirectionVerdict,
  pod: PeerRef,
): string {
  const side = direction === 'egress' ? 'egress' : 'ingress';
  if (pod.kind !== 'pod') return `${side}: not applicable outside the cluster`;
  if (!verdict.isolated) {
    return `${side} of ${pod.pod.ref}: not isolated by any policy`;
  }
  const by = `isolated by ${verdict.isolatingPolicies.join(', ')}`;
  if (verdict.allowedBy.length === 0) {
    return `${side} of ${pod.pod.ref}: ${by}, and no ${side} rule admits it`;
  }
  const rules = verdict.allowedBy
    .map(r => `${r.policy} ${side}[${r.rule}]`)
    .join(', ');
  return `${side} of ${pod.pod.ref}: ${by}; admitted by ${rules}`;
}

function summarize(
  src: PeerRef,
  dst: PeerRef,
  protocol: Protocol,
  port: number,
  egress: DirectionVerdict,
  ingress: DirectionVerdict,
  toItself: boolean,
): string {
  const connection = `${describePeer(src)} -> ${describePeer(
    dst,
  )} on ${protocol} ${port}`;
  if (toItself) {
    return `${connection}: allowed, because a pod can always reach itself`;
  }
  const parts = [
    describeDirection('egress', egress, src),
    describeDirection('ingress', ingress, dst),
  ];
  const verdict = egress.allowed && ingress.allowed ? 'allowed' : 'denied';
  return `${connection}: ${verdict} (${parts.join('; ')})`;
}
