/**
 * Packet trace: one request walked hop by hop over a cluster's stored
 * snapshot (ARM inventory + in-cluster objects), each hop naming the rule
 * that decided. Pure; reuses the NetworkPolicy and firewall policy
 * evaluators and the in-cluster model.
 */
import type { CertificateInfo } from '../fleet';
import { modelOf, traceInbound } from './inbound';
import { traceOutbound } from './outbound';
import type {
  TraceInputs,
  TraceRequest,
  TraceResult,
  TraceStep,
} from './types';

export type {
  InboundTraceRequest,
  OutboundTraceRequest,
  TraceDecider,
  TraceHopKind,
  TraceInputs,
  TraceOutcome,
  TraceRequest,
  TraceResult,
  TraceStep,
} from './types';
export { listenerHostMatches } from './gatewayListener';

/** What a trace reads of a stored snapshot. @public */
export interface TraceableSnapshot {
  name: string;
  certificates: CertificateInfo[];
  trace?: TraceInputs;
}

function describe(request: TraceRequest): string {
  if (request.direction === 'inbound')
    return `${request.clientAddress} -> ${request.scheme}://${request.host}:${request.port}${request.path}`;
  const source =
    'pod' in request.source
      ? `${request.source.pod.namespace}/${request.source.pod.name}`
      : `a pod of ${request.source.namespace} labelled ${
          Object.entries(request.source.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || '(none)'
        }`;
  const target =
    'fqdn' in request.destination
      ? request.destination.fqdn
      : request.destination.address;
  return `${source} -> ${target}:${request.port}/${request.protocol}`;
}

/** Marks the hops after the first one that did not pass, and sums up. */
function conclude(request: TraceRequest, steps: TraceStep[]): TraceResult {
  const deciding = steps.findIndex(s => s.outcome !== 'passed');
  const marked = steps.map((s, i) =>
    deciding >= 0 && i > deciding ? { ...s, afterStop: true } : s,
  );
  const what = describe(request);
  if (deciding < 0) {
    return {
      direction: request.direction,
      verdict: 'passed',
      summary: `${what} gets through`,
      steps: marked,
    };
  }
  const step = steps[deciding];
  const rule = step.decidedBy ? ` (${step.decidedBy.name})` : '';
  return {
    direction: request.direction,
    verdict: step.outcome,
    decidingStep: deciding,
    summary:
      step.outcome === 'stopped'
        ? `${what} is stopped at ${step.title}${rule}: ${step.text}`
        : `${what}: not known past ${step.title}: ${step.missing ?? step.text}`,
    steps: marked,
  };
}

/**
 * Traces a request over a stored snapshot. A snapshot stored before traces
 * existed carries no inputs: the answer is unknown and says so.
 * @public
 */
export function traceRequest(
  snapshot: TraceableSnapshot,
  request: TraceRequest,
): TraceResult {
  const inputs = snapshot.trace;
  if (!inputs) {
    const missing =
      'trace inputs: not in snapshot (stored before traces existed; the next refresh adds them)';
    return conclude(request, [
      {
        kind: request.direction === 'inbound' ? 'public-ip' : 'network-policy',
        title: 'Snapshot',
        outcome: 'unknown',
        text: `unknown: ${missing}`,
        missing,
      },
    ]);
  }
  const model = modelOf(inputs);
  const unlisted: TraceStep[] = inputs.unlisted?.length
    ? [
        {
          kind: 'public-ip',
          title: 'Inventory',
          outcome: 'unknown',
          text: `unknown: the last refresh could not list ${inputs.unlisted.join(
            ', ',
          )}; the hops they feed are judged on what was listed`,
          missing: inputs.unlisted.join(', '),
        },
      ]
    : [];
  const steps =
    request.direction === 'inbound'
      ? traceInbound(inputs, snapshot.certificates, request, model)
      : traceOutbound(inputs, request, model);
  return conclude(request, [...unlisted, ...steps]);
}
