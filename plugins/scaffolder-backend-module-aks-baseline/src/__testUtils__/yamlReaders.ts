import { spawnSync } from 'node:child_process';
import { load as jsYamlLoad } from 'js-yaml';
import { parseAllDocuments } from 'yaml';

/*
 * Independent YAML readers, to check what generated files mean to the tools
 * that read them: the `yaml` package as a YAML 1.1 reader (as Kubernetes'
 * go-yaml descends from) and as a YAML 1.2 core-schema reader (as Backstage's
 * catalog reads), js-yaml (1.2 core plus 1.1 timestamps and merge keys), and
 * kubectl itself when it is installed. Test-only.
 */

export interface YamlReader {
  name: string;
  /** The documents of `text` as plain data; throws on a YAML error. */
  read(text: string): unknown[];
}

function yamlPackage(version: '1.1' | '1.2'): YamlReader {
  return {
    name: `yaml ${version}`,
    read: text =>
      parseAllDocuments(text, { version }).flatMap(doc => {
        if (!('errors' in doc)) return [];
        if (doc.errors.length > 0) throw doc.errors[0];
        return [doc.toJS()];
      }),
  };
}

const jsYaml: YamlReader = {
  name: 'js-yaml',
  read: text => [jsYamlLoad(text)],
};

/** A YAML 1.1 and a YAML 1.2 (core schema) reader. */
export const SPEC_READERS: YamlReader[] = [
  yamlPackage('1.1'),
  yamlPackage('1.2'),
];

export const YAML_READERS: YamlReader[] = [...SPEC_READERS, jsYaml];

/** True when a `kubectl` binary answers on PATH. */
export function hasKubectl(): boolean {
  const result = spawnSync('kubectl', ['version', '--client'], {
    encoding: 'utf8',
  });
  return result.status === 0;
}

/**
 * What kubectl reads from one Kubernetes object's YAML (its own decoder:
 * sigs.k8s.io/yaml over go-yaml), offline: `kubectl label --local` decodes
 * the file and prints the object as JSON. Test-only.
 */
export function readWithKubectl(text: string): Record<string, unknown> {
  const result = spawnSync(
    'kubectl',
    ['label', '--local', '-f', '-', '-o', 'json', 'probe=read'],
    { input: text, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`kubectl could not read the file: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}
