import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Partitioners, type Kafka } from 'kafkajs';
import { QueryTypes } from 'sequelize';
import { caughtUp as caughtUpWith, type DbConfig } from '@nobel-pipeline/common';
import { createSequelize } from '@nobel-pipeline/db';
import { sourcePrize, toNobelPrize } from '@nobel-pipeline/fetcher';
import { DEFAULT_SNAPSHOTS, loadSnapshot } from '@nobel-pipeline/nobel-mirror';
import {
  createCodec,
  loadContracts,
  type FetchRun,
  type NobelPrize,
} from '@nobel-pipeline/schemas';
import {
  createTestKafka,
  createTopic,
  freePort,
  loadTestConfig,
  startService,
  uniqueTopic,
  type RunningService,
} from '@nobel-pipeline/test-utils';

/** Helpers for tests of the sink as a real process on the real stack. */

export const SINK_MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');
export const config = loadTestConfig();
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });

export const testKafka = (): Kafka => createTestKafka(config.kafka);

export interface SinkTopics {
  prizes: string;
  fetchRuns: string;
  dlq: string;
}

export async function createSinkTopics(kafka: Kafka, name: string): Promise<SinkTopics> {
  const topics = {
    prizes: uniqueTopic(`${name}.prizes`),
    fetchRuns: uniqueTopic(`${name}.runs`),
    dlq: uniqueTopic(`${name}.dlq`),
  };
  await createTopic(kafka, { name: topics.prizes, partitions: 3, compacted: true });
  await createTopic(kafka, { name: topics.fetchRuns });
  await createTopic(kafka, { name: topics.dlq });
  return topics;
}

/** The 670 prizes of the real snapshot, as the fetcher publishes them. */
export function realEvents(
  fetchedAt = Date.UTC(2024, 5, 10),
  fetchRunId = 'snapshot-run',
): { events: NobelPrize[]; records: Record<string, unknown>[] } {
  const records = loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes') as Record<
    string,
    unknown
  >[];
  return {
    records,
    events: records.map((raw) =>
      toNobelPrize(raw, sourcePrize.parse(raw), { fetchedAt, fetchRunId }),
    ),
  };
}

export async function produce(
  kafka: Kafka,
  topic: string,
  messages: { key: string; value: Buffer }[],
): Promise<void> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
    }
  } finally {
    await producer.disconnect();
  }
}

export async function producePrizes(
  kafka: Kafka,
  topic: string,
  events: readonly NobelPrize[],
): Promise<void> {
  const encoder = codec.encoder(contracts.nobelPrize, topic);
  await produce(
    kafka,
    topic,
    await Promise.all(events.map(async (e) => ({ key: e.id, value: await encoder.encode(e) }))),
  );
}

export async function produceRuns(
  kafka: Kafka,
  topic: string,
  runs: readonly FetchRun[],
): Promise<void> {
  const encoder = codec.encoder(contracts.fetchRun, topic);
  await produce(
    kafka,
    topic,
    await Promise.all(runs.map(async (r) => ({ key: r.runId, value: await encoder.encode(r) }))),
  );
}

export interface SinkProcess {
  service: RunningService;
  metricsUrl: string;
}

export async function startSink(
  topics: SinkTopics,
  db: DbConfig,
  groupId: string,
  env: Record<string, string> = {},
): Promise<SinkProcess> {
  const port = await freePort();
  const service = await startService({
    main: SINK_MAIN,
    env: {
      TOPIC_PRIZES: topics.prizes,
      TOPIC_FETCH_RUNS: topics.fetchRuns,
      TOPIC_PRIZES_DLQ: topics.dlq,
      SINK_GROUP_ID: groupId,
      SINK_METRICS_PORT: String(port),
      SINK_RETRY_MAX_MS: '2000',
      DB_HOST: db.host,
      DB_PORT: String(db.port),
      DB_NAME: db.database,
      LOG_LEVEL: 'warn',
      ...env,
    },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
  });
  return { service, metricsUrl: `http://127.0.0.1:${port}/metrics` };
}

export interface Counts {
  prizes: number;
  laureates: number;
  entries: number;
  runs: number;
}

/** Row counts, as the application user sees them. */
export async function counts(db: DbConfig): Promise<Counts> {
  const sequelize = createSequelize({ config: db });
  try {
    const count = async (table: string) =>
      Number(
        (
          await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, {
            type: QueryTypes.SELECT,
          })
        )[0]?.n,
      );
    return {
      prizes: await count('prizes'),
      laureates: await count('laureates'),
      entries: await count('prize_laureates'),
      runs: await count('fetch_runs'),
    };
  } finally {
    await sequelize.close();
  }
}

/** Resolves once the group has committed every record of the topics (as of the call). */
export async function caughtUp(kafka: Kafka, groupId: string, topics: string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await caughtUpWith(admin, groupId, topics);
  } finally {
    await admin.disconnect();
  }
}
