import { describeValue, inputError, ObjectContext } from './errors';
import { isPlainObject, readStringRecord } from './validation';

export type Labels = Readonly<Record<string, string>>;

/** A validated `metav1.LabelSelector`, ready to test label sets. */
export interface CompiledSelector {
  matches(labels: Labels): boolean;
  /** True for `{}`, which matches every label set. */
  readonly matchesEverything: boolean;
  /**
   * A canonical text form; equal keys mean equal selectors, which lets the
   * index evaluate each distinct selector against each pod only once.
   */
  readonly key: string;
}

type Requirement =
  | { operator: 'In' | 'NotIn'; key: string; values: ReadonlySet<string> }
  | { operator: 'Exists' | 'DoesNotExist'; key: string };

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Validates and compiles a label selector. `matchLabels` and every
 * `matchExpressions` requirement are ANDed, as in `metav1.LabelSelectorAsSelector`.
 */
export function compileLabelSelector(
  raw: unknown,
  context: ObjectContext,
  field: string,
): CompiledSelector {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a label selector object, got ${describeValue(raw)}`,
    );
  }
  const requirements: Requirement[] = [];

  const matchLabels = readStringRecord(
    raw.matchLabels,
    context,
    `${field}.matchLabels`,
  );
  for (const [key, value] of Object.entries(matchLabels)) {
    // `matchLabels: {k: v}` is shorthand for `k In (v)`.
    requirements.push({ operator: 'In', key, values: new Set([value]) });
  }

  const expressions = raw.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) {
      throw inputError(
        context,
        `${field}.matchExpressions`,
        `must be a list, got ${describeValue(expressions)}`,
      );
    }
    expressions.forEach((expression, index) => {
      requirements.push(
        compileRequirement(
          expression,
          context,
          `${field}.matchExpressions[${index}]`,
        ),
      );
    });
  }

  return {
    matches: labels => requirements.every(r => requirementHolds(r, labels)),
    matchesEverything: requirements.length === 0,
    key: canonicalKey(requirements),
  };
}

function compileRequirement(
  raw: unknown,
  context: ObjectContext,
  field: string,
): Requirement {
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a requirement object, got ${describeValue(raw)}`,
    );
  }
  const { key, operator, values } = raw;
  if (typeof key !== 'string' || key === '') {
    throw inputError(
      context,
      `${field}.key`,
      `must be a non-empty string, got ${describeValue(key)}`,
    );
  }
  if (!OPERATORS.includes(operator as (typeof OPERATORS)[number])) {
    throw inputError(
      context,
      `${field}.operator`,
      `unknown operator ${describeValue(
        operator,
      )} (expected one of ${OPERATORS.join(', ')})`,
    );
  }
  const hasValues =
    values !== undefined &&
    values !== null &&
    !(Array.isArray(values) && values.length === 0);

  if (operator === 'Exists' || operator === 'DoesNotExist') {
    // The API server rejects values here; accepting them would hide a
    // selector that does not mean what its author thinks.
    if (hasValues) {
      throw inputError(
        context,
        `${field}.values`,
        `must be empty when operator is ${operator}`,
      );
    }
    return { operator, key };
  }

  if (!hasValues) {
    throw inputError(
      context,
      `${field}.values`,
      `must be non-empty when operator is ${operator}`,
    );
  }
  if (!Array.isArray(values)) {
    throw inputError(
      context,
      `${field}.values`,
      `must be a list of strings, got ${describeValue(values)}`,
    );
  }
  values.forEach((value, index) => {
    if (typeof value !== 'string') {
      throw inputError(
        context,
        `${field}.values[${index}]`,
        `must be a string, got ${describeValue(value)}`,
      );
    }
  });
  return {
    operator: operator as 'In' | 'NotIn',
    key,
    values: new Set(values as string[]),
  };
}

function requirementHolds(requirement: Requirement, labels: Labels): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.has(labels[requirement.key]);
    case 'NotIn':
      // A missing label is "not in" any set, as in Kubernetes.
      return !present || !requirement.values.has(labels[requirement.key]);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}

function canonicalKey(requirements: Requirement[]): string {
  const parts = requirements.map(r =>
    'values' in r
      ? `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`
      : `${r.key} ${r.operator}`,
  );
  return JSON.stringify(parts.sort());
}
