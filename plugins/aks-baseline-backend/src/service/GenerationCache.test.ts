import { GenerationCache } from './GenerationCache';

/** A computation the test resolves when it chooses. */
function deferred<V>() {
  let resolve!: (value: V) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('GenerationCache', () => {
  const unbounded = { maxEntries: 100, maxWeight: Infinity };

  it('computes a key once per generation, and anew in a newer one', async () => {
    const cache = new GenerationCache<string>(unbounded);
    const compute = jest.fn(async () => 'answer');

    await cache.get(1, 'a', compute);
    await cache.get(1, 'a', compute);
    expect(compute).toHaveBeenCalledTimes(1);

    await cache.get(2, 'a', compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.size.entries).toBe(1);
  });

  it('keeps nothing for a caller still holding an older generation', async () => {
    const cache = new GenerationCache<string>(unbounded);
    await cache.get(2, 'a', async () => 'new');

    expect(await cache.get(1, 'a', async () => 'old')).toBe('old');
    expect(await cache.get(2, 'a', async () => 'again')).toBe('new');
  });

  it('shares one computation among callers asking at once', async () => {
    const cache = new GenerationCache<string>(unbounded);
    const pending = deferred<string>();
    const compute = jest.fn(() => pending.promise);

    const both = Promise.all([
      cache.get(1, 'a', compute),
      cache.get(1, 'a', compute),
    ]);
    pending.resolve('answer');

    expect(await both).toEqual(['answer', 'answer']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new GenerationCache<string>(unbounded);
    await expect(
      cache.get(1, 'a', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');

    expect(cache.size.entries).toBe(0);
    expect(await cache.get(1, 'a', async () => 'answer')).toBe('answer');
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new GenerationCache<string>({
      maxEntries: 2,
      maxWeight: Infinity,
    });
    const compute = jest.fn(async () => 'answer');
    await cache.get(1, 'a', compute);
    await cache.get(1, 'b', compute);
    await cache.get(1, 'a', compute); // a is now the most recent
    await cache.get(1, 'c', compute); // drops b

    expect(cache.size.entries).toBe(2);
    await cache.get(1, 'a', compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.get(1, 'b', compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('holds at most maxWeight, and never an answer heavier than that', async () => {
    const cache = new GenerationCache<string>(
      { maxEntries: 100, maxWeight: 10 },
      value => value.length,
    );
    await cache.get(1, 'a', async () => '1234');
    await cache.get(1, 'b', async () => '12345');
    await cache.get(1, 'c', async () => '123'); // 12 > 10: drops a
    expect(cache.size).toEqual({ entries: 2, weight: 8 });

    expect(await cache.get(1, 'd', async () => '12345678901')).toHaveLength(11);
    expect(cache.size.weight).toBeLessThanOrEqual(10);
  });

  it('keeps nothing when bounded to no entries', async () => {
    const cache = new GenerationCache<string>({
      maxEntries: 0,
      maxWeight: Infinity,
    });
    const compute = jest.fn(async () => 'answer');
    await cache.get(1, 'a', compute);
    await cache.get(1, 'a', compute);

    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.size.entries).toBe(0);
  });
});
