import { analyzeNetworkPolicies } from '../netpol';
import type { InClusterModel } from '../inCluster';
import { readList } from '../inCluster/objects';
import { probedSnapshot, SnapshotPod } from '../inCluster/policySnapshot';
import type { OutboundTraceRequest, TraceStep } from './types';

/** A documentation address (TEST-NET-3) standing for an Internet address whose real one DNS gives at run time. */
export const INTERNET_STAND_IN = '203.0.113.10';

const SOURCE_PROBE = 'trace-source[probe]';

function sourcePod(request: OutboundTraceRequest, pods: SnapshotPod[]) {
  if ('pod' in request.source) {
    const { namespace, name } = request.source.pod;
    const found = pods.find(
      p =>
        p.namespace === namespace &&
        (p.name === name || p.name.startsWith(`${name}[`)),
    );
    return found
      ? { ref: { namespace: found.namespace, name: found.name } }
      : { missing: `pod ${namespace}/${name} is not in the snapshot` };
  }
  const { namespace, labels } = request.source;
  const probe: SnapshotPod = {
    namespace,
    name: SOURCE_PROBE,
    labels,
    ports: [],
  };
  return { ref: { namespace, name: SOURCE_PROBE }, probe };
}

/**
 * The source pod's egress as the NetworkPolicy evaluator judges it. For a
 * name, the address is a stand-in unless a private endpoint gives it: an
 * egress ipBlock might admit the real address, so a denial then is unknown.
 */
export function egressPolicyStep(
  model: InClusterModel,
  request: OutboundTraceRequest,
  address: string | undefined,
): TraceStep {
  const base = {
    kind: 'network-policy' as const,
    title: 'NetworkPolicy (egress)',
  };
  const services = model.appServices.map(model.service);
  const snapshot = probedSnapshot(
    model.objects,
    model.traefik,
    model.appNamespaces,
    services,
  );
  const source = sourcePod(request, snapshot.pods);
  if (!source.ref)
    return {
      ...base,
      outcome: 'unknown',
      text: `unknown: ${source.missing}`,
      missing: source.missing,
    };
  const namespaces = snapshot.namespaces.some(
    n => n.name === source.ref.namespace,
  )
    ? snapshot.namespaces
    : [
        ...snapshot.namespaces,
        {
          name: source.ref.namespace,
          labels: { 'kubernetes.io/metadata.name': source.ref.namespace },
        },
      ];
  const analysis = analyzeNetworkPolicies({
    namespaces,
    pods: [
      ...snapshot.pods,
      ...snapshot.probePods,
      ...(source.probe ? [source.probe] : []),
    ],
    policies: snapshot.policies,
  });
  const judged = address ?? INTERNET_STAND_IN;
  const verdict = analysis.explain(
    { pod: source.ref },
    { ip: judged },
    request.protocol,
    request.port,
  );
  const egress = verdict.egress;
  const decider = egress.allowedBy[0]?.policy ?? egress.isolatingPolicies[0];
  const decidedBy = decider
    ? { name: decider, kubernetesObject: `NetworkPolicy ${decider}` }
    : { name: 'no NetworkPolicy isolates the pod for egress' };
  const stand = address
    ? ''
    : ` (${INTERNET_STAND_IN} stands for the name's address)`;
  if (egress.allowed)
    return {
      ...base,
      outcome: 'passed',
      text: `${verdict.summary}${stand}`,
      decidedBy,
    };
  const ipBlocks = snapshot.policies
    .filter(p =>
      egress.isolatingPolicies.includes(
        `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name}`,
      ),
    )
    .some(p =>
      readList(p, 'spec.egress').some(rule =>
        readList(rule, 'to').some(
          peer => (peer as { ipBlock?: unknown }).ipBlock,
        ),
      ),
    );
  if (!address && ipBlocks) {
    const missing = `the address ${
      request.destination && 'fqdn' in request.destination
        ? request.destination.fqdn
        : ''
    } resolves to: an ipBlock of ${egress.isolatingPolicies.join(
      ', ',
    )} may admit it`;
    return {
      ...base,
      outcome: 'unknown',
      text: `unknown: ${missing}`,
      missing,
      decidedBy,
    };
  }
  return {
    ...base,
    outcome: 'stopped',
    text: `${verdict.summary}${stand}`,
    decidedBy,
    fix: `add an egress rule to ${
      egress.isolatingPolicies[0] ?? 'the isolating policy'
    } allowing ${request.protocol} ${request.port} to ${
      address ?? 'the destination'
    }`,
  };
}
