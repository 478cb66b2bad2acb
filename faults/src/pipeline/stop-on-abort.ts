import { errorMessage } from '@nobel-pipeline/common';

/** A stop that runs once, whoever asks first: the abort signal, or the owner. */
export interface StopOnAbort {
  /** Runs the stop (or joins the one under way). */
  stop(): Promise<void>;
  /** Stops listening to the signal (the owner then calls stop() itself). */
  release(): void;
}

/**
 * Ties a stop to an abort signal: on abort (also one that came before this call, which a
 * listener added now would never hear) the stop starts at once, logged with the signal's
 * reason; it runs once however many times it is asked for.
 */
export function stopOnAbort(
  signal: AbortSignal,
  stop: () => Promise<void>,
  log: (line: string) => void,
): StopOnAbort {
  let stopped: Promise<void> | undefined;
  const once = () => (stopped ??= stop());
  const onAbort = () => {
    log(`stopping the pipeline: ${errorMessage(signal.reason)}`);
    // A stop that fails is the owner's to hear, from its own stop() call.
    once().catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  return { stop: once, release: () => signal.removeEventListener('abort', onAbort) };
}
