import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { QueryTypes } from 'sequelize';
import type { DbConfig } from '@nobel-pipeline/common';
import { createSequelize } from '@nobel-pipeline/db';
import {
  parseAsServed,
  sourceLaureateRecord,
  sourcePrize,
  toNobelLaureate,
  toNobelPrize,
} from '@nobel-pipeline/fetcher';
import { defaultSnapshotRecords } from '@nobel-pipeline/nobel-mirror';
import { Type } from 'avsc';
import {
  createCodec,
  loadContracts,
  type Contract,
  type FetchRun,
  type NobelLaureate,
  type NobelPrize,
} from '@nobel-pipeline/schemas';
import {
  createPipelineTopics,
  freePort,
  loadTestConfig,
  pipelineTopicsEnv,
  produceRecords,
  startService,
  uniquePipelineTopics,
  type PipelineTopics,
  type RunningService,
} from '@nobel-pipeline/test-utils';

/** Helpers for tests of the sink as a real process on the real stack. */

export const SINK_MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');
export const config = loadTestConfig();
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });

/** The sink's topics: it reads prizes, laureates and runs, dead-letters to the prizes DLQ. */
export type SinkTopics = PipelineTopics<'prizes' | 'laureates' | 'fetchRuns' | 'prizesDlq'>;

/** Fresh topics, shaped like the pipeline's own. */
export function createSinkTopics(kafka: Kafka, name: string): Promise<SinkTopics> {
  return createPipelineTopics(
    kafka,
    uniquePipelineTopics(name, ['prizes', 'laureates', 'fetchRuns', 'prizesDlq']),
  );
}

/** A snapshot's records, and the events the fetcher makes of them. */
function snapshotEvents<T>(
  endpoint: 'nobelPrizes' | 'laureates',
  toEvent: (raw: Record<string, unknown>) => T,
): { events: T[]; records: Record<string, unknown>[] } {
  const records = defaultSnapshotRecords(endpoint);
  return { records, events: records.map(toEvent) };
}

/** The 670 prizes of the real snapshot, as the fetcher publishes them. */
export function realEvents(fetchedAt = Date.UTC(2024, 5, 10), fetchRunId = 'snapshot-run') {
  return snapshotEvents('nobelPrizes', (raw): NobelPrize =>
    toNobelPrize(raw, parseAsServed(sourcePrize, raw), { fetchedAt, fetchRunId }),
  );
}

/** The 992 laureates of the real snapshot, as the fetcher publishes them. */
export function realLaureates(fetchedAt = Date.UTC(2024, 5, 10), fetchRunId = 'snapshot-run') {
  return snapshotEvents('laureates', (raw): NobelLaureate =>
    toNobelLaureate(raw, parseAsServed(sourceLaureateRecord, raw), { fetchedAt, fetchRunId }),
  );
}

export async function produceLaureates(
  kafka: Kafka,
  topic: string,
  events: readonly NobelLaureate[],
): Promise<void> {
  const encoder = codec.encoder(contracts.nobelLaureate, topic);
  await produceRecords(
    kafka,
    topic,
    await Promise.all(events.map(async (e) => ({ key: e.id, value: await encoder.encode(e) }))),
  );
}

export async function producePrizes(
  kafka: Kafka,
  topic: string,
  events: readonly NobelPrize[],
): Promise<void> {
  const encoder = codec.encoder(contracts.nobelPrize, topic);
  await produceRecords(
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
  await produceRecords(
    kafka,
    topic,
    await Promise.all(runs.map(async (r) => ({ key: r.runId, value: await encoder.encode(r) }))),
  );
}

/** A FetchRun as the fetchers before sources (FetchRun v1) wrote it. */
export type FetchRunV1 = Omit<FetchRun, 'sources'>;

/**
 * Produces runs written with FetchRun v1, its schema registered under the topic's subject as
 * an older fetcher registered it: what is already on the topic when v2 arrives.
 */
export async function produceRunsV1(
  kafka: Kafka,
  topic: string,
  runs: readonly FetchRunV1[],
): Promise<void> {
  const v1 = contracts.fetchRun.history.find((h) => h.version === 1);
  if (v1 === undefined) throw new Error('no FetchRun v1 under schemas/avro');
  const contract: Contract<FetchRunV1> = {
    name: 'FetchRun',
    version: 1,
    schema: v1.schema,
    type: Type.forSchema(v1.schema),
    history: [v1],
  };
  const encoder = codec.encoder(contract, topic);
  await produceRecords(
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
      ...pipelineTopicsEnv(topics),
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
  runSources: number;
  laureateDetails: number;
  laureateAwards: number;
  laureateAffiliations: number;
  laureateResidences: number;
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
      runSources: await count('fetch_run_sources'),
      laureateDetails: await count('laureate_details'),
      laureateAwards: await count('laureate_awards'),
      laureateAffiliations: await count('laureate_affiliations'),
      laureateResidences: await count('laureate_residences'),
    };
  } finally {
    await sequelize.close();
  }
}
