import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Locates the project's reference material (`shared/`, kept beside the
 * repository and never copied into it). `AKS_BASELINE_SHARED_DIR` overrides
 * the default of `<repository root>/../shared`.
 *
 * Test-only: not exported from the package index, because it touches the
 * file system and the package is isomorphic.
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

function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`backstage.json not found above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}
