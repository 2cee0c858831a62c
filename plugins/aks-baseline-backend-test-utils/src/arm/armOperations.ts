import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sharedDir } from '../shared/sharedDir';
import { listJsonFiles } from './armSpecs';

/** A GET operation of Microsoft's REST specifications that a request URL names. */
export interface ArmGetOperation {
  /** The spec file, relative to `shared/azure-specs/specification`. */
  specFile: string;
  /** The path template, e.g. `/subscriptions/{subscriptionId}/providers/...`. */
  path: string;
  operationId: string;
  /** `x-ms-pageable`: a list that pages with `nextLink`. */
  pageable: boolean;
}

interface SpecGet extends ArmGetOperation {
  pattern: RegExp;
}

let byVersion: Map<string, SpecGet[]> | undefined;

/**
 * The GET operation of the specification of the URL's `api-version` whose
 * path template matches the URL's path (ARM paths are case-insensitive; a
 * `{resourceUri}`-style parameter spans segments, any other one segment),
 * or undefined when that version's specifications in `shared/azure-specs`
 * have none. Test-only.
 */
export function findArmGetOperation(url: string): ArmGetOperation | undefined {
  const parsed = new URL(url);
  const version = parsed.searchParams.get('api-version');
  if (!version) return undefined;
  const path = decodeURIComponent(parsed.pathname);
  const found = specGets()
    .get(version)
    ?.find(operation => operation.pattern.test(path));
  if (!found) return undefined;
  const { pattern: _pattern, ...operation } = found;
  return operation;
}

function specGets(): Map<string, SpecGet[]> {
  if (byVersion) return byVersion;
  byVersion = new Map();
  const root = sharedDir('azure-specs', 'specification');
  for (const file of listJsonFiles(root)) {
    const specFile = relative(root, file).split(sep).join('/');
    const version = /\/(?:stable|preview)\/([^/]+)\//.exec(specFile)?.[1];
    if (!version || specFile.includes('/examples/')) continue;
    const doc = JSON.parse(readFileSync(join(file), 'utf8')) as {
      paths?: Record<string, { get?: Record<string, unknown> }>;
    };
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (!item.get) continue;
      const list = byVersion.get(version) ?? [];
      list.push({
        specFile,
        path,
        operationId: String(item.get.operationId ?? ''),
        pageable: 'x-ms-pageable' in item.get,
        pattern: pathPattern(path),
      });
      byVersion.set(version, list);
    }
  }
  return byVersion;
}

/** A path template as a case-insensitive pattern of the whole path. */
function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map(part => {
      if (!part.startsWith('{'))
        return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      // A resource URI or scope stands for a whole id; other parameters are one segment.
      return /uri|scope/i.test(part) ? '.+' : '[^/]+';
    })
    .join('');
  return new RegExp(`^${source}$`, 'i');
}
