import type { Match } from './addressMatch';

/** What a Traefik router rule is matched against. */
export interface RuleRequest {
  host: string;
  path: string;
  clientAddress?: string;
}

type Node =
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; operand: Node }
  | { op: 'call'; name: string; args: string[] };

/**
 * A small parser for Traefik router rules: matchers (`Host`, `PathPrefix`...)
 * joined by `&&`, `||`, `!` and parentheses
 * (https://doc.traefik.io/traefik/routing/routers/#rule).
 */
function parseRule(rule: string): Node {
  const tokens =
    rule.match(/&&|\|\||!|\(|\)|,|`[^`]*`|"[^"]*"|'[^']*'|[A-Za-z]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (expected && token !== expected)
      throw new Error(
        `expected ${expected} in rule ${rule}, got ${token ?? 'the end'}`,
      );
    return token;
  };
  const primary = (): Node => {
    if (peek() === '!') {
      take();
      return { op: 'not', operand: primary() };
    }
    if (peek() === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    const name = take();
    if (!name || !/^[A-Za-z]+$/.test(name))
      throw new Error(`unexpected ${name ?? 'end'} in rule ${rule}`);
    take('(');
    const args: string[] = [];
    while (peek() !== ')') {
      const arg = take();
      if (arg === undefined)
        throw new Error(`unclosed ${name}( in rule ${rule}`);
      if (arg !== ',') args.push(arg.slice(1, -1));
    }
    take(')');
    return { op: 'call', name, args };
  };
  const and = (): Node => {
    let left = primary();
    while (peek() === '&&') {
      take();
      left = { op: 'and', left, right: primary() };
    }
    return left;
  };
  function or(): Node {
    let left = and();
    while (peek() === '||') {
      take();
      left = { op: 'or', left, right: and() };
    }
    return left;
  }
  const tree = or();
  if (at < tokens.length)
    throw new Error(`unexpected ${tokens[at]} in rule ${rule}`);
  return tree;
}

const hostMatches = (pattern: string, host: string) =>
  pattern.toLowerCase() === host.toLowerCase();

function callMatches(
  name: string,
  args: string[],
  request: RuleRequest,
): Match {
  const any = (test: (arg: string) => boolean): Match =>
    args.some(test) ? 'yes' : 'no';
  switch (name) {
    case 'Host':
      return any(a => hostMatches(a, request.host));
    case 'HostRegexp':
      return any(a => new RegExp(a, 'i').test(request.host));
    case 'Path':
      return any(a => a === request.path);
    case 'PathPrefix':
      return any(a => request.path.startsWith(a));
    case 'PathRegexp':
      return any(a => new RegExp(a).test(request.path));
    case 'Method':
      return any(a => a.toUpperCase() === 'GET');
    default:
      // Headers, queries and the like are not part of the trace's request.
      return 'maybe';
  }
}

function evaluate(node: Node, request: RuleRequest): Match {
  switch (node.op) {
    case 'call':
      return callMatches(node.name, node.args, request);
    case 'not': {
      const inner = evaluate(node.operand, request);
      if (inner === 'maybe') return 'maybe';
      return inner === 'yes' ? 'no' : 'yes';
    }
    case 'and': {
      const [l, r] = [
        evaluate(node.left, request),
        evaluate(node.right, request),
      ];
      if (l === 'no' || r === 'no') return 'no';
      return l === 'yes' && r === 'yes' ? 'yes' : 'maybe';
    }
    default: {
      const [l, r] = [
        evaluate(node.left, request),
        evaluate(node.right, request),
      ];
      if (l === 'yes' || r === 'yes') return 'yes';
      return l === 'no' && r === 'no' ? 'no' : 'maybe';
    }
  }
}

/** Whether a rule matches the request; throws on a rule Traefik would refuse to parse. */
export function ruleMatches(rule: string, request: RuleRequest): Match {
  return evaluate(parseRule(rule), request);
}

/** A router as Traefik ranks it. */
export interface RankedRouter<T> {
  router: T;
  rule: string;
  /** Explicit priority, when set (0 means unset, as in Traefik). */
  priority?: number;
}

/**
 * The router's effective priority: the one set, else the rule's length,
 * so longer (more specific) rules win
 * (https://doc.traefik.io/traefik/routing/routers/#priority).
 */
export const effectivePriority = (r: RankedRouter<unknown>) =>
  r.priority && r.priority > 0 ? r.priority : r.rule.length;

/** The routers in the order Traefik tries them: highest effective priority first. */
export function byTraefikPriority<T>(
  routers: RankedRouter<T>[],
): RankedRouter<T>[] {
  return [...routers].sort(
    (a, b) => effectivePriority(b) - effectivePriority(a),
  );
}
