import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The reference material (`shared/`) for this package's tests:
 * `AKS_BASELINE_SHARED_DIR`, or its fixed place beside the repository, whose root is four
 * folders above this one (`<repo>/plugins/aks-baseline-common/src/__testUtils__`).
 *
 * Not the repository's `sharedDir` (in the backend test-utils package, which
 * walks up to the repository root): that package is node-only and this one is
 * isomorphic, so Backstage forbids the import (`no-mixed-plugin-imports`).
 */
export function sharedDir(...segments: string[]): string {
  const base =
    process.env.AKS_BASELINE_SHARED_DIR ??
    join(__dirname, '../../../../../shared');
  const dir = resolve(base, ...segments);
  if (!existsSync(dir)) {
    throw new Error(
      `${dir} not found; clone the project beside shared/ or set AKS_BASELINE_SHARED_DIR`,
    );
  }
  return dir;
}
