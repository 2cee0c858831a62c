import { createHash } from 'node:crypto';
import { ArmExpression, ArmExpressionError } from './expressionParser';

/**
 * The template functions the renderer knows, each as Microsoft Learn's
 * "ARM template functions" pages document it. A function missing here
 * throws: rendering must never guess.
 */

/** Where the deployment runs: `resourceGroup()` and `subscription()` answer from it. */
export interface DeploymentScope {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
}

export type ArmValue = unknown;

/** What a function may ask of the template being rendered. */
export interface EvaluationContext {
  scope: DeploymentScope;
  parameter(name: string): ArmValue;
  variable(name: string): ArmValue;
  /** `reference(...)`: the resource the template declares under this id (its properties, or the whole body with `'Full'`). */
  reference(resourceId: string, full: boolean): ArmValue;
}

type ArmFunction = (args: ArmValue[], context: EvaluationContext) => ArmValue;

export function resourceGroupId(scope: DeploymentScope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}`;
}

/** `Namespace/type/child` + names -> `Namespace/type/name/child/name`. */
export function typedPath(type: string, names: string[]): string {
  const [namespace, ...types] = type.split('/');
  if (!namespace.includes('.') || types.length === 0) {
    throw new Error(`not a resource type: ${type}`);
  }
  if (types.length !== names.length) {
    throw new Error(
      `${type} needs ${types.length} name(s), got ${names.length} (${names.join(
        ', ',
      )})`,
    );
  }
  return `${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

const isResourceType = (value: ArmValue) =>
  typeof value === 'string' && /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\//.test(value);

function strings(args: ArmValue[], fn: string): string[] {
  return args.map((arg, i) => {
    if (typeof arg !== 'string') {
      throw new Error(`${fn}: argument ${i + 1} is not a string`);
    }
    return arg;
  });
}

/**
 * `resourceId([subscriptionId], [resourceGroupName], resourceType, name...)`:
 * the type is the first argument shaped like one; zero, one or two
 * arguments before it name the resource group and subscription.
 */
const resourceIdFn: ArmFunction = (args, { scope }) => {
  const values = strings(args, 'resourceId');
  const typeAt = values.findIndex(isResourceType);
  if (typeAt < 0 || typeAt > 2) {
    throw new Error(`resourceId: no resource type in (${values.join(', ')})`);
  }
  const [subscriptionId, resourceGroup] =
    [
      [scope.subscriptionId, scope.resourceGroup],
      [scope.subscriptionId, values[0]],
      [values[0], values[1]],
    ][typeAt] ?? [];
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${typedPath(
    values[typeAt],
    values.slice(typeAt + 1),
  )}`;
};

/** `subscriptionResourceId([subscriptionId], resourceType, name...)`. */
const subscriptionResourceIdFn: ArmFunction = (args, { scope }) => {
  const values = strings(args, 'subscriptionResourceId');
  const typeAt = values.findIndex(isResourceType);
  if (typeAt < 0 || typeAt > 1) {
    throw new Error('subscriptionResourceId: no resource type');
  }
  const subscriptionId = typeAt === 1 ? values[0] : scope.subscriptionId;
  return `/subscriptions/${subscriptionId}/providers/${typedPath(
    values[typeAt],
    values.slice(typeAt + 1),
  )}`;
};

/** `extensionResourceId(baseResourceId, resourceType, name...)`. */
const extensionResourceIdFn: ArmFunction = args => {
  const [base, type, ...names] = strings(args, 'extensionResourceId');
  return `${base}/providers/${typedPath(type, names)}`;
};

/**
 * .NET composite formatting as `format` documents it: `{0}`, `{1}`...,
 * `{{` and `}}` for braces. Format specifiers (`{0:N2}`) are not supported.
 */
const formatFn: ArmFunction = args => {
  const [template, ...rest] = args;
  if (typeof template !== 'string') throw new Error('format: no format string');
  return template.replace(/\{\{|\}\}|\{([^}]*)\}|[{}]/g, (token, index) => {
    if (token === '{{') return '{';
    if (token === '}}') return '}';
    if (index === undefined || !/^\d+$/.test(index)) {
      throw new Error(`format: unsupported placeholder ${token}`);
    }
    if (Number(index) >= rest.length) {
      throw new Error(`format: no argument for ${token}`);
    }
    return stringOf(rest[Number(index)]);
  });
};

/** How `format` and `concat` print a value: JSON for objects and arrays, like ARM. */
function stringOf(value: ArmValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/**
 * `guid(...)`: a deterministic UUID of the arguments. Microsoft documents
 * that it hashes the arguments but not how: this is a name-based UUID
 * (SHA-1, RFC 4122 version 5 layout) of the arguments joined with `-`. It is
 * stable and distinct per input, and nothing compares it with Azure's.
 */
const guidFn: ArmFunction = args => {
  const hash = createHash('sha1')
    .update(strings(args, 'guid').join('-'))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * `uniqueString(...)`: 13 characters, deterministic per arguments, as
 * documented. Not ARM's algorithm (undocumented; a 64-bit MurmurHash in
 * practice): SHA-256 in base32 (a-z, 2-7); nothing compares it with Azure's.
 */
const uniqueStringFn: ArmFunction = args => {
  const digest = createHash('sha256')
    .update(strings(args, 'uniqueString').join('-'))
    .digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let text = '';
  for (let i = 0; i < 13; i++) text += alphabet[digest[i] % 32];
  return text;
};

const concatFn: ArmFunction = args => {
  if (args.length > 0 && args.every(Array.isArray)) {
    return (args as ArmValue[][]).flat(1);
  }
  if (args.some(a => typeof a === 'object' && a !== null)) {
    throw new Error('concat: mixes arrays with other values');
  }
  return args.map(stringOf).join('');
};

const emptyFn: ArmFunction = ([value]) => {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) {
    return value.length === 0;
  }
  if (typeof value === 'object') return Object.keys(value).length === 0;
  throw new Error(`empty: not a string, array or object: ${stringOf(value)}`);
};

const createObjectFn: ArmFunction = args => {
  if (args.length % 2 !== 0) {
    throw new Error('createObject: needs key-value pairs');
  }
  const object: Record<string, ArmValue> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (typeof key !== 'string')
      throw new Error('createObject: key not a string');
    object[key] = args[i + 1];
  }
  return object;
};

function boolean(value: ArmValue, fn: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${fn}: not a boolean`);
  return value;
}

/** Lower-case function name -> implementation. */
export const ARM_FUNCTIONS: Record<string, ArmFunction> = {
  parameters: ([name], context) =>
    context.parameter(strings([name], 'parameters')[0]),
  variables: ([name], context) =>
    context.variable(strings([name], 'variables')[0]),
  resourceid: resourceIdFn,
  subscriptionresourceid: subscriptionResourceIdFn,
  extensionresourceid: extensionResourceIdFn,
  reference: ([target, apiVersion, full], context) => {
    const [resource] = strings([target], 'reference');
    if (apiVersion !== undefined) strings([apiVersion], 'reference');
    if (full !== undefined && full !== 'Full') {
      throw new Error(`reference: unknown option ${stringOf(full)}`);
    }
    const id = resource.startsWith('/')
      ? resource
      : `${resourceGroupId(context.scope)}/providers/${resource}`;
    return context.reference(id, full === 'Full');
  },
  subscription: (_args, { scope }) => ({
    id: `/subscriptions/${scope.subscriptionId}`,
    subscriptionId: scope.subscriptionId,
    tenantId: scope.tenantId,
    displayName: scope.subscriptionId,
  }),
  resourcegroup: (_args, { scope }) => ({
    id: resourceGroupId(scope),
    name: scope.resourceGroup,
    type: 'Microsoft.Resources/resourceGroups',
    location: scope.location,
    properties: { provisioningState: 'Succeeded' },
  }),
  concat: concatFn,
  format: formatFn,
  guid: guidFn,
  uniquestring: uniqueStringFn,
  createobject: createObjectFn,
  empty: emptyFn,
  not: ([value]) => !boolean(value, 'not'),
  if: ([condition, whenTrue, whenFalse]) =>
    boolean(condition, 'if') ? whenTrue : whenFalse,
  equals: ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
  tolower: ([value]) => strings([value], 'toLower')[0].toLowerCase(),
};

/** Evaluates a parsed expression; `source` names it in errors. */
export function evaluateArmExpression(
  expression: ArmExpression,
  context: EvaluationContext,
  source: string,
): ArmValue {
  const evaluate = (node: ArmExpression): ArmValue => {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'call': {
        const fn = ARM_FUNCTIONS[node.name.toLowerCase()];
        if (!fn) {
          throw new ArmExpressionError(
            `unknown function ${node.name}()`,
            source,
          );
        }
        try {
          return fn(node.args.map(evaluate), context);
        } catch (error) {
          if (error instanceof ArmExpressionError) throw error;
          throw new ArmExpressionError((error as Error).message, source);
        }
      }
      case 'property':
        return member(evaluate(node.target), node.name, source);
      case 'index':
        return member(evaluate(node.target), evaluate(node.index), source);
      default:
        throw new ArmExpressionError('unknown node', source);
    }
  };
  return evaluate(expression);
}

/** `.name` and `[index]`: property names match case-insensitively, as in ARM. */
function member(target: ArmValue, key: ArmValue, source: string): ArmValue {
  if (Array.isArray(target) && typeof key === 'number') {
    if (key < 0 || key >= target.length) {
      throw new ArmExpressionError(`index ${key} out of range`, source);
    }
    return target[key];
  }
  if (
    typeof target === 'object' &&
    target !== null &&
    typeof key === 'string'
  ) {
    const record = target as Record<string, ArmValue>;
    const found = Object.keys(record).find(
      k => k.toLowerCase() === key.toLowerCase(),
    );
    if (found === undefined) {
      throw new ArmExpressionError(
        `no property "${key}" (has ${
          Object.keys(record).join(', ') || 'none'
        })`,
        source,
      );
    }
    return record[found];
  }
  throw new ArmExpressionError(`cannot read ${stringOf(key)} here`, source);
}
