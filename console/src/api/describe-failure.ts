import type { ErrorBody } from '@nobel-pipeline/schemas';
import type { ApiFailure } from './result';

export const UNREACHABLE = 'ingest-api cannot be reached';

/** "(401 unauthorized)": the status and the stable code, for whoever reads the logs next. */
function codeOf(status: number, body: ErrorBody | null): string {
  return body === null ? `(${status})` : `(${status} ${body.error})`;
}

/** The details of a 400 in words: "year: must be at least 1000; category: …". */
export function detailsInWords(body: ErrorBody): string {
  return body.details
    .map((d) => (d.path === '' ? d.problem : `${d.path}: ${d.problem}`))
    .join('; ');
}

/** The body's message, its details when it has any, and the code. */
function messageOf(status: number, body: ErrorBody | null): string {
  if (body === null) return `ingest-api answered ${status}`;
  const details = detailsInWords(body);
  return details === '' ? body.message : `${body.message}: ${details}`;
}

/** A failed command (POST /start, /stop, /fetch) in words an operator can act on. */
export function describeCommandFailure(failure: ApiFailure): string {
  if (failure.kind === 'network') return UNREACHABLE;
  const { status, body } = failure;
  const code = codeOf(status, body);
  if (status === 401) return `Not authorised: enter the API token ${code}`;
  if (status === 503 && body?.error === 'kafka_unavailable')
    return `Kafka did not acknowledge the command: it may not have been stored, and sending it again is safe ${code}`;
  return `${messageOf(status, body)} ${code}`;
}

/** A failed read (GET /prizes, /runs, …) in words. */
export function describeReadFailure(failure: ApiFailure): string {
  if (failure.kind === 'network') return UNREACHABLE;
  if (failure.status === 404) return `Not found ${codeOf(404, failure.body)}`;
  return `${messageOf(failure.status, failure.body)} ${codeOf(failure.status, failure.body)}`;
}
