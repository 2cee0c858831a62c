/**
 * Retries `check` until it stops throwing: the catalog ingests entities in
 * its own processing loop. The limit only stops a test that would never
 * pass; no assertion is about time.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  attempts = 200,
): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  throw lastError;
}
