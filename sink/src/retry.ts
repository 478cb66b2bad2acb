/**
 * Tries an operation until it succeeds, waiting longer each time (capped). It never gives up
 * by itself: only `stop()` returning a reason ends it, with that reason thrown. Used for
 * database writes and DLQ sends, which must never be skipped.
 */
export interface PersistOptions {
  /** The first wait; doubles each time up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Called after each failure, before waiting. */
  onFailure: (error: unknown, attempt: number, waitMs: number) => void | Promise<void>;
  /** A reason to stop trying (shutdown, lost partition), or undefined to go on. */
  stop: () => string | undefined;
  /** Called while waiting, about once a second (keeps a consumer's session alive). */
  tick?: () => Promise<void>;
}

export async function persist<T>(operation: () => Promise<T>, options: PersistOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const waitMs = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
      await options.onFailure(error, attempt, waitMs);
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        const reason = options.stop();
        if (reason !== undefined) throw new Error(`gave up retrying: ${reason}`, { cause: error });
        await new Promise((resolveTick) =>
          setTimeout(resolveTick, Math.min(1000, deadline - Date.now())),
        );
        await options.tick?.();
      }
      const reason = options.stop();
      if (reason !== undefined) throw new Error(`gave up retrying: ${reason}`, { cause: error });
    }
  }
}
