import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedDir } from '../shared/sharedDir';

/**
 * Strict validation of ARM request bodies against Microsoft's REST specs in
 * `shared/azure-specs`. Test-only.
 *
 * Every spec file is registered under a URL that mirrors its path, so the
 * relative `$ref`s between files resolve as published. As published, the
 * specs accept unknown properties; object schemas with `properties` are
 * closed here so that a misspelt field fails.
 */
export interface ArmSchemaValidator {
  /** Validates a value against `definitions/<name>` of a spec file. */
  validate(
    specFile: string,
    definition: string,
    value: unknown,
  ): { valid: boolean; errors: string[] };
}

const ID_BASE = 'https://specs.aks-baseline.test/';

/**
 * Extensible enums (`x-ms-enum` with `modelAsString: true`) whose published
 * known values are known to be incomplete, so ARM's acceptance of other
 * values matters: the data collection rule streams list Windows/VM streams
 * only, while Container insights (AKS docs, mspnp/aks-baseline) sends
 * `Microsoft-ContainerLogV2`, `Microsoft-KubeEvents`... Every other enum stays
 * closed, so a misspelt value there still fails.
 */
const OPEN_ENUMS = new Set([
  'KnownExtensionDataSourceStreams',
  'KnownDataFlowStreams',
]);

let cached: ArmSchemaValidator | undefined;
let cachedStrict: ArmSchemaValidator | undefined;
let cachedResponses: ArmSchemaValidator | undefined;

export function armSchemas(): ArmSchemaValidator {
  if (!cached) cached = loadArmSchemas(sharedDir('azure-specs'));
  return cached;
}

/**
 * Whole ARM resources, strictly: `allOf` parents (Resource, TrackedResource,
 * SubResource...) are merged into their children so that the children can
 * be closed too, and read-only properties (ids, states, etags ARM computes)
 * are refused, as a request body must not set them.
 */
export function strictArmSchemas(): ArmSchemaValidator {
  if (!cachedStrict) {
    cachedStrict = loadArmSchemas(sharedDir('azure-specs'), {
      mergeAllOf: true,
      forbidReadOnly: true,
    });
  }
  return cachedStrict;
}

/**
 * Whole ARM resources as a GET returns them, strictly: like
 * `strictArmSchemas`, but the read-only properties ARM computes (ids,
 * states, URIs) are allowed, as a response carries them.
 */
export function strictArmResponseSchemas(): ArmSchemaValidator {
  if (!cachedResponses) {
    cachedResponses = loadArmSchemas(sharedDir('azure-specs'), {
      mergeAllOf: true,
    });
  }
  return cachedResponses;
}

export interface ArmSchemaOptions {
  /** Merge `allOf` parents into each definition (then close it). */
  mergeAllOf?: boolean;
  /** Refuse properties the spec marks `readOnly`. */
  forbidReadOnly?: boolean;
}

export function loadArmSchemas(
  specsDir: string,
  options: ArmSchemaOptions = {},
): ArmSchemaValidator {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
  });
  for (const format of [
    'int32',
    'int64',
    'uuid',
    'date-time',
    'uri',
    'arm-id',
    'base64url',
    'unixtime',
    'duration',
    'password',
    'byte',
    'double',
    'float',
  ]) {
    ajv.addFormat(format, true);
  }
  // A calendar date, checked (AKS maintenance windows' startDate).
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  const docs = new Map<string, Schema>();
  for (const file of listJsonFiles(join(specsDir, 'specification'))) {
    const id = ID_BASE + relative(specsDir, file);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    // Absolute references survive being copied into another file's schema.
    if (options.mergeAllOf) absolutizeRefs(doc, id);
    docs.set(id, doc);
  }
  if (options.mergeAllOf) {
    const merged = new Set<Schema>();
    for (const doc of docs.values()) {
      for (const definition of Object.values(
        (doc.definitions ?? {}) as Record<string, Schema>,
      )) {
        mergeAllOf(definition, docs, merged);
      }
    }
  }
  for (const [id, doc] of docs) {
    const definitions = Object.values(
      (doc.definitions ?? {}) as Record<string, Schema>,
    );
    if (options.forbidReadOnly) definitions.forEach(forbidReadOnly);
    openExtensibleEnums(doc);
    definitions.forEach(closeObjectSchemas);
    ajv.addSchema(doc, id);
  }
  const compiled = new Map<string, ValidateFunction>();
  return {
    validate(specFile, definition, value) {
      const ref = `${ID_BASE}specification/${specFile}#/definitions/${definition}`;
      let validateFn = compiled.get(ref);
      if (!validateFn) {
        validateFn = ajv.getSchema(ref);
        if (!validateFn) throw new Error(`no schema at ${ref}`);
        compiled.set(ref, validateFn);
      }
      const valid = validateFn(value) as boolean;
      return {
        valid,
        errors: valid ? [] : (validateFn.errors ?? []).map(describeError),
      };
    },
  };
}

/** Rewrites every `$ref` to an absolute id (file URL + fragment). */
function absolutizeRefs(node: unknown, base: string): void {
  if (Array.isArray(node)) {
    node.forEach(item => absolutizeRefs(item, base));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Schema;
  if (typeof record.$ref === 'string') {
    record.$ref = new URL(record.$ref, base).href;
  }
  Object.values(record).forEach(value => absolutizeRefs(value, base));
}

function resolveRef(ref: string, docs: Map<string, Schema>): Schema {
  const [file, pointer = ''] = ref.split('#');
  let node: unknown = docs.get(file);
  for (const segment of pointer.split('/').filter(Boolean)) {
    node = (node as Schema | undefined)?.[decodeURIComponent(segment)];
  }
  if (typeof node !== 'object' || node === null) {
    throw new Error(`unresolved $ref ${ref}`);
  }
  return node as Schema;
}

/**
 * Copies the properties and required fields of every `allOf` parent into
 * the schema (parents first, so a child's own definition wins), then drops
 * `allOf`. Parents are merged before their children.
 */
function mergeAllOf(
  schema: Schema,
  docs: Map<string, Schema>,
  merged: Set<Schema>,
): void {
  if (merged.has(schema)) return;
  merged.add(schema);
  const parts = schema.allOf;
  if (!Array.isArray(parts)) return;
  const properties: Schema = {};
  const required = new Set<string>();
  for (const part of parts as Schema[]) {
    const parent =
      typeof part.$ref === 'string' ? resolveRef(part.$ref, docs) : part;
    mergeAllOf(parent, docs, merged);
    Object.assign(properties, parent.properties ?? {});
    ((parent.required ?? []) as string[]).forEach(r => required.add(r));
  }
  Object.assign(properties, schema.properties ?? {});
  ((schema.required ?? []) as string[]).forEach(r => required.add(r));
  schema.properties = properties;
  if (required.size) schema.required = [...required];
  delete schema.allOf;
}

/** A read-only property may not appear in a request body. */
function forbidReadOnly(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    if (property?.readOnly === true) {
      properties[name] = { not: {}, description: 'read-only' };
    } else {
      forbidReadOnly(property);
    }
  }
  forbidReadOnly(s.items);
  if (typeof s.additionalProperties === 'object') {
    forbidReadOnly(s.additionalProperties);
  }
}

function openExtensibleEnums(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(openExtensibleEnums);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Schema;
  const extension = record['x-ms-enum'] as
    | { name?: string; modelAsString?: boolean }
    | undefined;
  if (extension?.modelAsString && OPEN_ENUMS.has(extension.name ?? ''))
    delete record.enum;
  Object.values(record).forEach(openExtensibleEnums);
}

export function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

type Schema = Record<string, unknown>;

/**
 * Closes object schemas that list `properties` and have no `allOf` parent
 * (an inherited property would otherwise be rejected). Walks schema keywords
 * only: some specs have a property literally named `additionalProperties`.
 */
function closeObjectSchemas(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  // Discriminator bases stay open: their subtypes add properties.
  if (
    s.properties &&
    !('additionalProperties' in s) &&
    !s.allOf &&
    !s.discriminator
  ) {
    s.additionalProperties = false;
  }
  Object.values((s.properties ?? {}) as Schema).forEach(closeObjectSchemas);
  closeObjectSchemas(s.items);
  if (typeof s.additionalProperties === 'object') {
    closeObjectSchemas(s.additionalProperties);
  }
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field "${error.params.additionalProperty}"`;
  }
  if (error.keyword === 'not') {
    return `${where}: read-only, must not be set`;
  }
  return `${where}: ${error.message}`;
}
