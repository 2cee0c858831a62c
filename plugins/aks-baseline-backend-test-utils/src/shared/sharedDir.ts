import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Locates the project's reference material (`shared/`: schemas, ARM specs,
 * recorded Azure responses, the NetworkPolicy oracle), kept beside the
 * repository and never copied into it. `AKS_BASELINE_SHARED_DIR` overrides
 * the default of `<repository root>/../shared`.
 *
 * The one copy of this logic: every package's tests reach `shared/` through
 * it.
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

/** The repository root: the nearest folder above this package with a backstage.json. */
export function findRepoRoot(): string {
  const start = resolvePackagePath(
    '@aks-baseline/plugin-aks-baseline-backend-test-utils',
  );
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
