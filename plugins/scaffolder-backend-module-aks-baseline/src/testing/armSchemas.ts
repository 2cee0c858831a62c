// A test helper: its dev dependencies never reach production code.
// eslint-disable-next-line @backstage/no-undeclared-imports
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedDir } from './sharedDir';

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

let cached: ArmSchemaValidator | undefined;

export function armSchemas(): ArmSchemaValidator {
  if (!cached) cached = loadArmSchemas(sharedDir('azure-specs'));
  return cached;
}

export function loadArmSchemas(specsDir: string): ArmSchemaValidator {
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
  for (const file of listJsonFiles(join(specsDir, 'specification'))) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    Object.values(doc.definitions ?? {}).forEach(closeObjectSchemas);
    ajv.addSchema(doc, ID_BASE + relative(specsDir, file));
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

function listJsonFiles(dir: string): string[] {
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
  if (s.properties && !('additionalProperties' in s) && !s.allOf) {
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
  return `${where}: ${error.message}`;
}
