import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import axios, { AxiosError, isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import axiosRetry from 'axios-retry';
import type { Logger } from '@nobel-pipeline/common';
import type { NobelApiConfig } from '../config';
import { NobelApiError, RedirectRefusedError, RunAbortedError } from '../errors';
import {
  describeRequestError,
  isRetriableNobelError,
  isUsableResponse,
  nobelRetryDelay,
  parseResponseBody,
  requestErrorCode,
  type ResponseBody,
} from './retry-policy';
import type { z } from 'zod';
import { checkAsServed, formatPath, pageEnvelope, pageRecords, type AsServed } from './source';

/** An endpoint of the API as the client reads it: its name (URL and array key) and record. */
export interface Endpoint<TRecord> {
  name: string;
  record: z.ZodType<TRecord>;
}

/** A record as served (`raw`, for hashing and losslessness) and as validated. */
export interface FetchedRecord<TRecord> {
  raw: unknown;
  /** `raw` itself, checked by the endpoint's schema and typed by it. */
  record: AsServed<TRecord>;
  /** When the page holding it arrived. */
  fetchedAt: number;
}

export interface FetchResult<TRecord> {
  pages: number;
  /** meta.count: how many records the API says there are. */
  count: number;
  records: FetchedRecord<TRecord>[];
}

export interface NobelClientHooks {
  /** `reason` in words for logs; `code` stable, for metric labels (requestErrorCode). */
  onRetry?: (retryCount: number, reason: string, code: string) => void;
  /** A page asked for (its first attempt), by its number in the read. */
  onRequest?: (page: number) => void;
  onPage?: () => void;
}

/** How far a read has come: after each page received and validated. */
export interface FetchProgress {
  pages: number;
  records: number;
  /** meta.count of the pages so far. */
  count: number;
}

/** The reads of one run: every endpoint read in it shares the run's deadline and `stop`. */
export interface RunReader {
  /**
   * Reads every page of the endpoint, validating each before using it. Resolves only with the
   * complete set; `stop` aborts it (RunAbortedError); the run deadline fails it. `onProgress`
   * hears of each page read, so that a run that ends early still knows how far it came.
   * `onRecords` gets each page's validated records while the next page is on its way (what
   * it throws ends the read); records handed to it are not kept (`records` is then empty).
   */
  readAll<TRecord>(
    endpoint: Endpoint<TRecord>,
    onProgress?: (progress: FetchProgress) => void,
    // void, not a promise: the records are handled before the read goes on.
    onRecords?: (records: readonly FetchedRecord<TRecord>[]) => void,
  ): Promise<FetchResult<TRecord>>;
}

export interface NobelClient {
  /**
   * One run's reads: `read` gets a reader whose requests carry `stop` and one deadline for the
   * whole run (NOBEL_RUN_DEADLINE_MS), however many endpoints it reads; resolves with its result.
   */
  withRun<T>(stop: AbortSignal, read: (reader: RunReader) => Promise<T>): Promise<T>;
}

/**
 * The signal a run's requests carry: aborted by `stop`, or when the deadline passes. Not
 * `AbortSignal.any([stop, AbortSignal.timeout(ms)])`: on Node 20 nothing holds the timeout
 * signal but a weak reference, so a garbage collection can take it — and the deadline with it.
 * Here a timer of our own holds it until `release()`.
 */
function runSignal(
  stop: AbortSignal,
  deadlineMs: number,
): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onStop = () => controller.abort(stop.reason);
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  const timer = setTimeout(
    () => controller.abort(new Error(`the run's deadline of ${deadlineMs / 1000} s passed`)),
    deadlineMs,
  );
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
    },
  };
}

const MAX_REDIRECTS = 3;

/** Bodies larger than this are refused: a page of the real API is ~30 KB. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function createNobelClient(
  config: NobelApiConfig,
  deps: {
    logger: Logger;
    hooks?: NobelClientHooks;
    userAgent?: string;
    /** The largest response body accepted (tests use a small one). */
    maxBodyBytes?: number;
  },
): NobelClient {
  const origin = new URL(config.url).origin;
  const http: AxiosInstance = axios.create({
    baseURL: config.url,
    timeout: config.requestTimeoutMs,
    responseType: 'text',
    // Parsed here, once: the retry decision (isUsableResponse) and the reader both use it, and
    // a body that is not JSON is said as such, not as axios's own parse error.
    transformResponse: [parseResponseBody],
    maxContentLength: deps.maxBodyBytes ?? MAX_BODY_BYTES,
    // Redirects within the API's own origin only: a redirect elsewhere is refused, for good.
    maxRedirects: MAX_REDIRECTS,
    beforeRedirect: (options) => {
      const target = String(options.href ?? '');
      if (new URL(target).origin !== origin) throw new RedirectRefusedError(origin, target);
    },
    headers: {
      Accept: 'application/json',
      'User-Agent': deps.userAgent ?? 'nobel-pipeline-fetcher',
    },
  });
  // Each endpoint's page schema, made once: zod compiles a schema on its first use, which
  // costs more than checking a page with it.
  const pageSchemas = new Map<string, ReturnType<typeof pageRecords>>();
  const pageSchema = (name: string) => {
    let schema = pageSchemas.get(name);
    if (schema === undefined) pageSchemas.set(name, (schema = pageRecords(name)));
    return schema;
  };
  // A 2xx answer whose body is not JSON is refused here, as an error with its response, which
  // the retry decision below then sees (it retries it). Registered before axios-retry, so it
  // runs first. Not axios-retry's validateResponse: that turns every answer into an error
  // first (a stack trace per page), then back into an answer when it is usable.
  http.interceptors.response.use((response: AxiosResponse<ResponseBody | undefined>) => {
    if (isUsableResponse(response)) return response;
    throw new AxiosError(
      'the response body is not JSON',
      AxiosError.ERR_BAD_RESPONSE,
      response.config,
      response.request,
      response,
    );
  });
  axiosRetry(http, {
    retries: config.retries,
    retryCondition: isRetriableNobelError,
    retryDelay: nobelRetryDelay(config.retryBaseDelayMs),
    shouldResetTimeout: true,
    onRetry: (retryCount, error, request) => {
      const reason = describeRequestError(error);
      deps.logger.warn(
        { retryCount, reason, url: request.url, params: request.params as unknown },
        'retrying a Nobel API request',
      );
      deps.hooks?.onRetry?.(retryCount, reason, requestErrorCode(error));
    },
  });

  async function withRun<T>(
    stop: AbortSignal,
    read: (reader: RunReader) => Promise<T>,
  ): Promise<T> {
    const run = runSignal(stop, config.runDeadlineMs);
    try {
      return await read({
        readAll: (endpoint, onProgress, onRecords) =>
          readPages(endpoint, stop, run.signal, onProgress, onRecords),
      });
    } finally {
      run.release();
    }
  }

  /** One page's request; its failure said as the run's error (NobelApiError, RunAbortedError). */
  async function requestPage(
    name: string,
    page: number,
    offset: number,
    stop: AbortSignal,
    signal: AbortSignal,
    runSignal: AbortSignal,
  ): Promise<{ body: ResponseBody; fetchedAt: number }> {
    const where = `${name} page ${page} (offset ${offset})`;
    deps.hooks?.onRequest?.(page);
    let body: ResponseBody;
    try {
      const response = await http.get<ResponseBody>(`/${name}`, {
        params: { offset, limit: config.pageSize },
        signal,
      });
      body = response.data;
    } catch (error) {
      if (stop.aborted)
        throw new RunAbortedError(`stopped while reading ${where}`, { cause: error });
      if (runSignal.aborted) {
        throw new NobelApiError(
          `${where}: the run's deadline of ${config.runDeadlineMs / 1000} s passed`,
          { page, cause: error, retriable: true },
        );
      }
      const reason = describeRequestError(error);
      const retried =
        isAxiosError(error) && isRetriableNobelError(error)
          ? ` after ${config.retries} retries`
          : '';
      throw new NobelApiError(`${where}: ${reason}${retried}`, {
        page,
        cause: error,
        retriable: isAxiosError(error) && isRetriableNobelError(error),
      });
    }
    deps.hooks?.onPage?.();
    return { body, fetchedAt: Date.now() };
  }

  /**
   * Every page of an endpoint, one request at a time: the next page is asked for as soon as
   * this one's envelope says where it starts, and travels while this page's records are
   * validated and handed to `onRecords`. Never more than one request in flight — the API sees
   * the pace of a sequential reader with the gaps between requests taken out.
   */
  async function readPages<TRecord>(
    endpoint: Endpoint<TRecord>,
    stop: AbortSignal,
    runSignal: AbortSignal,
    onProgress?: (progress: FetchProgress) => void,
    onRecords?: (records: readonly FetchedRecord<TRecord>[]) => void,
  ): Promise<FetchResult<TRecord>> {
    const { name } = endpoint;
    // A page asked for ahead is cancelled when the read ends without it (a failed page).
    const ahead = new AbortController();
    const onRunAbort = () => ahead.abort(runSignal.reason);
    if (runSignal.aborted) onRunAbort();
    else runSignal.addEventListener('abort', onRunAbort, { once: true });
    const request = (page: number, offset: number) => {
      const pending = requestPage(name, page, offset, stop, ahead.signal, runSignal);
      // Awaited in its turn; a page the read abandons must not be an unhandled rejection.
      pending.catch(() => undefined);
      return pending;
    };

    const records: FetchedRecord<TRecord>[] = [];
    let read = 0;
    let offset = 0;
    let page = 1;
    let count: number | undefined;
    let next = request(page, offset);
    try {
      for (;;) {
        const where = `${name} page ${page} (offset ${offset})`;
        const { body, fetchedAt } = await next;
        // The retry decision already refuses a body that is not JSON; this says it to the type.
        if (!body.json) {
          throw new NobelApiError(`${where}: the response body is not JSON`, {
            page,
            retriable: true,
          });
        }
        // The records' array first, then meta and links: the first issue is reported.
        const items = pageSchema(name).safeParse(body.value);
        const envelope = items.success ? pageEnvelope.safeParse(body.value) : items;
        if (!items.success || !envelope.success) {
          const issue = (items.error ?? envelope.error)?.issues[0];
          const field = formatPath(issue?.path ?? []) || '(body)';
          throw new NobelApiError(`${where}: ${field}: ${issue?.message ?? 'invalid'}`, {
            page,
            field,
          });
        }
        const { meta } = envelope.data;
        const served = items.data[name] ?? [];
        if (meta.count > config.maxRecords) {
          throw new NobelApiError(
            `${where}: meta.count says ${meta.count} records, more than a run reads (NOBEL_MAX_RECORDS=${config.maxRecords})`,
            { page, field: 'meta.count' },
          );
        }
        if (count !== undefined && meta.count !== count) {
          throw new NobelApiError(
            `${where}: meta.count changed from ${count} to ${meta.count} during the run`,
            { page, field: 'meta.count', retriable: true },
          );
        }
        count = meta.count;
        if (served.length === 0 && offset < count) {
          throw new NobelApiError(
            `${where}: no records, but meta.count says ${count} and only ${offset} were read`,
            { page, field: name, retriable: true },
          );
        }
        // Advance by what arrived, not by links.next (seen pointing past the end) nor by the
        // limit asked for (a server may cap it).
        const nextOffset = offset + served.length;
        if (nextOffset < count) {
          next = request(page + 1, nextOffset);
          // axios sends it a few steps later, in the event loop: let it go out before this
          // page's records are handled (synchronously), or it would wait for them. On the
          // kept-alive connection one turn is enough; a new connection (the server closed it)
          // still connects only after the page is handled.
          await turnOfTheLoop();
        }

        const checkedPage = served.map((raw, index): FetchedRecord<TRecord> => {
          const checked = checkAsServed(endpoint.record, raw);
          if (!checked.success) {
            const issue = checked.error.issues[0];
            const field = `${name}[${index}]${issue?.path.length ? '.' : ''}${formatPath(issue?.path ?? [])}`;
            throw new NobelApiError(`${where}: ${field}: ${issue?.message ?? 'invalid'}`, {
              page,
              field,
            });
          }
          return { raw, record: checked.record, fetchedAt };
        });
        // Handed over page by page, or kept for the caller (what is handed over is not kept).
        if (onRecords === undefined) for (const record of checkedPage) records.push(record);
        else onRecords(checkedPage);
        read += checkedPage.length;
        offset = nextOffset;
        onProgress?.({ pages: page, records: read, count });
        if (offset >= count) return { pages: page, count, records };
        page++;
      }
    } finally {
      ahead.abort();
      runSignal.removeEventListener('abort', onRunAbort);
    }
  }

  return { withRun };
}
