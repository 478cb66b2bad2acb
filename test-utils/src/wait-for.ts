import { within } from '@nobel-pipeline/common';

export interface WaitForOptions {
  /** Give up after this long, also while a probe has not answered yet. */
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
 * The deadline holds also against a probe that never answers (a request to a hung server):
 * the wait fails at its deadline, saying so. This is how tests wait for an asynchronous
 * effect, instead of sleeping.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs, intervalMs } = { ...WAIT_DEFAULTS, ...options };
  const what = options.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  const timedOut = (detail = '') => {
    const why = lastError === undefined ? '' : `; last error: ${String(lastError)}`;
    return new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}${why}`);
  };
  for (;;) {
    // A try may take the time left, and at least a pause's worth: the last one, started just
    // before the deadline, is not cut off at once (the wait then ends at most a pause late).
    const result = await within(
      (async () => probe())(),
      Math.max(deadline - Date.now(), intervalMs),
    );
    if ('late' in result) throw timedOut(': its last probe had not answered by then');
    if ('error' in result) lastError = result.error;
    else if (result.value !== undefined && result.value !== null && result.value !== false)
      return result.value;
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut();
    await new Promise((resolveTick) => setTimeout(resolveTick, Math.min(intervalMs, left)));
  }
}
