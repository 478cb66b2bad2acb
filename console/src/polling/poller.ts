/**
 * Polling without overlap: one request of a kind at a time, the next one `intervalMs` after
 * the previous answered (so a slow server is never asked twice at once), paused on demand
 * (a hidden tab), and refreshed at once when asked (a command sent, the filters changed).
 */
export interface PollerOptions<T> {
  /** One request. It should not throw for HTTP or network failures: it returns them. */
  load: (signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  onResult: (value: T) => void;
  /** Where a bug of `load` (a throw) is reported: the browser's reportError by default. */
  onError?: (error: unknown) => void;
}

export interface Poller {
  /** Polls from now on, starting with a request at once. */
  start(): void;
  /** Stops scheduling requests; an answer already on its way is still delivered. */
  stop(): void;
  /** Requests at once; an answer on its way is dropped as stale and the request repeated. */
  refresh(): void;
  /** Stops for good: aborts the request in flight and delivers nothing more. */
  dispose(): void;
}

export function createPoller<T>({
  load,
  intervalMs,
  onResult,
  onError = (error) => globalThis.reportError(error),
}: PollerOptions<T>): Poller {
  let running = false;
  let disposed = false;
  let inFlight: AbortController | null = null;
  let again = false;
  let stale = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (disposed || !running) return;
    if (again) {
      again = false;
      run();
    } else timer = setTimeout(run, intervalMs);
  }

  function run(): void {
    clearTimeout(timer);
    timer = undefined;
    const controller = new AbortController();
    inFlight = controller;
    stale = false;
    load(controller.signal).then(
      (value) => {
        inFlight = null;
        if (!disposed && !stale) onResult(value);
        schedule();
      },
      (error: unknown) => {
        inFlight = null;
        // An abort is ours (dispose). Anything else is a bug in load: reported loudly, and
        // polling goes on (a rethrow here would end it for good, unseen).
        if (!controller.signal.aborted) {
          onError(error);
          schedule();
        }
      },
    );
  }

  return {
    start() {
      if (disposed || running) return;
      running = true;
      if (inFlight === null) run();
      else again = true;
    },
    stop() {
      running = false;
      again = false;
      clearTimeout(timer);
      timer = undefined;
    },
    refresh() {
      if (disposed || !running) return;
      if (inFlight === null) run();
      else {
        stale = true;
        again = true;
      }
    },
    dispose() {
      disposed = true;
      running = false;
      clearTimeout(timer);
      inFlight?.abort();
    },
  };
}
