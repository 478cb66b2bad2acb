import { isRetriable, PipelineError } from '@nobel-pipeline/common';

/** Base of the fetcher's errors. */
export class FetcherError extends PipelineError {}

/**
 * The Nobel API could not be read, or answered something we cannot use. `page` and `field`
 * say where: "nobelPrizes page 3 (offset 50): nobelPrizes[4].awardYear: expected a string".
 */
export class NobelApiError extends FetcherError {
  readonly page: number | undefined;
  readonly field: string | undefined;

  constructor(
    message: string,
    options: { page?: number; field?: string; cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, { cause: options.cause, retriable: options.retriable });
    this.page = options.page;
    this.field = options.field;
  }
}

/** The run was stopped (a STOP command, a lost partition, shutdown) before it finished. */
export class RunAbortedError extends FetcherError {}

/**
 * A run's events could not be published; nothing of the run is visible to readers. As
 * retriable as its cause: Kafka away, yes; a value the schema refuses, no.
 */
export class PublishError extends FetcherError {
  constructor(message: string, cause: unknown) {
    super(message, { cause, retriable: isRetriable(cause) });
  }
}

/** The API redirected a request to another origin: never followed, final for the run. */
export class RedirectRefusedError extends FetcherError {
  constructor(from: string, to: string) {
    super(`a redirect from ${from} to another origin (${to}) was refused`);
  }
}

/** A command the fetcher reads but may not carry out (an interval of 0, a wrong key). */
export class InvalidCommandError extends FetcherError {}
