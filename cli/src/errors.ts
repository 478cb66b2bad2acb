import { errorMessage, PipelineError } from '@nobel-pipeline/common';

/**
 * What the CLI's exit codes mean, for scripts:
 * 0 done; 1 failed (the pipeline answered no); 2 usage (bad arguments or configuration);
 * 3 refused (it would be unsafe: a group with active members, a plan that would lose data);
 * 4 unavailable (ingest-api, Kafka, the registry or the database does not answer).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unavailable: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports in one line and exits with its code. */
export class CliError extends PipelineError {
  readonly exitCode: ExitCode;

  constructor(
    message: string,
    exitCode: ExitCode,
    options: { cause?: unknown; code?: string; retriable?: boolean } = {},
  ) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** Arguments that do not make a valid command. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The command would be unsafe now; the message says what to do. */
export class RefusedError extends CliError {
  constructor(message: string) {
    super(message, EXIT.refused);
  }
}

/** A dependency does not answer. */
export class UnavailableError extends CliError {
  constructor(what: string, cause: unknown) {
    super(`${what} does not answer: ${errorMessage(cause)}`, EXIT.unavailable, {
      cause,
      retriable: true,
    });
  }
}
