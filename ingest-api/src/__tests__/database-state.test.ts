import { resolve } from 'node:path';
import { migrateDatabase } from '@nobel-pipeline/db';
import {
  createTestDatabase,
  createTestKafka,
  createTopic,
  freePort,
  loadTestConfig,
  startService,
  uniqueTopic,
  waitFor,
  type RunningService,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';
import { assertDocumented } from '../testing/openapi';

/**
 * ingest-api as a real process on a database of its own that nobody has migrated: the reads
 * answer 503 with the fix, /readyz is not ready and says why, /status answers what it can;
 * once `npm run migrate` has run (here: the same function), the reads answer 200 without a
 * restart. And on a database the user may not log in to: 503 with the reason.
 */
jest.setTimeout(120_000);

const MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');
const config = loadTestConfig();
const topic = uniqueTopic('commands');
let database: TestDatabase;
const running: RunningService[] = [];

async function startApi(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  running.push(
    await startService({
      main: MAIN,
      env: { HTTP_PORT: String(port), TOPIC_COMMANDS: topic, LOG_LEVEL: 'error', ...env },
      readyUrl: `${url}/healthz`,
    }),
  );
  return url;
}

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  database = await createTestDatabase(config.db);
  await createTopic(createTestKafka(config.kafka), { name: topic, compacted: true });
});

afterAll(async () => {
  const codes = await Promise.all(running.map((s) => s.stop()));
  await database?.drop();
  expect(codes.every((code) => code === 0)).toBe(true);
});

it('answers 503 database_not_migrated until the migrations run, then 200 without a restart', async () => {
  const url = await startApi({ DB_NAME: database.config.database });

  for (const path of ['/', '/prizes', '/laureates', '/runs']) {
    const { status, body } = await getJson(`${url}${path}`);
    expect(status).toBe(503);
    assertDocumented('GET', path, 503, body);
    expect(body.error).toBe('database_not_migrated');
    expect(String(body.message)).toContain('npm run migrate');
    expect(body.details).toEqual(
      expect.arrayContaining([{ path: 'tables', problem: 'missing: prizes' }]),
    );
  }

  const ready = await getJson(`${url}/readyz`);
  expect(ready.status).toBe(503);
  assertDocumented('GET', '/readyz', 503, ready.body);
  expect(ready.body).toMatchObject({
    status: 'not_ready',
    checks: {
      database: { ok: false, error: expect.stringContaining('npm run migrate') },
      kafka: { ok: true },
      registry: { ok: true },
    },
  });

  const status = await getJson(`${url}/status`);
  expect(status.status).toBe(200);
  assertDocumented('GET', '/status', 200, status.body);
  expect(status.body).toMatchObject({
    lastRun: null,
    database: { status: 'not_migrated', message: expect.stringContaining('npm run migrate') },
  });

  expect(await migrateDatabase(database.config)).not.toEqual([]);
  const after = await waitFor(
    async () => {
      const res = await getJson(`${url}/prizes`);
      return res.status === 200 ? res : undefined;
    },
    { description: 'GET /prizes to answer 200 after the migrations' },
  );
  expect(after.body).toMatchObject({ total: 0, items: [] });
  const laureates = await getJson(
    `${url}/laureates?gender=female&birthCountry=Poland&category=che&year=1901&yearTo=1911&name=curie`,
  );
  expect(laureates.status).toBe(200);
  assertDocumented('GET', '/laureates', 200, laureates.body);
  expect(laureates.body).toEqual({ total: 0, limit: 25, offset: 0, items: [] });
  expect((await getJson(`${url}/readyz`)).status).toBe(200);
  expect((await getJson(`${url}/status`)).body).toMatchObject({
    database: { status: 'ready' },
  });
});

it('answers 503 database_unavailable naming the reason when the user may not log in', async () => {
  const url = await startApi({
    DB_NAME: database.config.database,
    DB_API_PASSWORD: 'not-the-password',
  });
  const { status, body } = await getJson(`${url}/prizes`);
  expect(status).toBe(503);
  expect(body).toMatchObject({
    error: 'database_unavailable',
    details: [{ path: 'database', problem: 'access_denied' }],
  });
  const ready = await getJson(`${url}/readyz`);
  expect(ready.body).toMatchObject({
    checks: { database: { ok: false, error: expect.stringContaining('DB_API_PASSWORD') } },
  });
  const statusNow = await getJson(`${url}/status`);
  expect(statusNow.status).toBe(200);
  expect(statusNow.body).toMatchObject({ lastRun: null, database: { status: 'unavailable' } });
});
