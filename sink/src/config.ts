import { z } from 'zod';
import {
  ConfigError,
  dbEnv,
  dbMigrateEnv,
  dbSinkEnv,
  migrateAccount,
  sinkAccount,
  flag,
  integer,
  parseEnv,
  port,
  serviceEnv,
  sessionEnv,
  toDbConfig,
  toServiceConfig,
  type DbConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';

export interface SinkConfig extends ServiceConfig {
  /** The sink's own account: it reads and writes rows. */
  db: DbConfig;
  /** The migration account, for SINK_MIGRATE_ON_START; undefined when that is off. */
  migrationDb: DbConfig | undefined;
  /** Port of /healthz, /readyz and /metrics. */
  metricsPort: number;
  /** The consumer group on the prizes and fetch-runs topics. */
  groupId: string;
  /** How soon the group gives a dead sink's partitions to another (or to it, restarted). */
  sessionTimeoutMs: number;
  /** Apply pending migrations at start-up. */
  migrateOnStart: boolean;
  /** Upper bound of the wait between two attempts at a failed database write. */
  retryMaxMs: number;
  /** A partition retrying a write for longer than this makes /readyz fail. */
  stuckAfterSeconds: number;
  /** Bytes fetched per partition and request: the size of a batch. */
  maxBytesPerPartition: number;
  /** Partitions written at the same time, each batch in transactions of its own. */
  partitionsConcurrently: number;
  /** Transactions one batch is written in at the same time, each a range of keys. */
  writersPerBatch: number;
}

/** Every variable the sink reads, with its rule (docker compose passes each: a test checks). */
export const SINK_ENV = {
  ...serviceEnv,
  ...dbEnv,
  ...dbSinkEnv,
  ...dbMigrateEnv,
  // Needed only to migrate at start-up (checked below).
  DB_MIGRATE_PASSWORD: z.string().min(1).optional(),
  SINK_METRICS_PORT: port(9465),
  SINK_GROUP_ID: z.string().min(1).default('sink'),
  ...sessionEnv,
  SINK_MIGRATE_ON_START: flag(true),
  SINK_RETRY_MAX_MS: integer(30_000, 100, 600_000),
  SINK_STUCK_AFTER_SECONDS: integer(120, 1, 86_400),
  SINK_MAX_BYTES_PER_PARTITION: integer(1_048_576, 16_384, 104_857_600),
  SINK_PARTITIONS_CONCURRENTLY: integer(3, 1, 64),
  SINK_WRITERS_PER_BATCH: integer(3, 1, 16),
};

/** The most transactions one sink may have open at once (partitions × writers per batch). */
export const MAX_TRANSACTIONS = 64;

/** The database pool: a connection for every transaction the consumer may have open, and one for /readyz. */
export function poolSize(
  config: Pick<SinkConfig, 'partitionsConcurrently' | 'writersPerBatch'>,
): number {
  return config.partitionsConcurrently * config.writersPerBatch + 1;
}

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): SinkConfig {
  const e = parseEnv(SINK_ENV, source);
  if (e.SINK_MIGRATE_ON_START && e.DB_MIGRATE_PASSWORD === undefined) {
    throw new ConfigError([
      {
        variable: 'DB_MIGRATE_PASSWORD',
        problem: 'required while SINK_MIGRATE_ON_START=true (the sink migrates as that account)',
      },
    ]);
  }
  if (e.SINK_PARTITIONS_CONCURRENTLY * e.SINK_WRITERS_PER_BATCH > MAX_TRANSACTIONS) {
    throw new ConfigError([
      {
        variable: 'SINK_WRITERS_PER_BATCH',
        problem: `${e.SINK_WRITERS_PER_BATCH} writers per batch × SINK_PARTITIONS_CONCURRENTLY=${e.SINK_PARTITIONS_CONCURRENTLY} is ${e.SINK_PARTITIONS_CONCURRENTLY * e.SINK_WRITERS_PER_BATCH} transactions (and database connections) at once; at most ${MAX_TRANSACTIONS}`,
      },
    ]);
  }
  return {
    ...toServiceConfig(e, 'sink'),
    db: toDbConfig(e, sinkAccount(e)),
    migrationDb:
      e.SINK_MIGRATE_ON_START && e.DB_MIGRATE_PASSWORD !== undefined
        ? toDbConfig(e, migrateAccount({ ...e, DB_MIGRATE_PASSWORD: e.DB_MIGRATE_PASSWORD }))
        : undefined,
    metricsPort: e.SINK_METRICS_PORT,
    groupId: e.SINK_GROUP_ID,
    sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
    migrateOnStart: e.SINK_MIGRATE_ON_START,
    retryMaxMs: e.SINK_RETRY_MAX_MS,
    stuckAfterSeconds: e.SINK_STUCK_AFTER_SECONDS,
    maxBytesPerPartition: e.SINK_MAX_BYTES_PER_PARTITION,
    partitionsConcurrently: e.SINK_PARTITIONS_CONCURRENTLY,
    writersPerBatch: e.SINK_WRITERS_PER_BATCH,
  };
}
