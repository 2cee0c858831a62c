import { describeValue, inputError, ObjectContext } from './errors';

/** Small shape checks shared by the validators of every object kind. */

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label map; absent or `null` reads as empty, as the API treats it. */
export function readStringRecord(
  raw: unknown,
  context: ObjectContext,
  field: string,
): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) {
    throw inputError(
      context,
      field,
      `must be a map of strings, got ${describeValue(raw)}`,
    );
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') {
      // YAML turns `version: 1` or `enabled: true` into non-strings; Kubernetes
      // rejects those, so matching them as text would be a guess.
      throw inputError(
        context,
        `${field}.${key}`,
        `must be a string, got ${describeValue(value)}`,
      );
    }
  }
  return raw as Record<string, string>;
}

/** A list field; absent or `null` reads as empty. */
export function readList(
  raw: unknown,
  context: ObjectContext,
  field: string,
): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw inputError(
      context,
      field,
      `must be a list, got ${describeValue(raw)}`,
    );
  }
  return raw;
}

export function readNonEmptyString(
  raw: unknown,
  context: ObjectContext,
  field: string,
): string {
  if (typeof raw !== 'string' || raw === '') {
    throw inputError(
      context,
      field,
      `must be a non-empty string, got ${describeValue(raw)}`,
    );
  }
  return raw;
}

export function isValidPortNumber(value: unknown): value is number {
  return (
    Number.isInteger(value) &&
    (value as number) >= 1 &&
    (value as number) <= 65535
  );
}

/**
 * IANA_SVC_NAME, the syntax Kubernetes requires of port names: at most 15
 * lowercase letters, digits and hyphens, with a letter somewhere, no hyphen at
 * either end and no two hyphens in a row.
 */
export function isValidPortName(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) &&
    !value.includes('--') &&
    /[a-z]/.test(value)
  );
}
