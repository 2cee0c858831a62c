/** Runs a task once a slot is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * At most `concurrency` tasks run at once; the rest wait in arrival order.
 * The inventory runs each list call (its pages one after another) as a task,
 * so this also bounds the ARM requests in flight.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  let running = 0;
  const waiting: Array<() => void> = [];

  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < concurrency) {
      running += 1;
    } else {
      // The finishing task hands its slot over, so nobody can jump the queue.
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) {
        next();
      } else {
        running -= 1;
      }
    }
  };
}

/** Runs a task for a subscription once both its own and an overall slot are free. */
export type SubscriptionLimiter = <T>(
  subscriptionId: string,
  task: () => Promise<T>,
) => Promise<T>;

/**
 * ARM throttles reads per subscription, so parallelism is bounded per
 * subscription (staying inside its budget) and overall (bounding the
 * portal's own load). A wide estate then refreshes in parallel across
 * subscriptions instead of queueing behind a single global bound.
 */
export function createSubscriptionLimiter(options: {
  total: number;
  perSubscription: number;
}): SubscriptionLimiter {
  const overall = createLimiter(options.total);
  const perSubscription = new Map<string, Limiter>();
  createLimiter(options.perSubscription); // validates the number up front
  return (subscriptionId, task) => {
    const key = subscriptionId.toLowerCase();
    let own = perSubscription.get(key);
    if (!own) {
      own = createLimiter(options.perSubscription);
      perSubscription.set(key, own);
    }
    // The subscription's slot first: a task never holds an overall slot while
    // it waits for its subscription.
    return own(() => overall(task));
  };
}
