import { sameArmResourceId } from './armId';

/**
 * Tolerant readers for ARM resources in REST shape, template shape and SDK
 * (flattened) shape. See types.ts for why they exist.
 */

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownValue(source: Record<string, unknown>, key: string): unknown {
  if (key in source) return source[key];
  // A miss is the common case (REST shape nests most settings under
  // `properties`), and resolving a fleet reads millions of paths: compare
  // lengths before lower-casing, and allocate no key list.
  let lower: string | undefined;
  for (const candidate in source) {
    if (candidate.length !== key.length) continue;
    lower ??= key.toLowerCase();
    if (candidate.toLowerCase() === lower) return source[candidate];
  }
  return undefined;
}

/**
 * Each dotted path split once: paths are constants of the code (a few
 * hundred); the bound only guards against a caller that builds them from data.
 */
const splitPaths = new Map<string, string[]>();
const MAX_SPLIT_PATHS = 2000;

function pathKeys(path: string): string[] {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    if (splitPaths.size < MAX_SPLIT_PATHS) splitPaths.set(path, keys);
  }
  return keys;
}

/** One step of a path: the key itself, else the key under `properties`. */
function member(source: unknown, key: string): unknown {
  if (!isRecord(source)) return undefined;
  const direct = ownValue(source, key);
  if (direct !== undefined) return direct;
  const properties = ownValue(source, 'properties');
  return isRecord(properties) ? ownValue(properties, key) : undefined;
}

/**
 * Reads a dotted path (`networkProfile.networkPlugin`) from an ARM resource or
 * sub-resource, descending into `properties` wherever the REST shape nests
 * settings, with case-insensitive keys.
 */
export function readArm(source: unknown, path: string): unknown {
  let current = source;
  for (const key of pathKeys(path)) {
    current = member(current, key);
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

/** The array at `path`, or `[]` when absent or not an array. */
export function readArmList(source: unknown, path: string): unknown[] {
  const value = readArm(source, path);
  return Array.isArray(value) ? value : [];
}

/** A string, or undefined for anything else. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A boolean from `true`/`false` or their string forms: add-on `config` maps
 * (and some templates) carry booleans as strings (`"true"`).
 */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** Case-insensitive string equality; ARM enum values vary in case. */
export function sameText(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** `[expression]` as ARM templates write it (`[[` escapes a literal `[`). */
export function isTemplateExpression(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.startsWith('[') &&
    !value.startsWith('[[') &&
    value.endsWith(']')
  );
}

/**
 * The name a reference points at: the last segment of an ARM id, or for a
 * template expression such as `[resourceId('...', 'agw', 'pool1')]` its last
 * quoted literal (last path segment of it). Undefined when the name is itself
 * computed (`parameters('x')`).
 */
export function referenceName(reference: unknown): string | undefined {
  const id = isRecord(reference) ? asString(reference.id) : asString(reference);
  if (!id) return undefined;
  if (isTemplateExpression(id)) {
    // The name is the final literal argument; a literal that names a
    // parameter or variable says nothing about the resource's name.
    const last = /'([^']*)'[\s)\]]*$/.exec(id);
    if (!last) return undefined;
    if (/(parameters|variables)\(\s*$/i.test(id.slice(0, last.index)))
      return undefined;
    const segments = last[1].split('/').filter(Boolean);
    return segments[segments.length - 1];
  }
  const segments = id.split('/').filter(Boolean);
  return segments[segments.length - 1];
}

function isArmId(text: string): boolean {
  return /^\/subscriptions\//i.test(text);
}

/**
 * Whether `reference` (an `{ id }` or id string) points at `resource`. Full ARM
 * ids compare case-insensitively (ARM ids are case-insensitive: the WAF policy
 * example spells its type two ways); otherwise, as for template resources that
 * have no id, the names are compared.
 */
export function refersTo(reference: unknown, resource: unknown): boolean {
  const refId = isRecord(reference)
    ? asString(reference.id)
    : asString(reference);
  if (!refId || !isRecord(resource)) return false;
  const resourceId = asString(resource.id);
  if (resourceId && isArmId(refId) && isArmId(resourceId)) {
    return sameArmResourceId(refId, resourceId);
  }
  const wanted = referenceName(refId);
  const name = asString(resource.name);
  if (!wanted || !name) return false;
  // Template resource names of child resources are written `parent/child`.
  return name.split('/').pop()!.toLowerCase() === wanted.toLowerCase();
}

/** A short label for messages: the resource's name, else its id, else its type. */
export function resourceLabel(resource: unknown): string {
  if (!isRecord(resource)) return '(unnamed)';
  return (
    asString(resource.name) ??
    asString(resource.id) ??
    asString(resource.type) ??
    '(unnamed)'
  );
}

/** The resource's id when it has a real one (template resources do not). */
export function armId(resource: unknown): string | undefined {
  const id = isRecord(resource) ? asString(resource.id) : undefined;
  return id && !isTemplateExpression(id) ? id : undefined;
}

/** The VNet a subnet reference lies in: its id when the reference is a full ARM id, else its name. */
export interface VirtualNetworkKey {
  id?: string;
  name: string;
}

/**
 * The VNet of a subnet reference (`{ id }` or id string): from a full ARM id
 * (`.../virtualNetworks/{vnet}/subnets/{subnet}`), or from a template's
 * `[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'subnet')]`
 * with literal names. Undefined when the VNet's name is computed.
 */
export function virtualNetworkOfSubnet(
  reference: unknown,
): VirtualNetworkKey | undefined {
  const id = isRecord(reference) ? asString(reference.id) : asString(reference);
  if (!id) return undefined;
  if (isTemplateExpression(id)) {
    if (/(parameters|variables)\(/i.test(id)) return undefined;
    const literals = [...id.matchAll(/'([^']*)'/g)].map(m => m[1]);
    const [type, vnet, subnet] = literals.slice(-3);
    return sameText(type, 'Microsoft.Network/virtualNetworks/subnets') &&
      vnet &&
      subnet
      ? { name: vnet }
      : undefined;
  }
  const match = /^(.*\/virtualNetworks\/([^/]+))\/subnets\/[^/]+\/?$/i.exec(id);
  return match ? { id: match[1], name: match[2] } : undefined;
}

/** Whether two VNet keys name the same VNet: by id when both have one, else by name. */
export function sameVirtualNetwork(
  a: VirtualNetworkKey,
  b: VirtualNetworkKey,
): boolean {
  if (a.id && b.id) return sameArmResourceId(a.id, b.id);
  return a.name.toLowerCase() === b.name.toLowerCase();
}
