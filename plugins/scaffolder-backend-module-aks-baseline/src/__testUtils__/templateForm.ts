import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/** A JSON schema or template fragment, read loosely. Test-only. */
export type Schema = Record<string, any>;

/** A software template from `templates/<folder>/template.yaml`, and the step calling `actionId`. */
export function loadTemplate(folder: string, actionId: string) {
  const template: Schema = parse(
    readFileSync(
      join(findRepoRoot(), 'templates', folder, 'template.yaml'),
      'utf8',
    ),
  );
  const step: Schema = template.spec.steps.find(
    (s: Schema) => s.action === actionId,
  );
  return { template, step };
}

/** All form pages as one JSON schema (how the form validates the whole run). */
export function formSchemaOf(template: Schema): Schema {
  return {
    type: 'object',
    properties: Object.assign(
      {},
      ...template.spec.parameters.map((page: Schema) => page.properties),
    ),
    required: template.spec.parameters.flatMap(
      (page: Schema) => page.required ?? [],
    ),
  };
}

/** Only GitHub, as the template's RepoUrlPicker allows. */
const GITHUB_ONLY = {
  byHost: (host: string) =>
    host === 'github.com' ? { type: 'github' } : undefined,
} as unknown as Parameters<typeof parseRepoUrl>[1];

/** The value at a dotted path (`clusterContract.keyVaultName`), or undefined. */
function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (at, key) =>
      at !== null && typeof at === 'object'
        ? (at as Record<string, unknown>)[key]
        : undefined,
    value,
  );
}

/**
 * A step's input the way the scaffolder renders it: a whole-value
 * `${{ parameters.x }}` (or `parameters.x.y`) keeps the value's type; inside text,
 * `${{ (parameters.x | parseRepoUrl).part }}` is replaced through the
 * scaffolder's own `parseRepoUrl`. Anything else is left as written.
 */
export function renderStepInput(
  step: Schema,
  parameters: Record<string, unknown>,
) {
  const repoPart = /\$\{\{ \(parameters\.(\w+) \| parseRepoUrl\)\.(\w+) \}\}/g;
  return Object.fromEntries(
    Object.entries(step.input as Record<string, unknown>)
      .map(([key, value]) => {
        if (typeof value !== 'string') return [key, value];
        const whole = /^\$\{\{ parameters\.([\w.]+) \}\}$/.exec(value);
        if (whole) return [key, valueAt(parameters, whole[1].split('.'))];
        return [
          key,
          value.replace(repoPart, (_text, name: string, part: string) => {
            const parsed = parseRepoUrl(
              String(parameters[name]),
              GITHUB_ONLY,
            ) as Record<string, string | undefined>;
            return parsed[part] ?? '';
          }),
        ];
      })
      .filter(([, value]) => value !== undefined),
  );
}
