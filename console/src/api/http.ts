import type { ApiResult } from './result';
import { isErrorBody } from './result';

/** The fetch this module needs: injected so that tests can answer with literal fakes. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  /** Statuses whose body is the expected T, not an error (e.g. 503 for /readyz). */
  okStatuses?: readonly number[];
  signal?: AbortSignal;
}

const DEFAULT_OK: readonly number[] = [200];

/** The body as JSON, or undefined when it is not JSON (a proxy's HTML page, an empty body). */
async function jsonOf(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return body;
  } catch {
    return undefined;
  }
}

/** Turns a response into a result: the body as T for the expected statuses, else a failure. */
async function resultOf<T>(
  response: Response,
  okStatuses: readonly number[],
): Promise<ApiResult<T>> {
  const body = await jsonOf(response);
  if (okStatuses.includes(response.status) && body !== undefined)
    // The body is ingest-api's own, typed by the shared schemas; the console does not ship
    // zod to re-validate its own origin's answers (bundle size), so it trusts the contract.
    return { ok: true, status: response.status, body: body as T };
  return {
    ok: false,
    failure: { kind: 'http', status: response.status, body: isErrorBody(body) ? body : null },
  };
}

/** The failure of a fetch that threw: an abort is rethrown (the caller asked for it). */
function networkFailure<T>(error: unknown, signal: AbortSignal | undefined): ApiResult<T> {
  if (signal?.aborted === true) throw error;
  return { ok: false, failure: { kind: 'network' } };
}

/** GET a JSON body from the same origin. Never throws for HTTP or network failures. */
export async function getJson<T>(
  fetchFn: Fetch,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  try {
    const response = await fetchFn(path, {
      headers: { Accept: 'application/json' },
      signal: options.signal,
    });
    return await resultOf<T>(response, options.okStatuses ?? DEFAULT_OK);
  } catch (error) {
    return networkFailure<T>(error, options.signal);
  }
}

/** POST a JSON body, with the bearer token when one is given. Never throws for failures. */
export async function postJson<T>(
  fetchFn: Fetch,
  path: string,
  body: unknown,
  token: string,
  okStatuses: readonly number[],
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (token !== '') headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetchFn(path, { method: 'POST', headers, body: JSON.stringify(body) });
    return await resultOf<T>(response, okStatuses);
  } catch (error) {
    return networkFailure<T>(error, undefined);
  }
}
