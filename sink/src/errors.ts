import { PipelineError } from '@nobel-pipeline/common';

export class SinkError extends PipelineError {}

/** A record the sink will never be able to store as it is: it goes to the DLQ. */
export class InvalidRecordError extends SinkError {
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}
