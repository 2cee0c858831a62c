import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Locates the project's reference material (`shared/`, kept beside the
 * repository, never copied into it). `AKS_BASELINE_SHARED_DIR` overrides the
 * default of `<repository root>/../shared`.
 *
 * Test-only: not exported from the package index. The same logic lives in
 * the common package; packages may not import each other's test helpers.
 */
export function sharedDir(...segments: string[]): string {
  const override = process.env.AKS_BASELINE_SHARED_DIR;
  const base = override
    ? resolve(override)
    : join(findRepoRoot(), '..', 'shared');
  if (!existsSync(base)) {
    throw new Error(
      `Reference material not found at ${base}; clone the project beside shared/ or set AKS_BASELINE_SHARED_DIR`,
    );
  }
  return join(base, ...segments);
}

/** The repository root: the nearest folder above with a backstage.json. */
export function findRepoRoot(): string {
  // Tests run from source, where __dirname is this file's folder; the
  // production-build caveat of the lint rule does not apply to a test helper.
  // eslint-disable-next-line no-restricted-syntax
  const start = __dirname;
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
