import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { sharedDir } from './sharedDir';

/**
 * Strict validation of Kubernetes objects against the official schemas in
 * `shared/schemas`: the Kubernetes OpenAPI v3 documents, the Traefik v3 CRDs
 * and the Secrets Store CSI CRDs. Test-only (reads files beside the repo).
 *
 * The published schemas accept unknown fields; like `kubeconform -strict`,
 * every object schema that lists `properties` and says nothing about extra
 * ones is closed, so a typo such as `lables` fails instead of being ignored.
 */
export interface KubernetesSchemaValidator {
  /** Validates one object, choosing the schema by its apiVersion and kind. */
  validate(object: unknown): { valid: boolean; errors: string[] };
  /** The `apiVersion kind` pairs there is a schema for. */
  knownKinds(): string[];
}

type JsonSchema = { [key: string]: unknown };

// Absolute ids, so references between documents resolve.
const ID_BASE = 'https://schemas.aks-baseline.test';

const OBJECT_META_NAME = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

let cached: KubernetesSchemaValidator | undefined;

/** The validator for `shared/schemas`, loaded once per test process. */
export function kubernetesSchemas(): KubernetesSchemaValidator {
  if (!cached) {
    cached = loadKubernetesSchemas(sharedDir('schemas'));
  }
  return cached;
}

export function loadKubernetesSchemas(
  schemasDir: string,
): KubernetesSchemaValidator {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
  });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'int-or-string', 'quantity']) {
    ajv.addFormat(format, true);
  }

  // apiVersion + ' ' + kind -> ajv schema reference
  const refs = new Map<string, string>();
  let objectMetaRef: string | undefined;

  const kubernetesDir = join(schemasDir, 'kubernetes');
  for (const file of readdirSync(kubernetesDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(join(kubernetesDir, file), 'utf8'));
    const schemas: Record<string, JsonSchema> = doc.components?.schemas ?? {};
    for (const schema of Object.values(schemas)) closeObjectSchemas(schema);
    const id = `${ID_BASE}/kubernetes/${file}`;
    ajv.addSchema({ components: { schemas } }, id);
    for (const [name, schema] of Object.entries(schemas)) {
      const gvks = schema['x-kubernetes-group-version-kind'] as
        | Array<{ group: string; version: string; kind: string }>
        | undefined;
      for (const gvk of gvks ?? []) {
        const apiVersion = gvk.group
          ? `${gvk.group}/${gvk.version}`
          : gvk.version;
        const key = `${apiVersion} ${gvk.kind}`;
        // The same type is listed in several documents (e.g. meta types);
        // the first one wins, they are identical.
        if (!refs.has(key)) {
          refs.set(key, `${id}#/components/schemas/${name}`);
        }
      }
      if (name === OBJECT_META_NAME && !objectMetaRef) {
        objectMetaRef = `${id}#/components/schemas/${name}`;
      }
    }
  }
  if (!objectMetaRef) {
    throw new Error(`${OBJECT_META_NAME} not found in ${kubernetesDir}`);
  }

  for (const folder of ['traefik-v3', 'secrets-store-csi']) {
    const crdDir = join(schemasDir, folder);
    for (const file of readdirSync(crdDir).sort()) {
      if (!/\.ya?ml$/.test(file)) continue;
      const text = readFileSync(join(crdDir, file), 'utf8');
      for (const doc of parseAllDocuments(text)) {
        const crd = doc.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        const { group, names, versions } = crd.spec;
        for (const version of versions ?? []) {
          const key = `${group}/${version.name} ${names.kind}`;
          const openApi = version.schema?.openAPIV3Schema;
          if (!openApi || refs.has(key)) continue;
          const schema = structuredClone(openApi) as JsonSchema;
          // CRDs declare metadata as a bare object; the API server still
          // applies ObjectMeta, so validate it as such.
          (schema.properties as JsonSchema).metadata = { $ref: objectMetaRef };
          closeObjectSchemas(schema);
          const id = `${ID_BASE}/crd/${key.replace(' ', '/')}`;
          ajv.addSchema(schema, id);
          refs.set(key, id);
        }
      }
    }
  }

  const compiled = new Map<string, ValidateFunction>();
  return {
    knownKinds: () => [...refs.keys()].sort(),
    validate(object) {
      const { apiVersion, kind } = (object ?? {}) as Record<string, unknown>;
      const key = `${apiVersion} ${kind}`;
      const ref = refs.get(key);
      if (!ref) {
        return { valid: false, errors: [`no schema for ${key}`] };
      }
      let validateFn = compiled.get(ref);
      if (!validateFn) {
        validateFn = ajv.getSchema(ref);
        if (!validateFn) throw new Error(`schema ${ref} did not compile`);
        compiled.set(ref, validateFn);
      }
      const valid = validateFn(object) as boolean;
      return {
        valid,
        errors: valid ? [] : (validateFn.errors ?? []).map(describeError),
      };
    },
  };
}

/**
 * Adds `additionalProperties: false` to every object schema with
 * `properties` that neither allows extra properties nor preserves unknown
 * fields. Walks schema keywords only, so a property that happens to be named
 * like a keyword is not mistaken for one.
 */
function closeObjectSchemas(schema: unknown): void {
  if (!isSchema(schema)) return;
  if (
    schema.properties &&
    !('additionalProperties' in schema) &&
    !schema['x-kubernetes-preserve-unknown-fields']
  ) {
    schema.additionalProperties = false;
  }
  for (const child of Object.values((schema.properties ?? {}) as JsonSchema)) {
    closeObjectSchemas(child);
  }
  closeObjectSchemas(schema.items);
  closeObjectSchemas(schema.additionalProperties);
  closeObjectSchemas(schema.not);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach(closeObjectSchemas);
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field "${error.params.additionalProperty}"`;
  }
  return `${where}: ${error.message}`;
}
