/** The part of an abort signal the SDK pipeline and the DOM share. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A signal that aborts when any of `signals` does, or when `abort()` is
 * called; `dispose()` detaches it so long-lived signals do not collect
 * listeners from every request.
 */
export function linkAbortSignals(signals: Array<AbortSignalLike | undefined>) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const sources = signals.filter((s): s is AbortSignalLike => Boolean(s));
  for (const source of sources) {
    if (source.aborted) {
      abort();
    }
    source.addEventListener('abort', abort);
  }
  return {
    signal: controller.signal,
    abort,
    dispose() {
      for (const source of sources) {
        source.removeEventListener('abort', abort);
      }
    },
  };
}
