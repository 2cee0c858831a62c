import Ajv from 'ajv';

/*
 * The JSON schema an action declares is what the scaffolder checks a step's
 * input against and what the form and the template editor show. The
 * handler may refuse more (rules a schema cannot say), never less: these
 * helpers find the inputs where it accepts what the schema refuses.
 * Test-only.
 */

/** One value of each JSON type, and text that looks like other types. */
export const PROBE_VALUES: unknown[] = [
  '',
  ' ',
  '0',
  '80',
  '1e3',
  'true',
  'null',
  'x',
  0,
  80,
  -1,
  1.5,
  true,
  false,
  null,
  {},
  [],
  ['x'],
  { x: 'y' },
];

/** `base` with the value at `path` (keys and list indexes) replaced. */
export function withValueAt(
  base: unknown,
  path: Array<string | number>,
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(base) ? [...base] : { ...(base as object) };
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

export interface Disagreement {
  path: string;
  value: unknown;
}

/**
 * Every probe value at every top-level field of the schema and at the
 * given nested paths: the ones the schema refuses and `parse` (the
 * handler's parser, which throws on bad input) takes.
 */
export function acceptedDespiteSchema(
  schema: { properties: Record<string, unknown> },
  valid: Record<string, unknown>,
  parse: (input: unknown) => unknown,
  nestedPaths: Array<Array<string | number>> = [],
): Disagreement[] {
  const accepts = (input: unknown) => {
    try {
      parse(input);
      return true;
    } catch {
      return false;
    }
  };
  const validate = new Ajv({ strict: false }).compile(schema);
  const paths = [
    ...Object.keys(schema.properties).map(field => [field]),
    ...nestedPaths,
  ];
  return paths.flatMap(path =>
    PROBE_VALUES.flatMap(value => {
      const input = withValueAt(valid, path, value);
      return !validate(input) && accepts(input)
        ? [{ path: path.join('.'), value }]
        : [];
    }),
  );
}
