import { isRecord } from '../arm/read';
import type { KubernetesObject } from '../controls/types';
import {
  commandLineOf as argsOf,
  nameOf,
  namespaceOf,
  readField,
  readList,
} from './objects';

/**
 * Traefik's file configuration as its Deployment mounts it from ConfigMaps:
 * the static file (`--configFile`, else Traefik's default location) and the
 * file provider's `filename` or `directory`, followed through the container's
 * volumeMounts and the pod's `configMap` volumes (with `items` and `subPath`)
 * to ConfigMap keys. Pure: the caller reads the objects and parses YAML (the
 * common package carries no YAML parser, it is bundled into the frontend).
 */

/** A ConfigMap key as a file in Traefik's container. */
export interface TraefikMountedFile {
  path: string;
  /** `namespace/name key`, for messages. */
  source: string;
  text: string;
}

/** Parses one YAML document; throws when it is not YAML. */
export type ParseYaml = (text: string) => unknown;

export interface TraefikFileConfiguration {
  /** The static configuration file, parsed; absent when not found or not readable. */
  staticConfig?: Record<string, unknown>;
  /**
   * The file provider's configuration, parsed (several files merged); `{}`
   * when the static file was read and enables no file provider.
   */
  dynamicConfig?: Record<string, unknown>;
  /** Why a file Traefik reads was not read (not from a ConfigMap, TOML, not YAML). */
  notes: string[];
}

/** Where Traefik looks without `--configFile` that a ConfigMap mount can fill. */
const DEFAULT_STATIC_FILES = [
  '/etc/traefik/traefik.toml',
  '/etc/traefik/traefik.yml',
  '/etc/traefik/traefik.yaml',
];

type Format = 'yaml' | 'toml' | 'other';

/** Traefik decodes a file by its extension, and its file provider skips any other. */
function formatOf(path: string): Format {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.toml$/i.test(path)) return 'toml';
  return 'other';
}

export function readTraefikFileConfiguration(
  deployment: KubernetesObject | undefined,
  configMaps: KubernetesObject[],
  parseYaml: ParseYaml,
): TraefikFileConfiguration {
  const container = traefikContainer(deployment);
  if (!deployment || !container) return { notes: [] };
  const args = argsOf(container);
  const files = mountedFiles(deployment, container, configMaps);
  const notes: string[] = [];
  const parse = parseWith(parseYaml, notes, path =>
    mountedFrom(deployment, container, configMaps, path),
  );

  const staticPath =
    args.get('configfile') ??
    DEFAULT_STATIC_FILES.find(p => files.some(f => f.path === p));
  if (!staticPath) {
    // Configured by its args alone: the file provider, if any, is an arg.
    return {
      dynamicConfig: dynamicFrom(
        args.get('providers.file.filename'),
        args.get('providers.file.directory'),
        files,
        parse,
      ),
      notes,
    };
  }
  const staticConfig = parse(
    staticPath,
    files.find(f => f.path === staticPath),
  );
  if (!staticConfig) return { notes };
  const filename = readField(staticConfig, 'providers.file.filename');
  const directory = readField(staticConfig, 'providers.file.directory');
  return {
    staticConfig,
    dynamicConfig:
      filename === undefined && directory === undefined
        ? {}
        : dynamicFrom(
            typeof filename === 'string' ? filename : undefined,
            typeof directory === 'string' ? directory : undefined,
            files,
            parse,
          ),
    notes,
  };
}

/** The container that runs Traefik: the one given a config file, else the first. */
function traefikContainer(deployment: KubernetesObject | undefined) {
  const containers = readList(deployment, 'spec.template.spec.containers');
  return containers.find(c => argsOf(c).has('configfile')) ?? containers.at(0);
}

/** Every ConfigMap key the container sees as a file, at its path. */
function mountedFiles(
  deployment: KubernetesObject,
  container: unknown,
  configMaps: KubernetesObject[],
): TraefikMountedFile[] {
  const namespace = namespaceOf(deployment);
  const volumes = readList(deployment, 'spec.template.spec.volumes');
  return readList(container, 'volumeMounts').flatMap(mount => {
    const volume = volumes.find(
      v => readField(v, 'name') === readField(mount, 'name'),
    );
    const mapName = readField(volume, 'configMap.name');
    const configMap = configMaps.find(
      m => nameOf(m) === mapName && namespaceOf(m) === namespace,
    );
    if (!configMap) return [];
    const data = readField(configMap, 'data');
    const text = (key: string) =>
      isRecord(data) && typeof data[key] === 'string' ? data[key] : undefined;
    // Without items every key is a file named after it; with items, only those.
    const items = readList(volume, 'configMap.items');
    const entries = (
      items.length
        ? items.map(i => ({
            key: String(readField(i, 'key')),
            file: String(readField(i, 'path')),
          }))
        : Object.keys(isRecord(data) ? data : {}).map(key => ({
            key,
            file: key,
          }))
    ).filter(e => text(e.key) !== undefined);
    const mountPath = String(readField(mount, 'mountPath') ?? '').replace(
      /\/+$/,
      '',
    );
    const subPath = readField(mount, 'subPath');
    const source = (key: string) => `ConfigMap ${namespace}/${mapName} ${key}`;
    if (typeof subPath === 'string' && subPath !== '') {
      // One file (or a directory of items) of the volume at mountPath.
      return entries.flatMap(e => {
        if (e.file === subPath)
          return [
            { path: mountPath, source: source(e.key), text: text(e.key)! },
          ];
        if (e.file.startsWith(`${subPath}/`))
          return [
            {
              path: `${mountPath}/${e.file.slice(subPath.length + 1)}`,
              source: source(e.key),
              text: text(e.key)!,
            },
          ];
        return [];
      });
    }
    return entries.map(e => ({
      path: `${mountPath}/${e.file}`,
      source: source(e.key),
      text: text(e.key)!,
    }));
  });
}

/** What the volume mounted over `path` is, when it is not a ConfigMap Traefik's files came from. */
function mountedFrom(
  deployment: KubernetesObject,
  container: unknown,
  configMaps: KubernetesObject[],
  path: string,
): string {
  const mount = readList(container, 'volumeMounts').find(m => {
    const at = String(readField(m, 'mountPath') ?? '').replace(/\/+$/, '');
    return path === at || path.startsWith(`${at}/`);
  });
  if (!mount) return 'no volume is mounted there';
  const volume = readList(deployment, 'spec.template.spec.volumes').find(
    v => readField(v, 'name') === readField(mount, 'name'),
  );
  const mapName = readField(volume, 'configMap.name');
  if (typeof mapName === 'string') {
    const ref = `ConfigMap ${namespaceOf(deployment)}/${mapName}`;
    const found = configMaps.some(
      m => nameOf(m) === mapName && namespaceOf(m) === namespaceOf(deployment),
    );
    return found
      ? `${ref} (mounted there) has no such key`
      : `${ref} (mounted there) was not found`;
  }
  const kind = Object.keys(isRecord(volume) ? volume : {}).find(
    k => k !== 'name',
  );
  return `it is mounted from a ${kind ?? 'volume'} volume, not a ConfigMap`;
}

type ParseAt = (
  path: string,
  file: TraefikMountedFile | undefined,
) => Record<string, unknown> | undefined;

/** One file as a record, or why not (a note). */
function parseWith(
  parseYaml: ParseYaml,
  notes: string[],
  whyMissing: (path: string) => string,
): ParseAt {
  return (path, file) => {
    if (!file) {
      notes.push(`Traefik's ${path} not read: ${whyMissing(path)}`);
      return undefined;
    }
    const format = formatOf(path);
    if (format !== 'yaml') {
      notes.push(
        format === 'toml'
          ? `Traefik's ${path} (${file.source}) is TOML, which the portal does not parse`
          : `Traefik's ${path} (${file.source}) has no .yaml, .yml or .toml extension, so Traefik does not read it either`,
      );
      return undefined;
    }
    try {
      const parsed = parseYaml(file.text);
      // An empty file is an empty configuration to Traefik.
      if (parsed === null || parsed === undefined) return {};
      if (isRecord(parsed)) return parsed;
      notes.push(`Traefik's ${path} (${file.source}) is not a YAML mapping`);
    } catch (error) {
      notes.push(
        `Traefik's ${path} (${file.source}) is not valid YAML: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
    return undefined;
  };
}

/**
 * The file provider's configuration: its one file, or every YAML/TOML file
 * under its directory (Traefik walks subdirectories and merges them). A
 * file that cannot be read leaves the whole of it unknown: judging part of
 * the merge could miss the default TLS options another file sets.
 */
function dynamicFrom(
  filename: string | undefined,
  directory: string | undefined,
  files: TraefikMountedFile[],
  parse: ParseAt,
): Record<string, unknown> | undefined {
  if (filename !== undefined)
    return parse(
      filename,
      files.find(f => f.path === filename),
    );
  if (directory === undefined) return undefined;
  const dir = directory.replace(/\/+$/, '');
  const inside = files
    .filter(f => f.path.startsWith(`${dir}/`) && formatOf(f.path) !== 'other')
    .sort((a, b) => a.path.localeCompare(b.path));
  if (inside.length === 0) return parse(dir, undefined);
  const parsed = inside.map(f => parse(f.path, f));
  return parsed.every(Boolean)
    ? parsed.reduce<Record<string, unknown>>((a, b) => deepMerge(a, b!), {})
    : undefined;
}

/** Records merged key by key; elsewhere the later file wins. */
function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const before = merged[key];
    merged[key] =
      isRecord(before) && isRecord(value) ? deepMerge(before, value) : value;
  }
  return merged;
}
