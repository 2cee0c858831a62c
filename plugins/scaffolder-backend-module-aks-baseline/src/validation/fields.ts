import { InputError } from '@backstage/errors';
import { PORT_MAX, PORT_MIN, PORT_NUMBER_TEXT_PATTERN, matches } from './rules';

/**
 * Field readers: each takes a raw input value and the field's path, and
 * returns the typed value or throws an `InputError` that names the field
 * and the rule it broke.
 */

/** A named rule: what the error message says, and the test. */
export interface StringRule {
  /** e.g. "an RFC 1123 label (lowercase letters, digits and '-', ...)". */
  description: string;
  test(value: string): boolean;
}

export function invalidInput(
  field: string,
  rule: string,
  value?: unknown,
): InputError {
  const got = value === undefined ? '' : `; got ${preview(value)}`;
  return new InputError(`Invalid input '${field}': must be ${rule}${got}`);
}

/** JSON keeps control characters visible; long values are cut short. */
function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Absent, null and '' all mean "not given" (templates render '' for unset). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function readString(
  value: unknown,
  field: string,
  rule: StringRule,
): string {
  if (isAbsent(value)) throw invalidInput(field, `given: ${rule.description}`);
  if (typeof value !== 'string' || !rule.test(value)) {
    throw invalidInput(field, rule.description, value);
  }
  return value;
}

export function readOptionalString(
  value: unknown,
  field: string,
  rule: StringRule,
): string | undefined {
  return isAbsent(value) ? undefined : readString(value, field, rule);
}

/**
 * An integer in a range. Numeric text is accepted because template
 * parameters can arrive as strings.
 */
export function readInteger(
  value: unknown,
  field: string,
  range: { min: number; max: number; what: string },
): number {
  const rule = `${range.what}: an integer from ${range.min} to ${range.max}`;
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  if (typeof value === 'string' && /^[0-9]{1,6}$/.test(value)) {
    number = Number(value);
  }
  if (
    number === undefined ||
    !Number.isInteger(number) ||
    number < range.min ||
    number > range.max
  ) {
    throw invalidInput(field, rule, value);
  }
  return number;
}

export function readPort(value: unknown, field: string): number {
  if (typeof value === 'string' && !matches(PORT_NUMBER_TEXT_PATTERN, value)) {
    throw invalidInput(
      field,
      `a port number from ${PORT_MIN} to ${PORT_MAX}`,
      value,
    );
  }
  return readInteger(value, field, {
    min: PORT_MIN,
    max: PORT_MAX,
    what: 'a port number',
  });
}

export function readObject(
  value: unknown,
  field: string,
  allowedKeys?: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(field, 'an object', value);
  }
  if (allowedKeys) {
    for (const key of Object.keys(value)) {
      if (!allowedKeys.includes(key)) {
        throw invalidInput(
          `${field ? `${field}.` : ''}${key}`,
          `one of the known fields (${allowedKeys.join(
            ', ',
          )}), not an unknown one`,
        );
      }
    }
  }
  return value as Record<string, unknown>;
}

export function readArray(
  value: unknown,
  field: string,
  size: { min: number; max: number },
): unknown[] {
  if (!Array.isArray(value)) throw invalidInput(field, 'a list', value);
  if (value.length < size.min || value.length > size.max) {
    throw invalidInput(
      field,
      `a list of ${size.min} to ${size.max} items (has ${value.length})`,
    );
  }
  return value;
}
