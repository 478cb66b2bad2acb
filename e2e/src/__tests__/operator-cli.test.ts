import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { QueryTypes } from 'sequelize';
import { collectOutput, createApiClient, EXIT, loadCliConfig, runCli } from '@nobel-pipeline/cli';
import type { DbConfig } from '@nobel-pipeline/common';
import { createSequelize, migrateDatabase } from '@nobel-pipeline/db';
import { parseAsServed, sourcePrize, toNobelPrize } from '@nobel-pipeline/fetcher';
import { DEFAULT_SNAPSHOTS, loadSnapshot } from '@nobel-pipeline/nobel-mirror';
import { createCodec, loadContracts } from '@nobel-pipeline/schemas';
import {
  createPipelineTopics,
  createTestDatabase,
  freePort,
  loadTestConfig,
  pipelineTopicsEnv,
  produceRecords,
  startService,
  testKafka,
  uniqueGroup,
  uniquePipelineTopics,
  waitFor,
  type RunningService,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';

/**
 * The operator's CLI with the real sink (its built main) on the real stack: a replay to the
 * earliest offsets that the sink follows to the end without changing a row, and poison records
 * that the sink dead-letters, `nobel dlq` lists and redrives, the sink sends back, and a second
 * redrive leaves alone.
 */
jest.setTimeout(180_000);

const SINK_MAIN = resolve(__dirname, '..', '..', '..', 'sink', 'dist', 'main.js');
const config = loadTestConfig();
const kafka = testKafka();
const topics = uniquePipelineTopics('ops', ['prizes', 'laureates', 'fetchRuns', 'prizesDlq']);
const group = uniqueGroup('ops-sink');
const running: RunningService[] = [];
let database: TestDatabase;

async function startSink(): Promise<RunningService> {
  const port = await freePort();
  const sink = await startService({
    main: SINK_MAIN,
    env: {
      ...pipelineTopicsEnv(topics),
      SINK_GROUP_ID: group,
      SINK_METRICS_PORT: String(port),
      SINK_MIGRATE_ON_START: 'false',
      DB_NAME: database.config.database,
      LOG_LEVEL: 'warn',
    },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
  });
  running.push(sink);
  return sink;
}

async function stopSink(sink: RunningService): Promise<void> {
  expect(await sink.stop()).toBe(0);
  running.splice(running.indexOf(sink), 1);
}

/** `nobel …` as an operator runs it, pointed at this test's topics, group and database. */
function nobel(...argv: string[]) {
  const out = collectOutput();
  const cli = loadCliConfig({
    ...process.env,
    ...pipelineTopicsEnv(topics),
    SINK_GROUP_ID: group,
    DB_NAME: database.config.database,
    // The read-only account sees only the application's database: the test's own is read
    // with the account that created it.
    DB_API_USER: database.config.user,
    DB_API_PASSWORD: database.config.password,
  });
  const done = runCli(argv, {
    config: cli,
    out,
    api: createApiClient({ baseUrl: cli.apiUrl, token: undefined }),
    kafka: () => kafka,
    registry: () => new SchemaRegistry({ host: config.registry.url }),
    interrupted: new Promise<void>(() => undefined),
  });
  return { out, done };
}

/** Row counts, and a digest of what the prizes hold (id, content hash, when fetched). */
async function rows(db: DbConfig): Promise<Record<string, number | string>> {
  const sequelize = createSequelize({ config: db });
  try {
    const [row] = await sequelize.query<Record<string, number | string>>(
      `SELECT (SELECT COUNT(*) FROM prizes) AS prizes, (SELECT COUNT(*) FROM laureates) AS laureates,
              (SELECT COUNT(*) FROM prize_laureates) AS entries,
              (SELECT SHA2(GROUP_CONCAT(id, content_hash, fetched_at ORDER BY id), 256) FROM prizes) AS digest`,
      { type: QueryTypes.SELECT },
    );
    return {
      prizes: Number(row?.prizes),
      laureates: Number(row?.laureates),
      entries: Number(row?.entries),
      digest: String(row?.digest),
    };
  } finally {
    await sequelize.close();
  }
}

beforeAll(async () => {
  database = await createTestDatabase(config.db);
  await migrateDatabase(database.config);
  await createPipelineTopics(kafka, topics);
  const records = loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes') as Record<
    string,
    unknown
  >[];
  const encoder = createCodec({
    registry: new SchemaRegistry({ host: config.registry.url }),
  }).encoder(loadContracts().nobelPrize, topics.prizes);
  const fetchedAt = Date.UTC(2024, 5, 10);
  await produceRecords(
    kafka,
    topics.prizes,
    await Promise.all(
      records.map(async (raw) => {
        const event = toNobelPrize(raw, parseAsServed(sourcePrize, raw), {
          fetchedAt,
          fetchRunId: 'ops',
        });
        return { key: event.id, value: await encoder.encode(event) };
      }),
    ),
  );
});

afterAll(async () => {
  for (const sink of running) await sink.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([`nobel-dlq-redrive.${topics.prizesDlq}`]).catch(() => undefined);
  await admin.disconnect();
  await database?.drop();
});

it('replays the prizes to the sink from the earliest offsets: every record read again, the rows as they were', async () => {
  const sink = await startSink();
  await waitFor(async () => (await rows(database.config)).prizes === 670, {
    timeoutMs: 60_000,
    description: '670 prizes stored',
  });
  const before = await rows(database.config);
  expect(before).toMatchObject({ prizes: 670, laureates: 992, entries: 1000 });

  // A group with a member is refused (exit 3), whatever the plan.
  const refused = nobel('replay', '--to-earliest');
  expect(await refused.done).toBe(EXIT.refused);
  expect(refused.out.notes.join('\n')).toMatch(/active member/);

  await stopSink(sink);
  const replay = nobel('replay', '--to-earliest', '--wait-for-members', '30');
  await waitFor(() => replay.out.notes.some((n) => /left/.test(n)), {
    timeoutMs: 60_000,
    description: 'the replay to follow the lag',
  });
  expect(replay.out.lines.join('\n')).toMatch(/total to replay: 67\d record/);
  await startSink();
  expect(await replay.done).toBe(EXIT.ok);
  const summary = replay.out.lines.join('\n');
  expect(summary).toMatch(/replayed 67\d record\(s\)/);
  expect(summary).toContain(
    'rows: prizes 670 → 670, laureates 992 → 992, prize_laureates 1000 → 1000',
  );
  expect(replay.out.notes.at(-1)).toMatch(/^0 left/);
  // Newer-wins: the same events again change nothing a reader sees (rows, hashes, times).
  expect(await rows(database.config)).toEqual(before);
});

it('dead-letters poison, lists it, redrives it once, and leaves what comes back alone', async () => {
  if (running.length === 0) await startSink();
  const dlqEnd = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topics.prizesDlq)).reduce(
        (n, p) => n + Number(p.high),
        0,
      );
    } finally {
      await admin.disconnect();
    }
  };
  await produceRecords(kafka, topics.prizes, [
    { key: 'poison-1', value: 'not avro at all' },
    { key: 'poison-2', value: Buffer.from([0, 0, 0, 0, 0, 1]) },
  ]);
  await waitFor(async () => (await dlqEnd()) === 2, {
    timeoutMs: 60_000,
    description: '2 DLQ records',
  });

  const list = nobel('dlq', 'list', '--json');
  expect(await list.done).toBe(EXIT.ok);
  const listed = list.out.lines.map(
    (l) => JSON.parse(l) as { key: string; original: { topic: string } },
  );
  // The two may sit on different partitions: their order across partitions is not a rule.
  expect(listed.map((r) => [r.key, r.original.topic]).sort()).toEqual([
    ['poison-1', topics.prizes],
    ['poison-2', topics.prizes],
  ]);

  const first = nobel('dlq', 'redrive');
  expect(await first.done).toBe(EXIT.ok);
  expect(first.out.lines.at(-1)).toMatch(/^published 2 record\(s\)/);
  // Still poison: the sink sends both back.
  await waitFor(async () => (await dlqEnd()) === 4, {
    timeoutMs: 60_000,
    description: 'both back',
  });

  const second = nobel('dlq', 'redrive', '--json');
  expect(await second.done).toBe(EXIT.ok);
  expect(JSON.parse(second.out.lines.at(-1) ?? '{}')).toMatchObject({ published: 0, skipped: 2 });
  expect(await dlqEnd()).toBe(4);
  expect(await rows(database.config)).toMatchObject({ prizes: 670 });
});
