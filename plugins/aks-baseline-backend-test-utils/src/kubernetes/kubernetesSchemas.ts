/*
 * Test-only: strict validation of Kubernetes objects against the official
 * schemas in `shared/schemas` (Kubernetes 1.35 OpenAPI v3, Traefik v3 CRDs,
 * Secrets Store CSI CRDs), read where they are.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../shared/sharedDir';

type Schema = Record<string, any>;

export interface SchemaVerdict {
  valid: boolean;
  errors: string[];
}

/** `<shared>/schemas`, beside the repository (or `$AKS_BASELINE_SHARED_DIR/schemas`). */
export function schemasDir(): string {
  return sharedDir('schemas');
}

/**
 * One validator per process: compiling the OpenAPI documents takes seconds.
 * Like `kubeconform -strict`, object schemas that list properties and do not
 * say otherwise are closed, so a misspelt field fails.
 */
export class KubernetesSchemas {
  private static instance?: KubernetesSchemas;
  private readonly ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
  });
  /** `apiVersion kind` -> schema reference. */
  private readonly refs = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  static shared(): KubernetesSchemas {
    this.instance ??= new KubernetesSchemas(schemasDir());
    return this.instance;
  }

  constructor(dir: string) {
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'int-or-string', 'quantity']) {
      this.ajv.addFormat(format, true);
    }
    const objectMetaRef = this.loadOpenApi(join(dir, 'kubernetes'));
    for (const folder of ['traefik-v3', 'secrets-store-csi']) {
      this.loadCrds(join(dir, folder), objectMetaRef);
    }
  }

  has(apiVersion: string, kind: string): boolean {
    return this.refs.has(`${apiVersion} ${kind}`);
  }

  validate(object: { apiVersion?: unknown; kind?: unknown }): SchemaVerdict {
    const key = `${object.apiVersion} ${object.kind}`;
    const ref = this.refs.get(key);
    if (!ref) return { valid: false, errors: [`no schema for ${key}`] };
    let check = this.compiled.get(ref);
    if (!check) {
      check = this.ajv.getSchema(ref);
      if (!check) throw new Error(`schema ${ref} did not compile`);
      this.compiled.set(ref, check);
    }
    const valid = check(object) as boolean;
    const errors = (check.errors ?? []).map(e =>
      e.keyword === 'additionalProperties'
        ? `${e.instancePath || '/'}: unknown field "${
            (e.params as { additionalProperty: string }).additionalProperty
          }"`
        : `${e.instancePath || '/'}: ${e.message}`,
    );
    return { valid, errors: valid ? [] : errors };
  }

  /** Registers every OpenAPI document; returns ObjectMeta's reference for the CRDs. */
  private loadOpenApi(dir: string): string {
    let objectMetaRef: string | undefined;
    for (const file of readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .sort()) {
      const id = `https://schemas.test/kubernetes/${file}`;
      const schemas: Record<string, Schema> = JSON.parse(
        readFileSync(join(dir, file), 'utf8'),
      ).components.schemas;
      Object.values(schemas).forEach(closeObjects);
      this.ajv.addSchema({ components: { schemas } }, id);
      for (const [name, schema] of Object.entries(schemas)) {
        const ref = `${id}#/components/schemas/${name}`;
        for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
          const apiVersion = gvk.group
            ? `${gvk.group}/${gvk.version}`
            : gvk.version;
          const key = `${apiVersion} ${gvk.kind}`;
          if (!this.refs.has(key)) this.refs.set(key, ref);
        }
        if (name === 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta') {
          objectMetaRef ??= ref;
        }
      }
    }
    if (!objectMetaRef) throw new Error(`ObjectMeta not found in ${dir}`);
    return objectMetaRef;
  }

  private loadCrds(dir: string, objectMetaRef: string): void {
    for (const file of readdirSync(dir)
      .filter(f => /\.ya?ml$/.test(f))
      .sort()) {
      const documents = parseAllDocuments(
        readFileSync(join(dir, file), 'utf8'),
      );
      for (const document of documents) {
        const crd = document.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions ?? []) {
          const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
          const schema = version.schema?.openAPIV3Schema;
          if (!schema || this.refs.has(key)) continue;
          const copy: Schema = structuredClone(schema);
          // A CRD's metadata is the API server's ObjectMeta.
          copy.properties.metadata = { $ref: objectMetaRef };
          closeObjects(copy);
          const id = `https://schemas.test/crd/${key.replace(/[ /]/g, '_')}`;
          this.ajv.addSchema(copy, id);
          this.refs.set(key, id);
        }
      }
    }
  }
}

/** Closes object schemas with properties, unless they allow or preserve unknown fields. */
function closeObjects(schema: unknown): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  if (
    s.properties &&
    s.additionalProperties === undefined &&
    !s['x-kubernetes-preserve-unknown-fields']
  ) {
    s.additionalProperties = false;
  }
  Object.values(s.properties ?? {}).forEach(closeObjects);
  [s.items, s.additionalProperties, s.not].forEach(closeObjects);
  for (const list of [s.allOf, s.anyOf, s.oneOf]) {
    if (Array.isArray(list)) list.forEach(closeObjects);
  }
}
