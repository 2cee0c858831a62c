/**
 * A parser for the ARM template expression language, as far as templates
 * written by this project use it: string literals (a quote inside is
 * doubled), integers, `true`/`false`/`null`, function calls with nested
 * arguments, `.property` and `[index]` access. Anything else is a syntax
 * error, so an expression form the generators start to emit fails a test
 * instead of being rendered wrongly.
 *
 * See "Syntax and expressions in ARM templates" (Microsoft Learn): a JSON
 * string is an expression when it starts with `[` and ends with `]`; a
 * leading `[[` escapes the bracket and the rest is a literal.
 */

export type ArmExpression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'call'; name: string; args: ArmExpression[] }
  | { kind: 'property'; target: ArmExpression; name: string }
  | { kind: 'index'; target: ArmExpression; index: ArmExpression };

export class ArmExpressionError extends Error {
  constructor(message: string, readonly expression: string) {
    super(`${message} in ARM expression ${JSON.stringify(expression)}`);
    this.name = 'ArmExpressionError';
  }
}

/** A template string: an expression to evaluate, or a literal (with `[[` unescaped). */
export type TemplateString =
  | { kind: 'expression'; expression: ArmExpression }
  | { kind: 'text'; text: string };

export function classifyTemplateString(value: string): TemplateString {
  if (value.startsWith('[[')) return { kind: 'text', text: value.slice(1) };
  if (value.startsWith('[') && value.endsWith(']')) {
    return { kind: 'expression', expression: parseArmExpression(value) };
  }
  return { kind: 'text', text: value };
}

class Parser {
  constructor(
    private readonly source: string,
    private position: number,
    private readonly end: number,
  ) {}

  atEnd(): boolean {
    return this.position >= this.end;
  }

  fail(message: string): never {
    throw new ArmExpressionError(
      `${message} at offset ${this.position}`,
      this.source,
    );
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.source[this.position])) {
      this.position++;
    }
  }

  private peek(): string {
    return this.atEnd() ? '' : this.source[this.position];
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.peek() !== char) this.fail(`expected "${char}"`);
    this.position++;
  }

  expression(): ArmExpression {
    this.skipSpace();
    let node = this.primary();
    for (;;) {
      const next = this.peek();
      if (next === '.') {
        this.position++;
        node = { kind: 'property', target: node, name: this.identifier() };
      } else if (next === '[') {
        this.position++;
        const index = this.expression();
        this.expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  private primary(): ArmExpression {
    const char = this.peek();
    if (char === "'") return { kind: 'literal', value: this.string() };
    if (/[-0-9]/.test(char)) return { kind: 'literal', value: this.number() };
    if (/[A-Za-z_]/.test(char)) {
      const name = this.identifier();
      this.skipSpace();
      if (this.peek() === '(') return this.call(name);
      const keywords: Record<string, boolean | null> = {
        true: true,
        false: false,
        null: null,
      };
      if (name in keywords) return { kind: 'literal', value: keywords[name] };
      return this.fail(`"${name}" is neither a function call nor a literal`);
    }
    return this.fail(char ? `unexpected "${char}"` : 'unexpected end');
  }

  private call(name: string): ArmExpression {
    this.position++; // (
    const args: ArmExpression[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.position++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.expression());
      this.skipSpace();
      const next = this.peek();
      this.position++;
      if (next === ')') return { kind: 'call', name, args };
      if (next !== ',') this.fail('expected "," or ")"');
    }
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(
      this.source.slice(this.position, this.end),
    );
    if (!match) this.fail('expected a name');
    this.position += match[0].length;
    return match[0];
  }

  /** A single-quoted literal; `''` inside stands for one quote. */
  private string(): string {
    this.position++; // opening quote
    let text = '';
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string');
      const char = this.source[this.position++];
      if (char !== "'") {
        text += char;
      } else if (this.peek() === "'") {
        text += "'";
        this.position++;
      } else {
        return text;
      }
    }
  }

  private number(): number {
    const match = /^-?[0-9]+/.exec(this.source.slice(this.position, this.end));
    if (!match) this.fail('expected a number');
    this.position += match[0].length;
    if (this.peek() === '.' && /[0-9]/.test(this.source[this.position + 1])) {
      this.fail('ARM expressions have integers only');
    }
    return Number(match[0]);
  }
}

/** Parses `[...]` (the brackets included) into a tree. */
export function parseArmExpression(source: string): ArmExpression {
  if (!source.startsWith('[') || !source.endsWith(']')) {
    throw new ArmExpressionError('not enclosed in [ ]', source);
  }
  const parser = new Parser(source, 1, source.length - 1);
  const expression = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the expression');
  return expression;
}
