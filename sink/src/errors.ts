import { PipelineError, errorMessage } from '@nobel-pipeline/common';

export class SinkError extends PipelineError {}

/** A record the sink will never be able to store as it is: it goes to the DLQ. */
export class InvalidRecordError extends SinkError {
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/**
 * The database refused a record that passed validation (a value out of a column's range, a
 * constraint): trying again cannot help. Found by writing the batch in halves; it goes to the
 * DLQ with the database's reason, and the rest of the batch is written.
 */
export class RefusedByDatabaseError extends SinkError {
  constructor(cause: unknown) {
    super(`the database refused the record: ${errorMessage(cause)}`, { cause });
  }
}
