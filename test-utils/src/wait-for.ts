export interface WaitForOptions {
  /** Give up after this long, also while a probe has not answered yet. */
  timeoutMs?: number;
  /** Time between two tries. */
  intervalMs?: number;
  /** What is awaited, for the error message: "3 messages on topic x". */
  description?: string;
}

export const WAIT_DEFAULTS = { timeoutMs: 20_000, intervalMs: 100 } as const;

/** What a probe came to: its value, an error, or nothing by the deadline. */
type Attempt<T> = { value: T } | { error: unknown } | { unanswered: true };

/** The probe's answer, or `unanswered` once `ms` pass without one (the probe is not awaited further). */
async function attempt<T>(probe: () => T | Promise<T>, ms: number): Promise<Attempt<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Attempt<T>>((resolveLate) => {
    timer = setTimeout(() => resolveLate({ unanswered: true }), Math.max(ms, 0));
  });
  const answered = (async (): Promise<Attempt<T>> => {
    try {
      return { value: await probe() };
    } catch (error) {
      return { error };
    }
  })();
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Tries `probe` until it returns something other than undefined, false or null, and returns
 * that. A probe that throws counts as "not yet"; its last error is in the timeout message.
 * The deadline holds also against a probe that never answers (a request to a hung server):
 * the wait fails at its deadline, naming that probe. This is how tests wait for an
 * asynchronous effect, instead of sleeping.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs, intervalMs } = { ...WAIT_DEFAULTS, ...options };
  const what = options.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const result = await attempt(probe, deadline - Date.now());
    if ('unanswered' in result)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}: its last probe had not answered`,
      );
    if ('error' in result) lastError = result.error;
    else if (result.value !== undefined && result.value !== null && result.value !== false)
      return result.value;
    if (Date.now() >= deadline) {
      const why = lastError === undefined ? '' : `; last error: ${String(lastError)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolveTick) => setTimeout(resolveTick, intervalMs));
  }
}
