import { PipelineError } from '@nobel-pipeline/common';

/**
 * Something the stack could not do, said so that a user can act on it: `hint` is the next
 * step to take, `logTail` the last lines of the component's log when it failed to start.
 */
export class StackError extends PipelineError {
  readonly component: string;
  readonly hint: string | undefined;
  readonly logTail: string | undefined;

  constructor(
    component: string,
    message: string,
    options: { hint?: string; logTail?: string; cause?: unknown } = {},
  ) {
    super(`${component}: ${message}`, { cause: options.cause });
    this.component = component;
    this.hint = options.hint;
    this.logTail = options.logTail;
  }
}

/** A tool the stack needs (Java, Maven, mariadbd) is missing or too old. */
export class PrerequisiteError extends StackError {}

/** A port the stack wants is held by a process the stack did not start. */
export class PortInUseError extends StackError {}

/** A component was started but did not answer in time, or exited. */
export class NotReadyError extends StackError {}

/** Maven could not resolve an artifact. */
export class DownloadError extends StackError {}
