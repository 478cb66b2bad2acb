import type { Logger } from './logger';

/**
 * On SIGTERM or SIGINT, runs the service's shutdown once and exits: 0 when it completed, 1
 * (after logging why) when it failed.
 */
export function exitOnSignals(shutdown: (signal: string) => Promise<void>, logger: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
