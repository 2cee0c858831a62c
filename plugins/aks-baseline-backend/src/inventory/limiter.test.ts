import { createLimiter } from './limiter';

describe('createLimiter', () => {
  it('runs at most `concurrency` tasks at once, in arrival order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) =>
      limit(async () => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise(resolve => setTimeout(resolve, 5));
        running -= 1;
        return i;
      });
    await expect(Promise.all([0, 1, 2, 3, 4].map(task))).resolves.toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the slot of a failed task', async () => {
    const limit = createLimiter(1);
    await expect(
      limit(async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a concurrency below one', () => {
    expect(() => createLimiter(0)).toThrow(/positive integer/);
  });
});
