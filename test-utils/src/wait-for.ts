export interface WaitForOptions {
  /** Give up after this long. */
  timeoutMs?: number;
  /** Time between two tries. */
  intervalMs?: number;
  /** What is awaited, for the error message: "3 messages on topic x". */
  description?: string;
}

export const WAIT_DEFAULTS = { timeoutMs: 20_000, intervalMs: 100 } as const;

/**
 * Tries `probe` until it returns something other than undefined, false or null, and returns
 * that. A probe that throws counts as "not yet"; its last error is in the timeout message.
 * This is how tests wait for an asynchronous effect, instead of sleeping.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs, intervalMs } = { ...WAIT_DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = options.description ?? 'condition';
      const why = lastError === undefined ? '' : `; last error: ${String(lastError)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolveTick) => setTimeout(resolveTick, intervalMs));
  }
}
