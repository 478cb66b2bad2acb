import { PipelineError } from '@nobel-pipeline/common';

/** A command-line argument of the mirror that cannot be used. */
export class MirrorArgumentError extends PipelineError {}

/** The recorded responses are not where they should be: final, say where to put them. */
export class SnapshotMissingError extends PipelineError {
  constructor(file: string) {
    super(
      `No Nobel API snapshot at ${file}. The recorded responses live in ../shared/nobel-api beside ` +
        'this repository (not in it); put them there, or pass another file with --data.',
    );
  }
}

/** A recorded response without the records it should hold. */
export class SnapshotInvalidError extends PipelineError {
  constructor(file: string, endpoint: string, problem = `has no "${endpoint}" array`) {
    super(`${file} ${problem}`);
  }
}

/** A request to /_admin that cannot be read: too large (413) or not JSON (400). */
export class AdminRequestError extends PipelineError {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message, { code: status === 413 ? 'payload_too_large' : 'invalid_json' });
  }
}

/** A change of the data the mirror cannot make: no such prize, or a path it will not follow. */
export class MutationError extends PipelineError {}
