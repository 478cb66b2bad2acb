import type { ProducerRecord, RecordMetadata } from 'kafkajs';
import { createLogger, type Logger } from '@nobel-pipeline/common';
import {
  createCodec,
  loadContracts,
  type FetcherCommand,
  type LaureateView,
  type PrizeView,
} from '@nobel-pipeline/schemas';
import { createFakeRegistry } from '@nobel-pipeline/test-utils';
import type { StaticFile } from '../console/static-files';
import { createApp, type AppDeps } from '../app';
import { createCommandPublisher, type CommandSender } from '../commands/publisher';
import { createDatabaseGate } from '../database/database-gate';
import { localOrigins } from '../http/origin';
import type { SchemaState } from '@nobel-pipeline/db';
import type { ReadinessCheck } from '@nobel-pipeline/common';
import type { PrizeReader } from '@nobel-pipeline/db';
import { createMetrics } from '../metrics/metrics';

/** A producer that keeps what it was asked to send, or fails like an unreachable broker. */
export function createFakeProducer(): CommandSender & {
  sent: ProducerRecord[];
  failWith: Error | undefined;
} {
  const fake = {
    sent: [] as ProducerRecord[],
    failWith: undefined as Error | undefined,
    async send(record: ProducerRecord): Promise<RecordMetadata[]> {
      if (fake.failWith !== undefined) throw fake.failWith;
      fake.sent.push(record);
      return [{ topicName: record.topic, partition: 0, errorCode: 0 }];
    },
  };
  return fake;
}

export const silentLogger = (): Logger => createLogger({ name: 'test', level: 'silent' });

export interface TestApp {
  app: ReturnType<typeof createApp>;
  producer: ReturnType<typeof createFakeProducer>;
  registry: ReturnType<typeof createFakeRegistry>;
  metrics: ReturnType<typeof createMetrics>;
  /** Decodes what the fake producer was sent. */
  decodeSent(index: number): Promise<{ key: string | undefined; command: FetcherCommand }>;
  deps: AppDeps;
}

/** The real app over a fake producer and a fake registry (real codec, real publisher). */
export function createTestApp(
  options: {
    apiToken?: string;
    checks?: ReadinessCheck[];
    reader?: PrizeReader;
    /** The schema's state as the database would report it (default: migrated). */
    readSchema?: () => Promise<SchemaState>;
    /** Origins allowed besides the service's own local ones (on port 3000). */
    allowedOrigins?: string[];
    /** The console's files (none by default: the console not built). */
    consoleFiles?: ReadonlyMap<string, StaticFile>;
  } = {},
): TestApp {
  const registry = createFakeRegistry();
  const producer = createFakeProducer();
  const metrics = createMetrics({ defaultMetrics: false });
  const contracts = loadContracts();
  const codec = createCodec({ registry });
  const encoder = codec.encoder(contracts.fetcherCommand, 'nobel.commands');
  const decoder = codec.decoder(contracts.fetcherCommand);
  const deps: AppDeps = {
    logger: silentLogger(),
    metrics,
    commands: createCommandPublisher({ producer, encoder, metrics }),
    reader: options.reader ?? createFakeReader([]),
    database: createDatabaseGate({ readSchema: options.readSchema ?? migratedSchema, ttlMs: 0 }),
    status: async () => ({
      fetcher: {
        desiredState: 'STOPPED',
        intervalSeconds: null,
        lastCommand: null,
        instances: [],
        live: null,
      },
      lastRun: null,
      nextRunExpectedAt: null,
      sink: { lag: [], totalLag: 0 },
      database: { status: 'ready', message: 'migrated and readable' },
      dlq: { topics: [], total: 0 },
    }),
    checks: options.checks ?? [],
    apiToken: options.apiToken,
    allowedOrigins: [...localOrigins(3000), ...(options.allowedOrigins ?? [])],
    isRunning: () => true,
    version: '0.0.0-test',
    consoleFiles: options.consoleFiles ?? new Map(),
  };
  return {
    app: createApp(deps),
    producer,
    registry,
    metrics,
    deps,
    async decodeSent(index) {
      const message = producer.sent[index]?.messages[0];
      if (message === undefined) throw new Error(`nothing was sent at ${index}`);
      return {
        key: message.key?.toString(),
        command: await decoder.decode(message.value as Buffer),
      };
    },
  };
}

/** A database with every migration applied. */
export const migratedSchema = async (): Promise<SchemaState> => ({
  current: true,
  applied: ['0001-create-tables'],
  pending: [],
  unknown: [],
  missingTables: [],
});

/** A reader over prizes and laureates held in memory, in the API's shape. */
export function createFakeReader(prizes: PrizeView[], laureates: LaureateView[] = []): PrizeReader {
  return {
    list: async (query) => {
      const matching = prizes.filter(
        (p) => query.category === undefined || p.categoryCode === query.category,
      );
      return {
        total: matching.length,
        items: matching.slice(query.offset, query.offset + query.limit),
      };
    },
    get: async (id) => prizes.find((p) => p.id === id),
    laureate: async (id) => laureates.find((l) => l.id === id),
    laureates: async (query) => {
      const matching = laureates.filter(
        (l) => query.gender === undefined || l.gender === query.gender,
      );
      return {
        total: matching.length,
        items: matching.slice(query.offset, query.offset + query.limit),
      };
    },
    runs: async () => [],
    lastRun: async () => undefined,
  };
}
