import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { migrateDatabase } from '@nobel-pipeline/db';
import { createCodec, loadContracts, type FetcherCommand } from '@nobel-pipeline/schemas';
import {
  consumeMessages,
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
import { EXIT } from '../errors';
import { testCliDeps } from '../testing/deps';
import { runCli } from '../program';

/**
 * nobel start | stop | fetch | status | runs against a real ingest-api (its built main) on the
 * real stack: the commands land on Kafka as Avro, the token is honoured, the status is read.
 */
jest.setTimeout(120_000);

const INGEST_API = resolve(__dirname, '..', '..', '..', 'ingest-api', 'dist', 'main.js');
const TOKEN = 'cli-test-token-0123456789';
const config = loadTestConfig();
const topic = uniqueTopic('cli-commands');
const decoder = createCodec({
  registry: new SchemaRegistry({ host: config.registry.url }),
}).decoder(loadContracts().fetcherCommand);
let database: TestDatabase;
let api: RunningService;
let url: string;

/** The CLI as a user runs it; `null`: without API_TOKEN. */
function cli(token: string | null = TOKEN) {
  const deps = testCliDeps({ INGEST_API_URL: url, API_TOKEN: token ?? '' });
  return { out: deps.out, run: (...argv: string[]) => runCli(argv, deps) };
}

beforeAll(async () => {
  database = await createTestDatabase(config.db);
  await migrateDatabase(database.config);
  await createTopic(createTestKafka(config.kafka), { name: topic, compacted: true });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = await startService({
    main: INGEST_API,
    env: {
      HTTP_PORT: String(port),
      TOPIC_COMMANDS: topic,
      DB_NAME: database.config.database,
      API_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
    },
    readyUrl: `${url}/healthz`,
  });
});

afterAll(async () => {
  expect(await api?.stop()).toBe(0);
  await database?.drop();
});

it('sends START, FETCH_NOW and STOP as Avro commands, with the token', async () => {
  const { run, out } = cli();
  expect(await run('start', '--interval', '600')).toBe(EXIT.ok);
  expect(await run('fetch', '--json')).toBe(EXIT.ok);
  expect(await run('stop')).toBe(EXIT.ok);
  expect(out.lines[0]).toMatch(/^START accepted: command [0-9a-f-]{36}, every 600 s/);
  expect(JSON.parse(out.lines[1] ?? '')).toMatchObject({
    type: 'FETCH_NOW',
    intervalSeconds: null,
  });

  const records = await consumeMessages(createTestKafka(config.kafka), { topic, count: 3 });
  const commands = await Promise.all(records.map((r) => decoder.decode(r.message.value as Buffer)));
  expect(commands.map((c: FetcherCommand) => [c.type, c.intervalSeconds])).toEqual([
    ['START', 600],
    ['FETCH_NOW', null],
    ['STOP', null],
  ]);
});

it('says what to do without the token, and exits 1; 2 on bad arguments', async () => {
  const { run, out } = cli(null);
  expect(await run('start')).toBe(EXIT.failed);
  expect(out.notes.join('\n')).toMatch(/401 unauthorized.*set API_TOKEN/);
  expect(await run('start', '--interval', '5')).toBe(EXIT.usage);
  expect(await run('runs', '--limit', '0')).toBe(EXIT.usage);
});

it('reads the status and the runs', async () => {
  const { run, out } = cli();
  expect(await run('start', '--interval', '900')).toBe(EXIT.ok);
  await waitFor(
    async () => {
      out.lines.length = 0;
      await run('status', '--json');
      const status = JSON.parse(out.lines[0] ?? '{}') as { fetcher?: { intervalSeconds?: number } };
      return status.fetcher?.intervalSeconds === 900;
    },
    { timeoutMs: 30_000, description: 'the status to show the START' },
  );
  out.lines.length = 0;
  expect(await run('status')).toBe(EXIT.ok);
  expect(out.lines[0]).toContain('fetcher   STARTED, every 900 s');
  expect(out.lines[0]).toContain('database  ready');
  out.lines.length = 0;
  expect(await run('runs')).toBe(EXIT.ok);
  expect(out.lines).toEqual(['No run yet.']);
});

it('exits 4 when ingest-api does not answer', async () => {
  const port = await freePort();
  const deps = testCliDeps({ INGEST_API_URL: `http://127.0.0.1:${port}`, API_TOKEN: '' });
  const { out } = deps;
  const code = await runCli(['status'], deps);
  expect(code).toBe(EXIT.unavailable);
  expect(out.notes[0]).toMatch(/ingest-api at .* does not answer/);
});
