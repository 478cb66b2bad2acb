import { CliError, EXIT } from '../errors';
import { createApiClient } from './api-client';

function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fake = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify(body), { status });
  };
  return { calls, fake: fake as typeof fetch };
}

describe('the ingest-api client', () => {
  it('POSTs a command with the bearer token and the interval', async () => {
    const { calls, fake } = answering(202, {
      commandId: '6c0f3a4e-0c5b-4f55-9b55-3f1d2c7a9e10',
      type: 'START',
      intervalSeconds: 600,
      issuedAt: '2026-11-29T10:00:00.000Z',
    });
    const api = createApiClient({ baseUrl: 'http://api', token: 't'.repeat(16), fetch: fake });
    await api.command('start', 600);
    expect(calls[0]?.url).toBe('http://api/start');
    expect(calls[0]?.init?.headers).toMatchObject({ authorization: `Bearer ${'t'.repeat(16)}` });
    expect(calls[0]?.init?.body).toBe('{"intervalSeconds":600}');
  });

  it('turns 401 into a hint about API_TOKEN, 503 into "unavailable"', async () => {
    const unauthorized = createApiClient({
      baseUrl: 'http://api',
      token: undefined,
      fetch: answering(401, { error: 'unauthorized', message: 'Missing bearer token' }).fake,
    });
    await expect(unauthorized.command('stop')).rejects.toThrow(/401 unauthorized: .*API_TOKEN/);
    const down = createApiClient({
      baseUrl: 'http://api',
      token: undefined,
      fetch: answering(503, { error: 'kafka_unavailable', message: 'Kafka did not answer' }).fake,
    });
    const error = await down.command('fetch').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.unavailable);
  });

  it('says so when ingest-api does not answer', async () => {
    const api = createApiClient({
      baseUrl: 'http://127.0.0.1:9',
      token: undefined,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(api.status()).rejects.toMatchObject({
      exitCode: EXIT.unavailable,
      message: expect.stringContaining('ingest-api at http://127.0.0.1:9 does not answer'),
    });
  });

  it('says so when an answer is outside the contract, rather than print nonsense', async () => {
    const api = createApiClient({
      baseUrl: 'http://api',
      token: undefined,
      fetch: answering(200, { fetcher: 'started' }).fake,
    });
    await expect(api.status()).rejects.toThrow(
      /answered GET \/status with a body outside its contract: fetcher: /,
    );
  });
});
