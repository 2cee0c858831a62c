import { sharedReads } from './sharedReads';

describe('sharedReads', () => {
  it('serves the callers of one turn with one read', async () => {
    const read = jest.fn(async () => 7);
    const generation = sharedReads(read);

    expect(
      await Promise.all([generation(), generation(), generation()]),
    ).toEqual([7, 7, 7]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads anew for a caller that asks once the read has started', async () => {
    let value = 1;
    let started!: () => void;
    const startedOnce = new Promise<void>(resolve => {
      started = resolve;
    });
    // A read sees what was committed when it started, answering later.
    const read = jest.fn(async () => {
      const seen = value;
      started();
      await new Promise(resolve => setImmediate(resolve));
      return seen;
    });
    const generation = sharedReads(read);

    const first = generation();
    await startedOnce;
    value = 2; // committed before the second caller asks
    const second = generation();

    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('passes a failed read to its callers and reads again for the next', async () => {
    const read = jest
      .fn<Promise<number>, []>()
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValueOnce(3);
    const generation = sharedReads(read);

    await expect(generation()).rejects.toThrow('database gone');
    expect(await generation()).toBe(3);
  });
});
