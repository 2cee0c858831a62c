import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

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

/** A step's input with whole-value `${{ parameters.x }}` replaced the way the scaffolder does. */
export function renderStepInput(
  step: Schema,
  parameters: Record<string, unknown>,
) {
  return Object.fromEntries(
    Object.entries(step.input as Record<string, unknown>)
      .map(([key, value]) => {
        const match =
          typeof value === 'string' &&
          /^\$\{\{ parameters\.(\w+) \}\}$/.exec(value);
        return [key, match ? parameters[match[1]] : value];
      })
      .filter(([, value]) => value !== undefined),
  );
}
