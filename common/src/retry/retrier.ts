import { isProgrammerError, isRetriable as ownFlag, PipelineError } from '../errors';

/**
 * The one retrier of the project, in the manner of kafkajs's: exponential backoff with jitter
 * and a cap; whether to try again is decided by the error — its own `retriable` flag, or the
 * classifier given — never by its message; a programmer error (a TypeError from our own code)
 * is never retried: it is thrown at once, to be fixed. axios-retry keeps owning the HTTP
 * retries of the Nobel client.
 */

export interface RetryOptions {
  /** The first wait; each next one is `factor` times longer, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  factor?: number;
  /** Up to this fraction of each wait is added at random (0.2: up to 20% more). */
  jitter?: number;
  /** Attempts after the first; unlimited by default (the operation must not be skipped). */
  retries?: number;
  /** Whether `error` may pass with time. Default: its own `retriable` flag. */
  isRetriable?: (error: unknown) => boolean;
  /** A reason to stop (shutdown, a lost partition), or undefined to go on. */
  stop?: () => string | undefined;
  /** Before each wait: for logs and metrics. */
  onRetry?: (event: RetryEvent) => void | Promise<void>;
  /** Called while waiting, about once a second (keeps a consumer's session alive). */
  tick?: () => Promise<void>;
  random?: () => number;
}

export interface RetryEvent {
  error: unknown;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long until the next attempt. */
  waitMs: number;
}

export const RETRY_DEFAULTS = { factor: 2, jitter: 0.2 } as const;

/** The retrier gave up because it was asked to stop; `cause` is the last failure. */
export class RetryStoppedError extends PipelineError {
  constructor(reason: string, cause: unknown) {
    super(`gave up retrying: ${reason}`, { cause, retriable: true });
  }
}

/** The wait before attempt `attempt + 1`. */
export function backoff(
  attempt: number,
  options: Pick<RetryOptions, 'initialMs' | 'maxMs' | 'factor' | 'jitter' | 'random'>,
): number {
  const factor = options.factor ?? RETRY_DEFAULTS.factor;
  const jitter = options.jitter ?? RETRY_DEFAULTS.jitter;
  const random = options.random ?? Math.random;
  const base = Math.min(options.maxMs, options.initialMs * factor ** (attempt - 1));
  return Math.round(Math.min(options.maxMs, base + base * jitter * random()));
}

/**
 * Runs `operation` until it succeeds. An error that is not retriable, or one more than
 * `retries` allows, is thrown as it is; a stop request ends the waiting with RetryStoppedError.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const isRetriable = options.isRetriable ?? ownFlag;
  const retries = options.retries ?? Infinity;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (isProgrammerError(error) || !isRetriable(error) || attempt > retries) throw error;
      const waitMs = backoff(attempt, options);
      await options.onRetry?.({ error, attempt, waitMs });
      const deadline = Date.now() + waitMs;
      for (;;) {
        const reason = options.stop?.();
        if (reason !== undefined) throw new RetryStoppedError(reason, error);
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise((resolveTick) => setTimeout(resolveTick, Math.min(1000, left)));
        await options.tick?.();
      }
    }
  }
}
