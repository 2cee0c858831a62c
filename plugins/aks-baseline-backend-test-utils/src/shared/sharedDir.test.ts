import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot, sharedDir } from './sharedDir';
import { schemasDir } from '../kubernetes/kubernetesSchemas';

describe('sharedDir', () => {
  const saved = process.env.AKS_BASELINE_SHARED_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.AKS_BASELINE_SHARED_DIR;
    else process.env.AKS_BASELINE_SHARED_DIR = saved;
  });

  it('finds the repository root by its backstage.json', () => {
    expect(existsSync(join(findRepoRoot(), 'backstage.json'))).toBe(true);
  });

  it('finds the reference material beside the repository', () => {
    delete process.env.AKS_BASELINE_SHARED_DIR;
    expect(sharedDir()).toBe(join(findRepoRoot(), '..', 'shared'));
    expect(existsSync(sharedDir('schemas', 'kubernetes'))).toBe(true);
  });

  it('fails naming the override when the folder is missing', () => {
    process.env.AKS_BASELINE_SHARED_DIR = join(findRepoRoot(), 'no-such-dir');
    expect(() => sharedDir('schemas')).toThrow(/AKS_BASELINE_SHARED_DIR/);
    // the schema validator finds its folder through the same function
    expect(() => schemasDir()).toThrow(/AKS_BASELINE_SHARED_DIR/);
  });
});
