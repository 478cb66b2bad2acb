import type { Logger } from './logger';

/** What exitOnSignals needs of the process; tests pass a fake. */
export interface SignalTarget {
  on(signal: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ExitOnSignalsOptions {
  target?: SignalTarget;
  exit?: (code: number) => void;
}

/**
 * Runs `shutdown` on the first SIGTERM or SIGINT, then exits 0 (1 if it failed, logged).
 * Shuts down once, fully, however many signals arrive: a Ctrl-C in a terminal sends SIGINT to
 * every process of the group, and a supervisor (npm start, docker, systemd) often adds a
 * SIGTERM. Later signals are logged and wait for the same shutdown — they neither start a
 * second one nor cut the first short (the supervisor's SIGKILL is the way to force it).
 */
export function exitOnSignals(
  shutdown: (signal: string) => Promise<void>,
  logger: Logger,
  options: ExitOnSignalsOptions = {},
): void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping !== undefined) {
      logger.info({ signal }, 'already shutting down; waiting for it to finish');
      return;
    }
    stopping = shutdown(signal).then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  // `on`, not `once`: after a `once` listener has run, a second signal of the same kind would
  // meet Node's default handler and kill the process in the middle of its shutdown.
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
}
