/**
 * Raised for input the evaluator refuses to interpret. Guessing would turn a
 * typo into a silent allow or deny, which is worse than no answer.
 */
export class NetworkPolicyInputError extends Error {
  /** `namespace/name` of the offending object (just `name` for a Namespace). */
  readonly objectRef: string;
  /** The offending object's kind: `NetworkPolicy`, `Pod` or `Namespace`. */
  readonly objectKind: string;
  /** JSON path of the offending field, e.g. `spec.ingress[0].ports[1].protocol`. */
  readonly field: string;

  constructor(
    objectKind: string,
    objectRef: string,
    field: string,
    problem: string,
  ) {
    super(`${objectKind} ${objectRef}: ${field}: ${problem}`);
    this.name = 'NetworkPolicyInputError';
    this.objectKind = objectKind;
    this.objectRef = objectRef;
    this.field = field;
  }
}

/** Identifies the object being validated, so nested validators can report against it. */
export interface ObjectContext {
  kind: string;
  ref: string;
}

export function inputError(
  context: ObjectContext,
  field: string,
  problem: string,
): NetworkPolicyInputError {
  return new NetworkPolicyInputError(context.kind, context.ref, field, problem);
}

/** Renders a value for an error message without flooding it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
