import { createLimiter, createSubscriptionLimiter } from './limiter';

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

describe('createSubscriptionLimiter', () => {
  it('bounds each subscription and the total separately', async () => {
    const limit = createSubscriptionLimiter({ total: 3, perSubscription: 2 });
    const running = new Map<string, number>();
    let total = 0;
    let peakTotal = 0;
    const peak = new Map<string, number>();
    const task = (subscription: string) =>
      limit(subscription, async () => {
        running.set(subscription, (running.get(subscription) ?? 0) + 1);
        total += 1;
        peak.set(
          subscription,
          Math.max(peak.get(subscription) ?? 0, running.get(subscription)!),
        );
        peakTotal = Math.max(peakTotal, total);
        await new Promise(resolve => setTimeout(resolve, 5));
        running.set(subscription, running.get(subscription)! - 1);
        total -= 1;
      });

    await Promise.all([
      ...Array.from({ length: 6 }, () => task('a')),
      ...Array.from({ length: 6 }, () => task('B')),
      ...Array.from({ length: 6 }, () => task('b')),
    ]);

    expect(peak.get('a')).toBe(2);
    // Subscription ids are case-insensitive: B and b share one budget.
    expect(Math.max(peak.get('B')!, peak.get('b')!)).toBeLessThanOrEqual(2);
    expect(peakTotal).toBe(3);
  });
});
