import type { TraceDecider, TraceHopKind, TraceStep } from './types';

/** A hop the snapshot cannot decide, saying what it lacks. */
export function unknownStep(
  kind: TraceHopKind,
  title: string,
  missing: string,
  decidedBy?: TraceDecider,
): TraceStep {
  return {
    kind,
    title,
    outcome: 'unknown',
    text: `unknown: ${missing}`,
    missing,
    ...(decidedBy ? { decidedBy } : {}),
  };
}
