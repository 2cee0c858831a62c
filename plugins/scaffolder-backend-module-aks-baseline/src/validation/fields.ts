import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';
import { PORT_MAX, PORT_MIN, compiledPattern } from './rules';

/*
 * Field builders for the actions' input schemas, and the one parser the
 * handlers run. An action declares its input as `{ field: z => schema }`
 * (the scaffolder turns that into the JSON schema it checks, and the form
 * and the template editor show); the handler parses its input with the
 * same field definitions, so what the schema says and what the handler
 * does cannot drift apart. Every issue becomes an `InputError` naming the
 * field path and the rule it broke.
 */

/**
 * The zod API the scaffolder passes to schema callbacks: zod's v3 API, from
 * the same zod release (this package asks for the range
 * @backstage/plugin-scaffolder-node asks for).
 */
export type ZodImpl = typeof zod;

/** Any schema of that API. */
export type ZodSchema = zod.ZodTypeAny;

/** An action's input: one schema callback per field. */
export type FieldSchemas = Record<string, (z: ZodImpl) => ZodSchema>;

/** What parsing input with these fields gives (defaults applied). */
export type ParsedInput<F extends FieldSchemas> = {
  [K in keyof F]: ReturnType<F[K]>['_output'];
};

/** A rule a text field follows, with the words its errors use. */
export interface TextRule {
  /** Completes "must be ...", e.g. "an RFC 1123 label (lowercase ...)". */
  description: string;
  /** Anchored, ASCII-only: the JSON schema (and so the form) carries it. */
  pattern: string;
  maxLength?: number;
  /** What a pattern cannot say (host bits, reserved names): the handler checks it. */
  holds?: (value: string) => boolean;
}

/** True when `value` follows `rule` (outside a schema, e.g. for outputs). */
export function follows(rule: TextRule, value: string): boolean {
  return fitsPattern(rule, value) && (rule.holds?.(value) ?? true);
}

/** The rule's length and pattern, not `holds`. */
function fitsPattern(rule: TextRule, value: string): boolean {
  return (
    (rule.maxLength === undefined || value.length <= rule.maxLength) &&
    compiledPattern(rule.pattern).test(value)
  );
}

/** Every issue of a schema reports `message` (what the value must be). */
const reports = (message: string) => ({ errorMap: () => ({ message }) });

/** A rule with a check beyond its pattern. */
export type CheckedTextRule = TextRule & { holds: (value: string) => boolean };

/** A rule that is its pattern and length only. */
export type PatternRule = TextRule & { holds?: undefined };

/**
 * A string field following `rule`. A rule's pattern and length are plain
 * string checks (the JSON schema carries them, also for map keys); only a
 * rule with `holds` adds a refinement, which JSON schema cannot show.
 */
export function text(
  z: ZodImpl,
  rule: CheckedTextRule,
): zod.ZodEffects<zod.ZodString>;
export function text(z: ZodImpl, rule: PatternRule): zod.ZodString;
export function text(z: ZodImpl, rule: TextRule) {
  let schema = z.string(reports(rule.description));
  if (rule.maxLength !== undefined) schema = schema.max(rule.maxLength);
  schema = schema.regex(compiledPattern(rule.pattern));
  const { holds } = rule;
  // zod runs refinements after failed checks too: check only text that
  // passed them (a failure is reported already).
  return holds
    ? schema.refine(value => !fitsPattern(rule, value) || holds(value), {
        message: rule.description,
      })
    : schema;
}

/** An integer in a range; text is refused, as the JSON schema refuses it. */
export function integer(
  z: ZodImpl,
  range: { min: number; max: number; what: string },
) {
  return z
    .number(
      reports(`${range.what}: an integer from ${range.min} to ${range.max}`),
    )
    .int()
    .min(range.min)
    .max(range.max);
}

export const port = (z: ZodImpl) =>
  integer(z, { min: PORT_MIN, max: PORT_MAX, what: 'a port number' });

export const bool = (z: ZodImpl) => z.boolean(reports('true or false'));

/** A list of `size.min` to `size.max` items. */
export function list<T extends ZodSchema>(
  z: ZodImpl,
  item: T,
  size: { min: number; max: number },
) {
  return z
    .array(item, reports(`a list of ${size.min} to ${size.max} items`))
    .min(size.min)
    .max(size.max);
}

/** One of a few words. */
export function oneOf<T extends string>(z: ZodImpl, values: [T, ...T[]]) {
  return z.enum(values, reports(`one of ${values.join(', ')}`));
}

const inRange = (n: number, min: number, max: number) => n >= min && n <= max;

/**
 * A map of keys and values following their rules, with 1 to 16 entries.
 * Pattern rules only: the JSON schema shows them as `propertyNames` and
 * `additionalProperties`.
 */
export function labelMap(
  z: ZodImpl,
  rules: { key: PatternRule; value: PatternRule },
  why: string,
) {
  const what = `a map of 1 to 16 labels (${why})`;
  return z
    .record(text(z, rules.key), text(z, rules.value), reports(what))
    .refine(map => inRange(Object.keys(map).length, 1, 16), {
      message: what,
    });
}

/** An object of known fields only (unknown ones are errors, not ignored). */
export function fieldsObject(z: ZodImpl, fields: FieldSchemas) {
  return z
    .object(
      Object.fromEntries(
        Object.entries(fields).map(([name, field]) => [name, field(z)]),
      ),
      reports('an object of the known input fields'),
    )
    .strict();
}

const parsers = new WeakMap<FieldSchemas, ZodSchema>();

/**
 * An action's raw input -> its parsed fields (defaults applied), or an
 * `InputError` naming every field at fault and the rule each broke. Pure.
 */
export function parseActionInput<F extends FieldSchemas>(
  fields: F,
  raw: unknown,
): ParsedInput<F> {
  let schema = parsers.get(fields);
  if (!schema) {
    schema = fieldsObject(zod, fields);
    parsers.set(fields, schema);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data as ParsedInput<F>;
  throw new InputError(
    describeIssues(result.error.issues, raw, Object.keys(fields)),
  );
}

type Issue = {
  path: Array<string | number>;
  message: string;
  code: string;
  keys?: string[];
};

/** One sentence per field at fault (the first issue of each). */
function describeIssues(
  issues: Issue[],
  raw: unknown,
  knownFields: string[],
): string {
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known =
        issue.path.length === 0 ? ` (${knownFields.join(', ')})` : '';
      for (const key of issue.keys ?? []) {
        const path = fieldPath([...issue.path, key]);
        byPath.set(
          path,
          invalidInput(
            path,
            `one of the known fields${known}, not an unknown one`,
          ).message,
        );
      }
      continue;
    }
    const path = fieldPath(issue.path) || 'input';
    if (byPath.has(path)) continue;
    const value = valueAt(raw, issue.path);
    byPath.set(
      path,
      value === undefined
        ? invalidInput(path, `given: ${issue.message}`).message
        : invalidInput(path, issue.message, value).message,
    );
  }
  return [...byPath.values()].join('. ');
}

function valueAt(raw: unknown, path: Array<string | number>): unknown {
  return path.reduce<any>(
    (value, key) =>
      value !== null && typeof value === 'object' ? value[key] : undefined,
    raw,
  );
}

/** `egress[0].ports[1].port`, `traefikPodLabels["app.kubernetes.io/name"]`. */
function fieldPath(path: Array<string | number>): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** The error for a value that breaks a rule: "Invalid input 'x': must be ...". */
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
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
