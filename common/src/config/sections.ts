import { z } from 'zod';
import {
  hostPortList,
  httpUrl,
  integer,
  listenHost,
  logLevel,
  port,
  required,
  sqlIdentifier,
  topicName,
  type LogLevel,
} from './types';
import type { ParsedEnv } from './parse';

/**
 * The configuration every part of the pipeline shares, by concern. Each concern has an env
 * shape (the variables, their defaults and validation) and a function that turns the parsed
 * variables into the typed object the code uses. A service's config.ts spreads the shapes it
 * needs into one object, so that all problems are reported together.
 */

export const DEFAULTS = {
  kafkaBrokers: '127.0.0.1:9092',
  schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  dbHost: '127.0.0.1',
  dbPort: 3306,
  dbName: 'nobel',
  dbMigrateUser: 'nobel_migrate',
  dbSinkUser: 'nobel_sink',
  dbApiUser: 'nobel_api',
} as const;

// Kafka ------------------------------------------------------------------------------------

export const kafkaEnv = {
  KAFKA_BROKERS: hostPortList(DEFAULTS.kafkaBrokers),
  KAFKA_CLIENT_ID: z.string().optional(),
};

/**
 * A group member's session: how soon the group gives a dead member's partitions to another
 * (Kafka's group.min.session.timeout.ms is 6 s). Services in a group read it alike.
 */
export const sessionEnv = {
  KAFKA_SESSION_TIMEOUT_MS: integer(30_000, 6000, 300_000),
};

/** kafkajs's session and heartbeat for a session timeout: ten heartbeats a session. */
export function groupTimeouts(sessionTimeoutMs: number): {
  sessionTimeout: number;
  heartbeatInterval: number;
} {
  return {
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
  };
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
}

export function toKafkaConfig(env: ParsedEnv<typeof kafkaEnv>, clientId: string): KafkaConfig {
  return { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID ?? clientId };
}

// Schema registry --------------------------------------------------------------------------

export const registryEnv = {
  SCHEMA_REGISTRY_URL: httpUrl(DEFAULTS.schemaRegistryUrl),
  SCHEMA_REGISTRY_TIMEOUT_MS: integer(10_000, 100, 600_000),
};

export interface RegistryConfig {
  /** Base URL of a Confluent-compatible schema registry API. */
  url: string;
  /**
   * How long one request to the registry may go unanswered before it fails (and is retried as
   * the registry being unavailable). Without it, a registry that holds a request hangs its
   * caller for good: seen with Apicurio after a restart.
   */
  timeoutMs: number;
}

export function toRegistryConfig(env: ParsedEnv<typeof registryEnv>): RegistryConfig {
  return { url: env.SCHEMA_REGISTRY_URL, timeoutMs: env.SCHEMA_REGISTRY_TIMEOUT_MS };
}

// Database ---------------------------------------------------------------------------------

/**
 * Where the database is. Who connects is a separate concern: three accounts, each with the
 * least it needs — the migrations change the schema, the sink writes rows, ingest-api reads.
 */
export const dbEnv = {
  DB_HOST: z.string().default(DEFAULTS.dbHost),
  DB_PORT: port(DEFAULTS.dbPort),
  DB_NAME: sqlIdentifier(DEFAULTS.dbName),
};

// No default passwords: credentials live in the environment or .env, never in code.

/** The account that applies the migrations (DDL): `npm run migrate`, the sink at start-up. */
export const dbMigrateEnv = {
  DB_MIGRATE_USER: sqlIdentifier(DEFAULTS.dbMigrateUser),
  DB_MIGRATE_PASSWORD: required('a password'),
};

/** The sink's account: reads and writes rows (SELECT, INSERT, UPDATE, DELETE). */
export const dbSinkEnv = {
  DB_SINK_USER: sqlIdentifier(DEFAULTS.dbSinkUser),
  DB_SINK_PASSWORD: required('a password'),
};

/** ingest-api's account: reads (SELECT). */
export const dbApiEnv = {
  DB_API_USER: sqlIdentifier(DEFAULTS.dbApiUser),
  DB_API_PASSWORD: required('a password'),
};

export interface DbAccount {
  user: string;
  password: string;
}

export interface DbConfig extends DbAccount {
  host: string;
  port: number;
  database: string;
}

export function toDbConfig(env: ParsedEnv<typeof dbEnv>, account: DbAccount): DbConfig {
  return { host: env.DB_HOST, port: env.DB_PORT, database: env.DB_NAME, ...account };
}

export const migrateAccount = (env: ParsedEnv<typeof dbMigrateEnv>): DbAccount => ({
  user: env.DB_MIGRATE_USER,
  password: env.DB_MIGRATE_PASSWORD,
});
export const sinkAccount = (env: ParsedEnv<typeof dbSinkEnv>): DbAccount => ({
  user: env.DB_SINK_USER,
  password: env.DB_SINK_PASSWORD,
});
export const apiAccount = (env: ParsedEnv<typeof dbApiEnv>): DbAccount => ({
  user: env.DB_API_USER,
  password: env.DB_API_PASSWORD,
});

// Topics -----------------------------------------------------------------------------------

export interface TopicSpec {
  name: string;
  partitions: number;
  /** cleanup.policy=compact: the topic keeps the latest record per key. */
  compacted: boolean;
}

export interface TopicsConfig {
  /** Control events for the fetcher (START/STOP keyed `fetcher`, FETCH_NOW). */
  commands: TopicSpec;
  /** One Avro NobelPrize per prize, keyed by prize id. */
  prizes: TopicSpec;
  /** One Avro NobelLaureate per laureate, keyed by laureate id. */
  laureates: TopicSpec;
  /** One Avro FetchRun per fetch run. */
  fetchRuns: TopicSpec;
  /** Records (prizes, laureates, runs) the sink could not decode, validate or store. */
  prizesDlq: TopicSpec;
  /** Commands the fetcher can never read or carry out (garbage, another schema, bad values). */
  commandsDlq: TopicSpec;
}

/**
 * The topics the sink consumes, in the order it names them: its subscription, and the topics
 * whose lag is the sink's (ingest-api's /status).
 */
export function sinkTopicNames(topics: TopicsConfig): string[] {
  return [topics.prizes.name, topics.laureates.name, topics.fetchRuns.name];
}

const MAX_PARTITIONS = 1000;

export const topicsEnv = {
  TOPIC_COMMANDS: topicName('nobel.commands'),
  TOPIC_COMMANDS_PARTITIONS: integer(1, 1, MAX_PARTITIONS),
  TOPIC_PRIZES: topicName('nobel.prizes'),
  TOPIC_PRIZES_PARTITIONS: integer(3, 1, MAX_PARTITIONS),
  TOPIC_LAUREATES: topicName('nobel.laureates'),
  TOPIC_LAUREATES_PARTITIONS: integer(3, 1, MAX_PARTITIONS),
  TOPIC_FETCH_RUNS: topicName('nobel.fetch-runs'),
  TOPIC_FETCH_RUNS_PARTITIONS: integer(1, 1, MAX_PARTITIONS),
  TOPIC_PRIZES_DLQ: topicName('nobel.prizes.dlq'),
  TOPIC_PRIZES_DLQ_PARTITIONS: integer(1, 1, MAX_PARTITIONS),
  TOPIC_COMMANDS_DLQ: topicName('nobel.commands.dlq'),
  TOPIC_COMMANDS_DLQ_PARTITIONS: integer(1, 1, MAX_PARTITIONS),
};

export function toTopicsConfig(env: ParsedEnv<typeof topicsEnv>): TopicsConfig {
  return {
    commands: {
      name: env.TOPIC_COMMANDS,
      partitions: env.TOPIC_COMMANDS_PARTITIONS,
      compacted: true,
    },
    prizes: { name: env.TOPIC_PRIZES, partitions: env.TOPIC_PRIZES_PARTITIONS, compacted: true },
    laureates: {
      name: env.TOPIC_LAUREATES,
      partitions: env.TOPIC_LAUREATES_PARTITIONS,
      compacted: true,
    },
    fetchRuns: {
      name: env.TOPIC_FETCH_RUNS,
      partitions: env.TOPIC_FETCH_RUNS_PARTITIONS,
      compacted: false,
    },
    prizesDlq: {
      name: env.TOPIC_PRIZES_DLQ,
      partitions: env.TOPIC_PRIZES_DLQ_PARTITIONS,
      compacted: false,
    },
    commandsDlq: {
      name: env.TOPIC_COMMANDS_DLQ,
      partitions: env.TOPIC_COMMANDS_DLQ_PARTITIONS,
      compacted: false,
    },
  };
}

// Logging ----------------------------------------------------------------------------------

export const logEnv = {
  LOG_LEVEL: logLevel('info'),
};

export interface LogConfig {
  level: LogLevel;
}

export function toLogConfig(env: ParsedEnv<typeof logEnv>): LogConfig {
  return { level: env.LOG_LEVEL };
}

// Listening -------------------------------------------------------------------------------

/**
 * The address every HTTP server of the services listens on: this machine only by default
 * (the control plane is not open to the network unless asked); docker compose sets 0.0.0.0
 * inside the containers.
 */
export const listenEnv = {
  HTTP_HOST: listenHost('127.0.0.1'),
};

// What every service reads ------------------------------------------------------------------

/** Kafka, the schema registry, the topics, logging, and where to listen. */
export const serviceEnv = { ...kafkaEnv, ...registryEnv, ...topicsEnv, ...logEnv, ...listenEnv };

export interface ServiceConfig {
  kafka: KafkaConfig;
  registry: RegistryConfig;
  topics: TopicsConfig;
  log: LogConfig;
  /** The address the service's HTTP servers listen on (HTTP_HOST). */
  listenHost: string;
}

export function toServiceConfig(
  env: ParsedEnv<typeof serviceEnv>,
  clientId: string,
): ServiceConfig {
  return {
    kafka: toKafkaConfig(env, clientId),
    registry: toRegistryConfig(env),
    topics: toTopicsConfig(env),
    log: toLogConfig(env),
    listenHost: env.HTTP_HOST,
  };
}
