import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import {
  isRetriableNobelError,
  isUsableResponse,
  nobelRetryDelay,
  parseResponseBody,
} from './retry-policy';

function response(
  status: number,
  data: unknown,
  headers: Record<string, string> = {},
): AxiosResponse {
  return {
    status,
    data,
    headers,
    statusText: '',
    config: { headers: new AxiosHeaders() },
  } as AxiosResponse;
}

function errorWith(
  status: number | undefined,
  code?: string,
  headers: Record<string, string> = {},
): AxiosError {
  const error = new AxiosError('failed', code);
  if (status !== undefined) error.response = response(status, '', headers);
  return error;
}

describe('retry policy', () => {
  it.each([
    ['a refused connection', errorWith(undefined, 'ECONNREFUSED'), true],
    ['a reset connection', errorWith(undefined, 'ECONNRESET'), true],
    ['a timeout', errorWith(undefined, 'ECONNABORTED'), true],
    ['429', errorWith(429), true],
    ['500', errorWith(500), true],
    ['503', errorWith(503), true],
    ['a 200 whose body is not JSON', errorWith(200), true],
    ['400', errorWith(400), false],
    ['404', errorWith(404), false],
    ['our own cancellation', errorWith(undefined, 'ERR_CANCELED'), false],
  ])('retries %s: %s', (_name, error, expected) => {
    expect(isRetriableNobelError(error)).toBe(expected);
  });

  it('takes only 2xx JSON answers as usable', () => {
    const usable = (status: number, text: string) =>
      isUsableResponse(response(status, parseResponseBody(text)));
    expect(usable(200, '{"nobelPrizes":[]}')).toBe(true);
    expect(usable(200, '{"nobelPrizes":[')).toBe(false);
    expect(usable(503, '{}')).toBe(false);
  });

  it('parses a body once, keeping what is not JSON as it came', () => {
    expect(parseResponseBody('{"meta":{"count":1}}')).toEqual({
      json: true,
      value: { meta: { count: 1 } },
    });
    expect(parseResponseBody('<html>')).toEqual({ json: false, text: '<html>' });
    expect(parseResponseBody(undefined)).toEqual({ json: false, text: undefined });
  });

  it('backs off exponentially with up to 25% jitter, capped', () => {
    const noJitter = nobelRetryDelay(500, () => 0);
    const fullJitter = nobelRetryDelay(500, () => 1);
    expect([1, 2, 3, 4].map((n) => noJitter(n))).toEqual([500, 1000, 2000, 4000]);
    expect(fullJitter(1)).toBe(625);
    expect(noJitter(30)).toBe(30_000);
  });

  it('waits at least as long as Retry-After says', () => {
    const delay = nobelRetryDelay(100, () => 0);
    expect(delay(1, errorWith(429, undefined, { 'retry-after': '3' }))).toBe(3000);
    expect(delay(1, errorWith(429, undefined, { 'retry-after': '0' }))).toBe(100);
  });
});
