import { annotationsOf, labelsOf, nameOf, namespaceOf, refOf } from './objects';

describe('object accessors', () => {
  it('name an object without metadata visibly: (unnamed), in the default namespace', () => {
    // The API server never stores an object without a name, so one can only
    // come from a generator or a fixture: messages must show it, not hide it.
    const bare = { kind: 'Service' };
    expect(nameOf(bare)).toBe('(unnamed)');
    expect(namespaceOf(bare)).toBe('default');
    expect(refOf(bare)).toBe('default/(unnamed)');
    expect(labelsOf(bare)).toEqual({});
    expect(annotationsOf(bare)).toEqual({});
  });
});
