import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { loadEnv } from '@nobel-pipeline/common';
import { migrateDatabase } from '@nobel-pipeline/db';
import { createCodec, loadContracts } from '@nobel-pipeline/schemas';
import { createStack, loadStackConfig } from '@nobel-pipeline/stack';
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

/**
 * The control path on the real stack, with ingest-api running as a real process (its built
 * main): HTTP → Avro command on Kafka; Kafka or the registry stopped → 503 and recovery.
 */
jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');
const config = loadTestConfig();
const stack = createStack(loadStackConfig(loadEnv({ cwd: ROOT }).env, ROOT), () => undefined);
const decoder = createCodec({
  registry: new SchemaRegistry({ host: config.registry.url }),
}).decoder(loadContracts().fetcherCommand);
const topic = uniqueTopic('commands');
const running: RunningService[] = [];
// A migrated database of this test's own: the reads among the malformed requests must find
// their tables whatever state the shared database is in.
let database: TestDatabase;

async function startApi(): Promise<{ url: string; service: RunningService }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = await startService({
    main: MAIN,
    env: {
      HTTP_PORT: String(port),
      TOPIC_COMMANDS: topic,
      DB_NAME: database.config.database,
      LOG_LEVEL: 'warn',
    },
    readyUrl: `${url}/healthz`,
  });
  running.push(service);
  return { url, service };
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  database = await createTestDatabase(config.db);
  await migrateDatabase(database.config);
  await createTopic(createTestKafka(config.kafka), { name: topic, compacted: true });
});

afterAll(async () => {
  // Whatever happened, the stack is left up for the next tests.
  await stack.up();
  const codes = await Promise.all(running.map((s) => s.stop()));
  await database?.drop();
  expect(codes.every((code) => code === 0)).toBe(true);
});

it('writes the commands to Kafka as Avro, keyed by desired state or one-off', async () => {
  const { url } = await startApi();
  const start = await post(`${url}/start`, { intervalSeconds: 90 });
  expect(start.status).toBe(202);
  const started = (await start.json()) as { commandId: string };
  const fetchNow = (await (await post(`${url}/fetch`)).json()) as { commandId: string };
  const stop = (await (await post(`${url}/stop`)).json()) as { commandId: string };

  const messages = await consumeMessages(createTestKafka(config.kafka), { topic, count: 3 });
  const decoded = await Promise.all(
    messages.map(async ({ message }) => ({
      key: message.key?.toString(),
      ...(await decoder.decode(message.value)),
    })),
  );
  expect(decoded).toEqual([
    expect.objectContaining({
      key: 'fetcher',
      commandId: started.commandId,
      type: 'START',
      intervalSeconds: 90,
    }),
    expect.objectContaining({
      key: 'fetcher.fetch-now',
      commandId: fetchNow.commandId,
      type: 'FETCH_NOW',
    }),
    expect.objectContaining({
      key: 'fetcher',
      commandId: stop.commandId,
      type: 'STOP',
      intervalSeconds: null,
    }),
  ]);
});

it('answers 503 while Kafka is down, lives on, and recovers without a restart', async () => {
  const { url, service } = await startApi();
  expect((await post(`${url}/start`)).status).toBe(202);
  const kafka = stack.component('kafka');
  await kafka.down();
  try {
    const res = await post(`${url}/start`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe('kafka_unavailable');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(service.exited()).toBe(false);
  } finally {
    await kafka.up();
  }
  await waitFor(async () => (await post(`${url}/stop`)).status === 202, {
    timeoutMs: 30_000,
    description: 'a 202 once Kafka is back',
  });
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
});

it('answers 503 while the registry is down (nothing sent), and recovers without a restart', async () => {
  const { url, service } = await startApi();
  const registry = stack.component('registry');
  await registry.down();
  try {
    const res = await post(`${url}/fetch`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe('registry_unavailable');
    expect(service.exited()).toBe(false);
  } finally {
    await registry.up();
  }
  await waitFor(async () => (await post(`${url}/fetch`)).status === 202, {
    timeoutMs: 30_000,
    description: 'a 202 once the registry is back',
  });
});

it('answers hundreds of malformed requests without a single 5xx', async () => {
  const { url } = await startApi();
  const bodies = [
    '{',
    '[]',
    'null',
    '{"intervalSeconds":"x"}',
    '{"intervalSeconds":1}',
    '{"x":1}',
    '\u0000',
    'x'.repeat(20_000),
  ];
  const types = ['application/json', 'text/plain', 'application/xml', ''];
  const paths = ['/start', '/stop', '/fetch', '/nope', '/start/x', '/'];
  const methods = ['POST', 'PUT', 'DELETE', 'PATCH', 'GET'];
  const statuses: number[] = [];
  for (let i = 0; i < 300; i++) {
    const method = methods[i % methods.length] ?? 'POST';
    const type = types[(i >> 2) % types.length] ?? '';
    const res = await fetch(`${url}${paths[(i * 7) % paths.length]}`, {
      method,
      headers: type === '' ? {} : { 'Content-Type': type },
      body: method === 'GET' ? undefined : bodies[(i * 3) % bodies.length],
    });
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.some((s) => s === 400)).toBe(true);
  expect(statuses.some((s) => s === 415)).toBe(true);
  expect(statuses.some((s) => s === 413)).toBe(true);
});
