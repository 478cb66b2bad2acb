/** What `within` came to: the promise's value, its error, or nothing in time. */
export type Within<T> = { value: T } | { error: unknown } | { late: true };

/**
 * Waits for `promise` at most `ms`: its value, its error, or `late` (the promise is not
 * awaited further; what it does later is its own). The one way the stack, the test helpers and
 * the fault suite bound a wait on something that may never settle.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<Within<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Within<T>>((resolveLate) => {
    timer = setTimeout(() => resolveLate({ late: true }), Math.max(ms, 0));
  });
  const settled = promise.then(
    (value): Within<T> => ({ value }),
    (error: unknown): Within<T> => ({ error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
