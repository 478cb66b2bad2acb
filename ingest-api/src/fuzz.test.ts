import request from 'supertest';
import { createTestApp } from './testing/fakes';

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
const PATHS = [
  '/',
  '/prizes?year=1901',
  '/laureates',
  '/laureates?gender=female&year=1950&yearTo=1940',
  '/laureates/6',
  '/start',
  '/stop',
  '/fetch',
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/start/',
  '/START',
  '/start?x=1',
  '/%',
  '/..%2f',
  '/a/b/c',
  '/start%00',
];
const TYPES = [
  'application/json',
  'text/plain',
  'application/json; charset=latin1',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  '',
];
const BODIES = [
  '',
  '{}',
  'null',
  '[]',
  '{"intervalSeconds":60}',
  '{"intervalSeconds":1e309}',
  '{"intervalSeconds":-1}',
  '{"__proto__":{"x":1}}',
  '{"intervalSeconds":60,"intervalSeconds":"x"}',
  '\u0000\u0001',
  '{"a":',
  '"str"',
  '9'.repeat(400),
  '{"intervalSeconds":[60]}',
  '\xff\xfe',
];

describe('random requests', () => {
  it('never get a 5xx answer from a healthy service', async () => {
    const next = random(20261129);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const t = createTestApp({ apiToken: next() < 0.5 ? undefined : 'a-sufficiently-long-token' });
    const agent = request(t.app.callback());
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const method = pick(METHODS);
      let req = agent[method.toLowerCase() as 'get'](pick(PATHS));
      const type = pick(TYPES);
      if (type !== '') req = req.set('Content-Type', type);
      if (next() < 0.3)
        req = req.set(
          'Authorization',
          pick(['Bearer a-sufficiently-long-token', 'Bearer x', 'Basic x', 'Bearer']),
        );
      if (method !== 'GET' && method !== 'HEAD' && next() < 0.8) req = req.send(pick(BODIES));
      const res = await req;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) throw new Error(`${method} → ${res.status}: ${res.text}`);
      if (method !== 'HEAD' && res.status >= 400) expect(res.body).toHaveProperty('error');
    }
    expect([...statuses.keys()].some((s) => s === 202)).toBe(true);
  });
});
