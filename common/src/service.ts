import type { Logger } from './logger';
import { exitOnSignals } from './shutdown';

/** A service's lifecycle: what every composition root (createSink, createFetcher) returns. */
export interface Service {
  /** Connects, listens, joins; resolves once running — or quietly, if stopped meanwhile. */
  start(): Promise<void>;
  /** Stops whatever has started; callable at any moment, once. */
  stop(reason: string): Promise<void>;
}

/**
 * A main()'s last step: stop on SIGTERM/SIGINT (once, however many arrive; exit 0 when done),
 * then start. The handlers come first, so a Ctrl-C while starting is a shutdown too.
 */
export async function runService(service: Service, logger: Logger): Promise<void> {
  exitOnSignals((signal) => service.stop(signal), logger);
  await service.start();
}
