import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * The folders of src/ (resolver, kubernetes, inventory, ...) import each
 * other in one direction only: a folder that calls another must not be
 * imported back by it, or a change in either ripples through both.
 */

const SRC = __dirname;

/**
 * Known back-edges, each left for a task of its own. Remove an entry when
 * its import goes.
 */
const KNOWN_BACK_EDGES: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** Every relative import between two different top-level folders of src/. */
function crossFolderImports() {
  return sourceFiles(SRC).flatMap(file => {
    const from = relative(SRC, file);
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/from '(\.{1,2}\/[^']*)'/g)]
      .map(match => relative(SRC, resolve(dirname(file), match[1])))
      .filter(to => to.split('/')[0] !== from.split('/')[0])
      .map(to => ({ from, to, edge: `${from} -> ${to}` }));
  });
}

describe('folder imports', () => {
  it('go one way between two folders, but for known back-edges', () => {
    const folder = (path: string) => path.split('/')[0];
    const byDirection = new Map<string, string[]>();
    for (const { from, to, edge } of crossFolderImports()) {
      const key = `${folder(from)} -> ${folder(to)}`;
      byDirection.set(key, [...(byDirection.get(key) ?? []), edge]);
    }
    const known = (edges: string[]) =>
      edges.every(edge => KNOWN_BACK_EDGES.includes(edge));
    const tangled = [...byDirection].filter(([direction, edges]) => {
      const [from, to] = direction.split(' -> ');
      const back = byDirection.get(`${to} -> ${from}`);
      return back !== undefined && !known(edges) && !known(back);
    });
    expect(tangled).toEqual([]);
  });
});

/** Folders that other folders enter through their index.ts only. */
const INDEXED_FOLDERS = ['azure', 'resolver', 'inventory'];

/**
 * Deep imports into those folders, each left for a task of its own. Remove
 * an entry when its import goes.
 */
const KNOWN_DEEP_IMPORTS = [
  // the resolver's inventory index, being reworked for listing gaps
  'resolver/inventoryIndex.ts -> inventory/types',
];

describe('indexed folders', () => {
  it('are entered through their index.ts, but for known deep imports', () => {
    const deep = crossFolderImports()
      .filter(({ to }) => {
        const [folder, ...inside] = to.split('/');
        return (
          INDEXED_FOLDERS.includes(folder) &&
          inside.length > 0 &&
          inside.join('/') !== 'index'
        );
      })
      .map(({ edge }) => edge)
      .filter(edge => !KNOWN_DEEP_IMPORTS.includes(edge));
    expect(deep).toEqual([]);
  });
});
