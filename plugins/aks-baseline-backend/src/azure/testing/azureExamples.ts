import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * Test-only access to Microsoft's REST example responses in
 * `<repository>/../shared/azure-examples` (override the `shared/` folder with
 * `AKS_BASELINE_SHARED_DIR`). They are read where they are, never copied in.
 */
export function azureExamplesDir(): string {
  const override = process.env.AKS_BASELINE_SHARED_DIR;
  const shared = override
    ? resolve(override)
    : join(findRepositoryRoot(), '..', 'shared');
  const dir = join(shared, 'azure-examples');
  if (!existsSync(dir)) {
    throw new Error(
      `Azure examples not found at ${dir}; clone the project beside shared/ or set AKS_BASELINE_SHARED_DIR`,
    );
  }
  return dir;
}

/** The body of one example file's response (`responses[status].body`). */
export function exampleBody(file: string, status = '200'): any {
  const example = JSON.parse(
    readFileSync(join(azureExamplesDir(), file), 'utf8'),
  );
  const body = example.responses?.[status]?.body;
  if (body === undefined) {
    throw new Error(`${file} has no body for status ${status}`);
  }
  return body;
}

/** A single-resource example's body, or each item of a list example's. */
export function exampleResources(file: string): ArmResource[] {
  const body = exampleBody(file);
  return Array.isArray(body.value) ? body.value : [body];
}

/** The folder holding `backstage.json`, found upwards from this package. */
function findRepositoryRoot(): string {
  const start = resolvePackagePath('@aks-baseline/plugin-aks-baseline-backend');
  let dir = start;
  while (!existsSync(join(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`backstage.json not found above ${start}`);
    }
    dir = parent;
  }
  return dir;
}
