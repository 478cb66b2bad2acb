import request from 'supertest';
import { createApp } from './app';
import { BODY_LIMIT_BYTES } from './http/body';
import { assertDocumented } from './testing/openapi';
import { createTestApp } from './testing/fakes';

const server = (t: ReturnType<typeof createTestApp>) => t.app.callback();

describe('POST /start, /stop, /fetch', () => {
  it('produce a START keyed "fetcher", answering 202 with the command Kafka acknowledged', async () => {
    const t = createTestApp();
    const res = await request(server(t)).post('/start');
    expect(res.status).toBe(202);
    assertDocumented('POST', '/start', 202, res.body);
    expect(res.body).toMatchObject({ type: 'START', intervalSeconds: null });
    const { key, command } = await t.decodeSent(0);
    expect(key).toBe('fetcher');
    expect(command).toMatchObject({
      commandId: res.body.commandId,
      type: 'START',
      intervalSeconds: null,
    });
    expect(new Date(command.issuedAt).toISOString()).toBe(res.body.issuedAt);
    expect(t.producer.sent[0]).toMatchObject({ topic: 'nobel.commands', acks: -1 });
  });

  it('takes an interval for START', async () => {
    const t = createTestApp();
    const res = await request(server(t)).post('/start').send({ intervalSeconds: 120 });
    expect(res.status).toBe(202);
    expect(res.body.intervalSeconds).toBe(120);
    expect((await t.decodeSent(0)).command.intervalSeconds).toBe(120);
  });

  it('key STOP as the desired state and FETCH_NOW apart from it', async () => {
    const t = createTestApp();
    expect((await request(server(t)).post('/stop')).status).toBe(202);
    expect((await request(server(t)).post('/fetch').send({})).status).toBe(202);
    expect(await t.decodeSent(0)).toMatchObject({ key: 'fetcher', command: { type: 'STOP' } });
    expect(await t.decodeSent(1)).toMatchObject({
      key: 'fetcher.fetch-now',
      command: { type: 'FETCH_NOW' },
    });
  });
});

describe('bad requests', () => {
  const cases: [string, (r: request.Test) => request.Test, number, string, string[]][] = [
    [
      'an unknown field',
      (r) => r.send({ intervalSeconds: 120, force: true }),
      400,
      'invalid_body',
      ['force'],
    ],
    [
      'a wrong type',
      (r) => r.send({ intervalSeconds: '120' }),
      400,
      'invalid_body',
      ['intervalSeconds'],
    ],
    [
      'an interval below a minute',
      (r) => r.send({ intervalSeconds: 59 }),
      400,
      'invalid_body',
      ['intervalSeconds'],
    ],
    [
      'an interval above a day',
      (r) => r.send({ intervalSeconds: 86_401 }),
      400,
      'invalid_body',
      ['intervalSeconds'],
    ],
    [
      'a fractional interval',
      (r) => r.send({ intervalSeconds: 90.5 }),
      400,
      'invalid_body',
      ['intervalSeconds'],
    ],
    ['a JSON array', (r) => r.send([1, 2]), 400, 'invalid_body', ['']],
    [
      'JSON null',
      (r) => r.set('Content-Type', 'application/json').send('null'),
      400,
      'invalid_body',
      [''],
    ],
    [
      'broken JSON',
      (r) => r.set('Content-Type', 'application/json').send('{"intervalSeconds":'),
      400,
      'invalid_json',
      [],
    ],
    [
      'text',
      (r) => r.set('Content-Type', 'text/plain').send('start please'),
      415,
      'unsupported_media_type',
      [],
    ],
    [
      'a form',
      (r) => r.type('form').send({ intervalSeconds: 120 }),
      415,
      'unsupported_media_type',
      [],
    ],
    [
      'a body over 16 KiB',
      (r) => r.send({ pad: 'x'.repeat(BODY_LIMIT_BYTES) }),
      413,
      'payload_too_large',
      [],
    ],
  ];

  it.each(cases)('refuses %s, writing nothing', async (_name, build, status, code, paths) => {
    const t = createTestApp();
    const res = await build(request(server(t)).post('/start'));
    expect(res.status).toBe(status);
    assertDocumented('POST', '/start', status, res.body);
    expect(res.body.error).toBe(code);
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(paths);
    expect(t.producer.sent).toEqual([]);
  });

  it('refuses any field on /stop and /fetch', async () => {
    const t = createTestApp();
    const res = await request(server(t)).post('/stop').send({ now: true });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'now', problem: 'unknown field' }]);
  });

  it('answers an unknown route with 404 JSON', async () => {
    const res = await request(server(createTestApp())).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: 'not_found',
      message: 'No route for GET /nope',
      details: [],
    });
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await request(server(createTestApp())).get('/start');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body.error).toBe('method_not_allowed');
    const put = await request(server(createTestApp())).put('/healthz');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('HEAD, GET');
  });
});

describe('auth', () => {
  const token = 'a-sufficiently-long-token';

  it('requires the bearer token on POST when API_TOKEN is set', async () => {
    const t = createTestApp({ apiToken: token });
    const missing = await request(server(t)).post('/start');
    expect(missing.status).toBe(401);
    assertDocumented('POST', '/start', 401, missing.body);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(
      (await request(server(t)).post('/start').set('Authorization', `Bearer ${token}x`)).status,
    ).toBe(401);
    expect(
      (await request(server(t)).post('/start').set('Authorization', `Basic ${token}`)).status,
    ).toBe(401);
    expect(
      (await request(server(t)).post('/start').set('Authorization', `Bearer ${token}`)).status,
    ).toBe(202);
    expect(t.producer.sent).toHaveLength(1);
  });

  it('checks the token before reading the body', async () => {
    const t = createTestApp({ apiToken: token });
    const res = await request(server(t)).post('/start').set('Content-Type', 'text/plain').send('x');
    expect(res.status).toBe(401);
  });

  it('leaves reads open', async () => {
    const t = createTestApp({ apiToken: token });
    expect((await request(server(t)).get('/healthz')).status).toBe(200);
    expect((await request(server(t)).get('/prizes')).status).toBe(200);
  });
});

describe('browser pages of other sites', () => {
  it('may not send commands: a cross-site form POST is refused with 403, nothing produced', async () => {
    const t = createTestApp();
    for (const path of ['/start', '/stop', '/fetch']) {
      const res = await request(server(t))
        .post(path)
        .set('Origin', 'https://evil.example')
        .set('Content-Type', 'application/x-www-form-urlencoded');
      expect(res.status).toBe(403);
      assertDocumented('POST', path, 403, res.body);
      expect(res.body.error).toBe('forbidden_origin');
    }
    const sandboxed = await request(server(t)).post('/stop').set('Origin', 'null');
    expect(sandboxed.status).toBe(403);
    expect(t.producer.sent).toEqual([]);
  });

  it("the service's own local pages, configured origins and tools without Origin may", async () => {
    const t = createTestApp();
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', undefined]) {
      const call = request(server(t)).post('/fetch');
      const res = await (origin === undefined ? call : call.set('Origin', origin));
      expect(res.status).toBe(202);
    }
    const configured = createTestApp({ allowedOrigins: ['https://console.example.org'] });
    const res = await request(server(configured))
      .post('/stop')
      .set('Origin', 'https://console.example.org');
    expect(res.status).toBe(202);
  });

  it('leave the reads alone: they change nothing', async () => {
    const res = await request(server(createTestApp()))
      .get('/prizes')
      .set('Origin', 'https://evil.example');
    expect(res.status).toBe(200);
  });
});

describe('failures of Kafka and the registry', () => {
  it('answers 503 when Kafka does not acknowledge, counting the failure', async () => {
    const t = createTestApp();
    t.producer.failWith = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
      retriable: true,
    });
    const res = await request(server(t)).post('/start');
    expect(res.status).toBe(503);
    assertDocumented('POST', '/start', 503, res.body);
    expect(res.body.error).toBe('kafka_unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(
      await t.metrics.registry.getSingleMetricAsString('ingest_commands_failed_total'),
    ).toContain('ingest_commands_failed_total{type="START",reason="kafka"} 1');
    t.producer.failWith = undefined;
    expect((await request(server(t)).post('/start')).status).toBe(202);
  });

  it('answers 503 when the registry is down, and sends nothing', async () => {
    const t = createTestApp();
    t.registry.down = true;
    const res = await request(server(t)).post('/fetch');
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('registry_unavailable');
    expect(t.producer.sent).toEqual([]);
    t.registry.down = false;
    expect((await request(server(t)).post('/fetch')).status).toBe(202);
  });

  it('never shows a stack trace', async () => {
    const t = createTestApp();
    t.deps.commands.publish = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    };
    const res = await request(createTestAppWith(t)).post('/start');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: 'internal_error',
      message: 'Internal server error',
      details: [],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/TypeError|at .*\.ts/);
  });
});

/** The app rebuilt from the same, modified, dependencies. */
function createTestAppWith(t: ReturnType<typeof createTestApp>) {
  return createApp(t.deps).callback();
}

describe('health, metrics, documentation', () => {
  it('reports liveness and readiness with reasons', async () => {
    const t = createTestApp({
      checks: [
        { name: 'kafka', check: async () => undefined },
        {
          name: 'registry',
          check: async () => {
            throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
          },
        },
      ],
    });
    const live = await request(server(t)).get('/healthz');
    expect(live.status).toBe(200);
    assertDocumented('GET', '/healthz', 200, live.body);
    const ready = await request(server(t)).get('/readyz');
    expect(ready.status).toBe(503);
    assertDocumented('GET', '/readyz', 503, ready.body);
    expect(ready.body.checks).toEqual({
      kafka: { ok: true },
      registry: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:8081' },
    });
  });

  it('counts commands by type and requests by route pattern', async () => {
    const t = createTestApp();
    await request(server(t)).post('/start');
    await request(server(t)).post('/start');
    await request(server(t)).post('/stop');
    await request(server(t)).get('/does/not/exist');
    const res = await request(server(t)).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('ingest_commands_produced_total{type="START"} 2');
    expect(res.text).toContain('ingest_commands_produced_total{type="STOP"} 1');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/start",status="202"\} 2/,
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    );
  });

  it('serves the OpenAPI document', async () => {
    const doc = await request(server(createTestApp())).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
  });

  it('echoes a sane request id and replaces an insane one', async () => {
    const t = createTestApp();
    expect(
      (await request(server(t)).get('/healthz').set('X-Request-Id', 'abc-123')).headers[
        'x-request-id'
      ],
    ).toBe('abc-123');
    const replaced = await request(server(t))
      .get('/healthz')
      .set('X-Request-Id', 'a b\tc'.repeat(30));
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
