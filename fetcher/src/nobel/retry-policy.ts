import { AxiosError, isAxiosError, type AxiosResponse } from 'axios';
import { retryAfter } from 'axios-retry';
import { backoff, errorMessage, isProgrammerError, PipelineError } from '@nobel-pipeline/common';

/**
 * When and how soon to try a request to the Nobel API again, as named functions for
 * axios-retry's retryCondition and retryDelay, and the client's check of each answer.
 */

/**
 * A response body as the client keeps it: parsed once, as it arrives (axios's
 * transformResponse), so that neither the retry decision nor the reader parses it again.
 */
export type ResponseBody = { json: true; value: unknown } | { json: false; text: unknown };

/** The body of any response (2xx or not), parsed if it is JSON, else kept as it came. */
export function parseResponseBody(data: unknown): ResponseBody {
  if (typeof data !== 'string') return { json: false, text: data };
  try {
    return { json: true, value: JSON.parse(data) as unknown };
  } catch {
    return { json: false, text: data };
  }
}

/** A 2xx answer whose body is JSON. Anything else goes through the retry decision. */
export function isUsableResponse(response: AxiosResponse<ResponseBody | undefined>): boolean {
  if (response.status < 200 || response.status >= 300) return false;
  return response.data?.json === true;
}

/**
 * An error of ours somewhere in the causes of a request error: thrown in a hook (a refused
 * redirect), it reaches us wrapped by follow-redirects, then by axios.
 */
export function ownCause(error: unknown): PipelineError | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause !== undefined && cause !== null; depth++) {
    if (cause instanceof PipelineError) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A body larger than the client accepts (maxContentLength): axios reports it as a bad
 * response that has no response object (a cut-off stream comes with its response).
 */
export function isTooLarge(error: AxiosError): boolean {
  return error.code === AxiosError.ERR_BAD_RESPONSE && error.response === undefined;
}

/**
 * Retry network errors (refused, reset, DNS), timeouts, 429, 5xx, and 2xx answers whose body
 * is not JSON (a truncated or garbled body is usually a transient fault). Never retry other
 * 4xx (our request is wrong), a request we cancelled (STOP, the run's deadline), a body over
 * the size limit (it would be downloaded again, as large), or a refusal of our own (a
 * redirect to another origin).
 */
export function isRetriableNobelError(error: AxiosError): boolean {
  if (error.code === 'ERR_CANCELED') return false;
  // A bug of ours in a hook or transform is never retried, as the common retrier decides.
  if (isProgrammerError(error.cause)) return false;
  if (isTooLarge(error) || error.code === 'ERR_FR_TOO_MANY_REDIRECTS') return false;
  const own = ownCause(error);
  if (own !== undefined && !own.retriable) return false;
  const status = error.response?.status;
  if (status === undefined) return true;
  if (status === 429 || status >= 500) return true;
  if (status >= 200 && status < 300) return true;
  return false;
}

export const RETRY_DELAY_CAP_MS = 30_000;

/**
 * The project's one backoff (common's), for axios-retry: base · 2^(n-1), plus up to 25% at
 * random, capped at 30 s; never sooner than the server's Retry-After.
 */
export function nobelRetryDelay(baseMs: number, random: () => number = Math.random) {
  return function delay(retryCount: number, error?: AxiosError): number {
    const wait = backoff(Math.max(1, retryCount), {
      initialMs: baseMs,
      maxMs: RETRY_DELAY_CAP_MS,
      jitter: 0.25,
      random,
    });
    return Math.max(wait, retryAfter(error));
  };
}

/**
 * What went wrong with a request, as a stable code for metric labels (a small set, never
 * words cut from a message): `timeout`, `status_429`, `status_5xx`, `status_4xx`,
 * `body_not_json`, `too_large`, `cancelled`, `network`, or an error of ours' own code.
 */
export function requestErrorCode(error: unknown): string {
  if (!isAxiosError(error)) return ownCause(error)?.code ?? 'other';
  if (error.code === 'ERR_CANCELED') return 'cancelled';
  if (isTooLarge(error)) return 'too_large';
  const own = ownCause(error);
  if (own !== undefined) return own.code;
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return 'timeout';
  const status = error.response?.status;
  if (status === undefined) return 'network';
  if (status >= 200 && status < 300) return 'body_not_json';
  if (status === 429) return 'status_429';
  return status >= 500 ? 'status_5xx' : 'status_4xx';
}

/** What went wrong with a request, in a few words: "HTTP 503", "timeout", "ECONNRESET"... */
export function describeRequestError(error: unknown): string {
  if (!isAxiosError(error)) return errorMessage(error);
  if (error.code === 'ERR_CANCELED') return 'cancelled';
  if (isTooLarge(error)) return `the response is too large (${error.message})`;
  const own = ownCause(error);
  if (own !== undefined) return own.message;
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
    return `timeout (${error.message})`;
  const status = error.response?.status;
  if (status !== undefined && status >= 200 && status < 300) return 'the response body is not JSON';
  if (status !== undefined) return `HTTP ${status}`;
  return error.code ?? error.message;
}
