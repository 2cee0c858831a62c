import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import { sharedDir } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/**
 * Test-only access to Microsoft's REST example responses in
 * `<repository>/../shared/azure-examples` (override the `shared/` folder with
 * `AKS_BASELINE_SHARED_DIR`). They are read where they are, never copied in.
 */
export function azureExamplesDir(): string {
  return sharedDir('azure-examples');
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
