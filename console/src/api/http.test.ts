import { getJson, postJson, type Fetch } from './http';

function answering(status: number, body: unknown): jest.MockedFunction<Fetch> {
  return jest.fn<ReturnType<Fetch>, Parameters<Fetch>>(async () => Response.json(body, { status }));
}

describe('getJson', () => {
  it('gives the body of a 200', async () => {
    const result = await getJson<{ a: number }>(answering(200, { a: 1 }), '/x');
    expect(result).toEqual({ ok: true, status: 200, body: { a: 1 } });
  });

  it('accepts the statuses it is told are answers (503 for /readyz)', async () => {
    const result = await getJson(answering(503, { status: 'not_ready' }), '/readyz', {
      okStatuses: [200, 503],
    });
    expect(result.ok).toBe(true);
  });

  it('gives an ErrorBody as the failure', async () => {
    const body = { error: 'not_found', message: 'No prize', details: [] };
    const result = await getJson(answering(404, body), '/prizes/x');
    expect(result).toEqual({ ok: false, failure: { kind: 'http', status: 404, body } });
  });

  it('keeps a body that is no ErrorBody out of the failure', async () => {
    const result = await getJson(answering(500, { oops: true }), '/x');
    expect(result).toEqual({ ok: false, failure: { kind: 'http', status: 500, body: null } });
  });

  it('turns a network error into a failure, not an exception', async () => {
    const fetchFn: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await getJson(fetchFn, '/x')).toEqual({ ok: false, failure: { kind: 'network' } });
  });
});

describe('postJson', () => {
  it('sends JSON with the bearer token when there is one', async () => {
    const fetchFn = answering(202, { commandId: 'c' });
    await postJson(fetchFn, '/start', { intervalSeconds: 60 }, 'secret', [202]);
    const init = fetchFn.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"intervalSeconds":60}');
    expect(init?.headers).toMatchObject({
      'Content-Type': 'application/json',
      Authorization: 'Bearer secret',
    });
  });

  it('sends no Authorization header without a token', async () => {
    const fetchFn = answering(202, {});
    await postJson(fetchFn, '/stop', {}, '', [202]);
    expect(fetchFn.mock.calls[0]?.[1]?.headers).not.toHaveProperty('Authorization');
  });
});
