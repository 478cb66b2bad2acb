import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import {
  createCodec,
  DESIRED_STATE_KEY,
  FETCH_NOW_KEY,
  loadContracts,
  type CommandType,
  type FetchRun,
} from '@nobel-pipeline/schemas';
import {
  createPipelineTopics,
  freePort,
  loadTestConfig,
  metricValue,
  pipelineTopicsEnv,
  produceRecords,
  startService,
  uniquePipelineTopics,
  waitFor,
  type Collector,
  type PipelineTopics,
  type RunningService,
} from '@nobel-pipeline/test-utils';

/** Helpers for tests of the fetcher as a real process against the real stack. */

export const FETCHER_MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');

export const config = loadTestConfig();
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });

/**
 * The fetcher's topics: it reads commands, writes prizes, laureates and runs, dead-letters
 * commands.
 */
export type Topics = PipelineTopics<
  'commands' | 'prizes' | 'laureates' | 'fetchRuns' | 'commandsDlq'
>;

/** Fresh topics, shaped like the pipeline's own. */
export function createTopics(kafka: Kafka, name: string): Promise<Topics> {
  return createPipelineTopics(
    kafka,
    uniquePipelineTopics(name, ['commands', 'prizes', 'laureates', 'fetchRuns', 'commandsDlq']),
  );
}

/** A command as ingest-api writes it: its key and its registry-framed Avro value. */
export async function encodeCommand(
  topic: string,
  type: CommandType,
  intervalSeconds: number | null = null,
): Promise<{ key: string; value: Buffer }> {
  const value = await codec.encoder(contracts.fetcherCommand, topic).encode({
    commandId: randomUUID(),
    type,
    intervalSeconds,
    issuedAt: Date.now(),
    requestedBy: 'test',
  });
  return { key: type === 'FETCH_NOW' ? FETCH_NOW_KEY : DESIRED_STATE_KEY, value };
}

/** Sends a command the way ingest-api does. */
export async function sendCommand(
  kafka: Kafka,
  topic: string,
  type: CommandType,
  intervalSeconds: number | null = null,
): Promise<void> {
  await produceRecords(kafka, topic, [await encodeCommand(topic, type, intervalSeconds)]);
}

export async function decodeRuns(collector: Collector): Promise<FetchRun[]> {
  const decoder = codec.decoder(contracts.fetchRun);
  return Promise.all(collector.messages.map(({ message }) => decoder.decode(message.value)));
}

/** Waits for the nth FetchRun (1-based) and returns it. */
export async function waitForRun(
  collector: Collector,
  n: number,
  timeoutMs = 60_000,
): Promise<FetchRun> {
  await waitFor(() => collector.messages.length >= n, { timeoutMs, description: `FetchRun #${n}` });
  const runs = await decodeRuns(collector);
  const run = runs[n - 1];
  if (run === undefined) throw new Error(`no FetchRun #${n}`);
  return run;
}

/** A metric of the fetcher's /metrics page (test-utils' metricValue); 0 when it has none. */
export async function metricOf(
  fetcher: Pick<FetcherProcess, 'statusUrl'>,
  name: string,
  labels = '',
): Promise<number> {
  const value = await metricValue(fetcher.statusUrl.replace('/status', '/metrics'), name, labels);
  return Number.isNaN(value) ? 0 : value;
}

export interface FetcherProcess {
  service: RunningService;
  statusUrl: string;
  /** GET /status: times in ISO-8601, null for what there is none of. */
  status(): Promise<{
    active: boolean;
    desired: { state: string };
    running: {
      trigger: string;
      since: string;
      pagesRead: number;
      pagesTotal: number | null;
    } | null;
    waiting: string[];
    nextRunAt: string | null;
    lastRun: (Omit<FetchRun, 'startedAt' | 'finishedAt'> & { startedAt: string }) | null;
  }>;
}

export async function startFetcher(
  topics: Topics,
  nobelApiUrl: string,
  ids: { group: string; transactionalId: string },
  env: Record<string, string> = {},
): Promise<FetcherProcess> {
  const port = await freePort();
  const statusUrl = `http://127.0.0.1:${port}/status`;
  const service = await startService({
    main: FETCHER_MAIN,
    env: {
      NOBEL_API_URL: nobelApiUrl,
      ...pipelineTopicsEnv(topics),
      FETCHER_GROUP_ID: ids.group,
      FETCHER_TRANSACTIONAL_ID: ids.transactionalId,
      FETCHER_METRICS_PORT: String(port),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      NOBEL_TIMEOUT_MS: '1000',
      NOBEL_RETRY_BASE_MS: '20',
      LOG_LEVEL: 'warn',
      ...env,
    },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
  });
  return {
    service,
    statusUrl,
    async status() {
      return (await (await fetch(statusUrl)).json()) as Awaited<
        ReturnType<FetcherProcess['status']>
      >;
    },
  };
}
