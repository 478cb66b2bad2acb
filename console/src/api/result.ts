import type { ErrorBody } from '@nobel-pipeline/schemas';

/** Why a request to ingest-api did not give the expected body. */
export type ApiFailure =
  /** No answer at all: the service is down, the network or a proxy failed. */
  | { kind: 'network' }
  /** An answer with an unexpected status; `body` is the ErrorBody when it sent one. */
  | { kind: 'http'; status: number; body: ErrorBody | null };

export type ApiResult<T> =
  { ok: true; status: number; body: T } | { ok: false; failure: ApiFailure };

function isDetail(value: unknown): value is ErrorBody['details'][number] {
  return (
    typeof value === 'object' &&
    value !== null &&
    'path' in value &&
    typeof value.path === 'string' &&
    'problem' in value &&
    typeof value.problem === 'string'
  );
}

/** Whether a parsed JSON value has the shape of ingest-api's ErrorBody. */
export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof value.error === 'string' &&
    'message' in value &&
    typeof value.message === 'string' &&
    'details' in value &&
    Array.isArray(value.details) &&
    value.details.every(isDetail)
  );
}
