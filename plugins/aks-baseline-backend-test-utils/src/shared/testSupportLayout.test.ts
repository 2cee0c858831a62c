import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findRepoRoot } from './sharedDir';

/*
 * Backstage's convention for test support, checked over every package of the
 * repository: helpers live in `src/__testUtils__/` (or beside their test),
 * where the lint rules treat them as test code, and production code never
 * imports them.
 */

const TEST_FILE = /\.test\.tsx?$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

function packageSources(): string[] {
  const root = findRepoRoot();
  return ['plugins', 'packages'].flatMap(group =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .flatMap(entry => {
        const src = join(root, group, entry.name, 'src');
        try {
          return walk(src);
        } catch {
          return [];
        }
      }),
  );
}

describe('test support layout', () => {
  const root = findRepoRoot();
  const paths = packageSources();

  it('keeps no test-support folder named testing/ in any src/', () => {
    const files = paths
      .filter(path => /\/testing\/[^/]+\.tsx?$/.test(path))
      .map(path => relative(root, path));
    expect(files).toEqual([]);
  });

  it('never imports __testUtils__ from production code', () => {
    const offenders = paths
      .filter(path => /\.tsx?$/.test(path) && !TEST_FILE.test(path))
      .filter(path => !path.includes('/__testUtils__/'))
      .filter(path =>
        /from '[^']*__testUtils__/.test(readFileSync(path, 'utf8')),
      )
      .map(path => relative(root, path));
    expect(offenders).toEqual([]);
  });
});
