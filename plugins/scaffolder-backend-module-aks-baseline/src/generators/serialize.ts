import { Document, stringify } from 'yaml';
import { KubernetesObject } from './types';

/*
 * Objects -> text. Everything the generators build is data; this is the
 * only place it becomes YAML, through the `yaml` library, so no input can
 * add a key or a document.
 *
 * YAML 1.1 on purpose: the Kubernetes API machinery and kubectl read YAML 1.1,
 * where `yes`, `on`, `0755` or `1:20` are not strings. Serializing for 1.1
 * quotes such values, so a label value `on` stays a string.
 */
const YAML_OPTIONS = { version: '1.1', lineWidth: 0 } as const;

/** Top-level keys in the order people expect to read a manifest. */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

export interface PlannedFile {
  /** Path relative to the workspace. */
  path: string;
  content: string;
}

/** One object as a YAML document, optionally with a leading comment. */
export function toYaml(object: object, comment?: string): string {
  const doc = new Document(withLeadingKeys(object), YAML_OPTIONS);
  if (comment) {
    // The yaml library prefixes every line with '#'.
    doc.commentBefore = comment
      .split('\n')
      .map(line => ` ${line}`)
      .join('\n');
  }
  return doc.toString(YAML_OPTIONS);
}

/** YAML text for a value that is itself embedded as a string field. */
export function nestedYaml(value: unknown): string {
  return stringify(value, YAML_OPTIONS);
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `<kind>-<name>.yaml`, unique within a namespace's set of objects. */
export function manifestFileName(object: KubernetesObject): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

/** A kustomization that applies the given files, in the given order. */
export function kustomization(resources: string[]) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
  };
}

function withLeadingKeys(object: object): object {
  const entries = Object.entries(object);
  const rank = (key: string) => {
    const index = LEADING_KEYS.indexOf(key);
    return index < 0 ? LEADING_KEYS.length : index;
  };
  // Array.prototype.sort is stable: other keys keep the generator's order.
  entries.sort(([a], [b]) => rank(a) - rank(b));
  return Object.fromEntries(entries);
}
