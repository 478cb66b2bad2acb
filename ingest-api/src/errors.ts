import { PipelineError } from '@nobel-pipeline/common';

/** One problem with a request, e.g. `{ path: 'intervalSeconds', problem: 'expected at least 60' }`. */
export interface ErrorDetail {
  path: string;
  problem: string;
}

/**
 * An error with an HTTP status and a message that is safe to show the client. The error
 * middleware turns it into `{ error, message, details }`; anything else becomes a 500 with a
 * generic message, and its stack only goes to the log.
 */
export class HttpError extends PipelineError {
  readonly status: number;
  readonly details: readonly ErrorDetail[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      details?: readonly ErrorDetail[];
      headers?: Record<string, string>;
      cause?: unknown;
      retriable?: boolean;
    } = {},
  ) {
    // The code is the response's `error`: a stable, machine-readable `invalid_body`...
    super(message, { cause: options.cause, retriable: options.retriable, code });
    this.status = status;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

export class BadRequestError extends HttpError {
  constructor(code: string, message: string, details?: readonly ErrorDetail[]) {
    super(400, code, message, { details });
  }
}

export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, 'unauthorized', 'This endpoint needs "Authorization: Bearer <API token>"', {
      headers: { 'WWW-Authenticate': 'Bearer realm="ingest-api"' },
    });
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(received: string) {
    super(
      415,
      'unsupported_media_type',
      `The request body must be application/json, not ${received}`,
    );
  }
}

/** A dependency (Kafka, the schema registry, the database) failed: try again later. */
export class ServiceUnavailableError extends HttpError {
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: readonly ErrorDetail[] } = {},
  ) {
    super(503, code, message, {
      cause: options.cause,
      details: options.details,
      retriable: true,
      headers: { 'Retry-After': '5' },
    });
  }
}
