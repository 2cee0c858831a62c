import {
  Document,
  DocumentOptions,
  ScalarTag,
  SchemaOptions,
  Tags,
  ToStringOptions,
  stringify,
} from 'yaml';
import { KubernetesObject } from './types';

/*
 * Objects -> text. Everything the generators build is data; this is the
 * only place it becomes YAML, through the `yaml` library, so no input can
 * add a key or a document.
 *
 * A string is written plain only when every reader of the file reads it
 * back as that string; otherwise it is quoted. The readers: YAML 1.1 (the
 * document's version: `yes`, `on`, `0755`, `1:20`, `1_000` are not strings
 * there), the YAML 1.2 core schema (Backstage's catalog, kustomize: `0o17`
 * is 15 there), and Kubernetes' own decoder (kubectl, the API server,
 * Flux), which reads more numbers than either spec: see GO_YAML_NUMBER.
 */

/** `[0-9]`-like digits with '_' allowed between and after them. */
const digits = (set: string) => `[${set}](?:_*[${set}])*`;

/**
 * Numbers as sigs.k8s.io/yaml's go-yaml v2 resolves them: it drops every
 * '_' from a plain scalar that starts with a sign or a digit and hands the
 * rest to Go's strconv, which takes 0x/0X, 0o/0O and 0b/0B prefixes, or
 * matches its float pattern. So `0O7` is 7 and `0X1F` 31 to kubectl,
 * strings to both YAML specs. (Over-quoting a string costs nothing.)
 */
const GO_YAML_NUMBER = new RegExp(
  `^[-+]?_*(?:0_*[xX]_*${digits('0-9a-fA-F')}|0_*[oO]_*${digits(
    '0-7',
  )}|0_*[bB]_*${digits('01')}|(?:${digits('0-9')}(?:_*\\._*(?:${digits(
    '0-9',
  )})?)?|\\._*${digits('0-9')})(?:_*[eE]_*[-+]?_*${digits('0-9')})?)_*$`,
);

const goYamlNumber: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: GO_YAML_NUMBER,
  resolve: (value: string) => Number(value.replace(/_/g, '')),
};

const MERGE_TAG = 'tag:yaml.org,2002:merge';

const YAML_OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = {
  version: '1.1',
  // The 1.1 schema would write the string '<<' as a merge key.
  merge: false,
  customTags: (tags: Tags) =>
    tags.filter(tag => typeof tag === 'string' || tag.tag !== MERGE_TAG),
  // Tags of the other readers: the 1.2 core schema's, the merge key `<<`
  // (go-yaml merges it as a key in any version), and Kubernetes' numbers.
  compat: [
    'bool',
    'int',
    'intHex',
    'intOct',
    'float',
    'floatExp',
    'floatNaN',
    'null',
    'merge',
    goYamlNumber,
  ],
  lineWidth: 0,
};

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
