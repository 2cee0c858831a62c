/**
 * A read shared by the callers that ask for it in one turn of the event
 * loop: it starts after all of them asked (on the next turn), so each caller
 * still sees every write committed before it asked, and a burst of requests
 * costs one read instead of one each. A caller asking once the read has
 * started waits for the next one.
 */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let next: Promise<T> | undefined;
  return () => {
    next ??= new Promise<void>(resolve => setImmediate(resolve)).then(() => {
      next = undefined;
      return read();
    });
    return next;
  };
}
