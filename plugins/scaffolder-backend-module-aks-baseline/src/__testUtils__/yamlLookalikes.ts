/*
 * Strings that look like something else to some YAML reader: every YAML 1.1
 * bool and null form in every letter case, integers in bases 2, 8, 10, 16
 * and 60 with signs and '_', floats (exponents, '.inf', '.NaN', '_'),
 * dates and timestamps, the merge key and other indicators. Generated from
 * the YAML 1.1 type definitions (yaml.org/type/{bool,null,int,float,
 * timestamp,merge,value}.html), the YAML 1.2 core schema, and the extra
 * number forms Go's strconv accepts (0X, 0O, 0B prefixes), not from the
 * serializer under test. Test-only.
 */

/** Every upper/lower-case spelling of a word: yes -> yes, yeS, yEs, ... YES. */
export function everyCase(word: string): string[] {
  return [...word].reduce<string[]>(
    (spellings, char) =>
      spellings.flatMap(prefix =>
        char.toLowerCase() === char.toUpperCase()
          ? [prefix + char]
          : [prefix + char.toLowerCase(), prefix + char.toUpperCase()],
      ),
    [''],
  );
}

const WORDS = [
  // YAML 1.1 bool
  'y',
  'yes',
  'n',
  'no',
  'true',
  'false',
  'on',
  'off',
  // YAML 1.1 and 1.2 null
  'null',
  // float specials
  'inf',
  'nan',
];

const SIGNS = ['', '-', '+'];

const INTEGERS = [
  // base 2
  '0b1',
  '0b1010',
  '0b1_0',
  '0B1',
  '0B_1',
  // base 8: YAML 1.1 (leading 0), YAML 1.2 (0o), Go (0O)
  '07',
  '017',
  '0755',
  '0_17',
  '0o17',
  '0o1_7',
  '0O7',
  // base 10
  '0',
  '00',
  '08',
  '09',
  '1',
  '42',
  '1_000',
  '1__0',
  '1_',
  '12345678901234567890',
  // base 16
  '0x1f',
  '0x1F',
  '0X1F',
  '0x_1F',
  '0xdeadbeef',
  // base 60
  '1:20',
  '190:20:30',
];

const FLOATS = [
  '1.5',
  '1.',
  '.5',
  '0.',
  '1_000.5',
  '1e3',
  '1E3',
  '1e+3',
  '1e-3',
  '1e_3',
  '1.5e3',
  '6.8523015e+5',
  '685.230_15e+03',
  '190:20:30.15',
  '.inf',
  '.Inf',
  '.INF',
  '.nan',
  '.NaN',
  '.NAN',
];

const DATES = [
  '2026-01-01',
  '2026-1-1',
  '2002-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-15T02:59:43.1Z',
  '2001-12-15 2:59:43.10',
];

/** Indicators and other scalars a plain writer could get wrong. */
const OTHERS = [
  // Go's strconv reads these as floats too (YAML readers do not).
  'infinity',
  'Infinity',
  '+Inf',
  '-NaN',
  '~',
  '',
  '<<',
  '=',
  '-',
  '?',
  ':',
  '!',
  '&a',
  '*a',
  '#',
  '%',
  '@',
  '`',
  '|',
  '>',
  "'",
  '"',
  '---',
  '...',
  '- a',
  'a: b',
  'a #b',
  ' a',
  'a ',
  '[a]',
  '{a}',
  ',',
  '0x',
  '0b',
  '0o',
  '0xg',
  '1abc',
  'e3',
  '1e',
  '_1',
  '1-2',
  '1.2.3',
  '10.240.0.4',
  '1.34',
];

/** The corpus: deduplicated, in a stable order. */
export function yamlLookalikes(): string[] {
  const numbers = [...INTEGERS, ...FLOATS].flatMap(n =>
    SIGNS.map(sign => sign + n),
  );
  return [
    ...new Set([...WORDS.flatMap(everyCase), ...numbers, ...DATES, ...OTHERS]),
  ];
}
