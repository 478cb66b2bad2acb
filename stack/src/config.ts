import { resolve } from 'node:path';
import { z } from 'zod';
import {
  apiAccount,
  dbApiEnv,
  dbEnv,
  dbMigrateEnv,
  dbSinkEnv,
  migrateAccount,
  sinkAccount,
  hostPortList,
  httpUrl,
  integer,
  kafkaEnv,
  parseEnv,
  port,
  registryEnv,
  sqlIdentifier,
  toDbConfig,
  topicsEnv,
  toTopicsConfig,
  ConfigError,
  type DbAccount,
  type DbConfig,
  type Env,
  type TopicsConfig,
} from '@nobel-pipeline/common';

/** Versions the stack runs unless told otherwise. */
export const STACK_DEFAULTS = {
  kafkaVersion: '4.1.2',
  kafkaControllerPort: 9093,
  kafkaHeap: '1g',
  registryVersion: '3.3.3',
  registryManagementPort: 8082,
  registryHeap: '512m',
  dbAdminUser: 'root',
  startTimeoutSeconds: 120,
} as const;

const heap = (defaultValue: string) =>
  z
    .string()
    .regex(/^\d+[kmg]$/i, 'expected a JVM heap size such as 512m or 1g')
    .default(defaultValue);

const version = (defaultValue: string) =>
  z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 1.2.3')
    .default(defaultValue);

/**
 * What `topics` reads: the brokers and the topics, nothing else, so that the Docker init (which
 * runs it on a Kafka the stack did not start) needs no password but the migration account's.
 */
export const TOPICS_ENV = { ...kafkaEnv, ...topicsEnv };

/** Where to create the pipeline's topics, and which. */
export interface TopicsTarget {
  brokers: string[];
  topics: TopicsConfig;
}

export function loadTopicsTarget(env: Env): TopicsTarget {
  const e = parseEnv(TOPICS_ENV, env);
  return { brokers: e.KAFKA_BROKERS, topics: toTopicsConfig(e) };
}

/** Every variable the stack's other commands read (up, down, status, reset, pipeline, test). */
export const STACK_ENV = {
  ...kafkaEnv,
  ...registryEnv,
  ...dbEnv,
  ...dbMigrateEnv,
  ...dbSinkEnv,
  ...dbApiEnv,
  ...topicsEnv,
  STACK_DIR: z.string().optional(),
  STACK_JAVA_HOME: z.string().optional(),
  JAVA_HOME: z.string().optional(),
  STACK_KAFKA_VERSION: version(STACK_DEFAULTS.kafkaVersion),
  STACK_KAFKA_CONTROLLER_PORT: port(STACK_DEFAULTS.kafkaControllerPort),
  STACK_KAFKA_HEAP: heap(STACK_DEFAULTS.kafkaHeap),
  STACK_REGISTRY_VERSION: version(STACK_DEFAULTS.registryVersion),
  STACK_REGISTRY_MANAGEMENT_PORT: port(STACK_DEFAULTS.registryManagementPort),
  STACK_REGISTRY_HEAP: heap(STACK_DEFAULTS.registryHeap),
  STACK_REGISTRY_JAVA_HOME: z.string().optional(),
  STACK_DB_ADMIN_USER: sqlIdentifier(STACK_DEFAULTS.dbAdminUser),
  STACK_DB_ADMIN_PASSWORD: z.string().optional(),
  STACK_START_TIMEOUT_SECONDS: integer(STACK_DEFAULTS.startTimeoutSeconds, 5, 3600),
  // Re-declared so that the stack can tell "one broker" from "a list of them".
  KAFKA_BROKERS: hostPortList('127.0.0.1:9092'),
  SCHEMA_REGISTRY_URL: httpUrl('http://127.0.0.1:8081/apis/ccompat/v7'),
};

export interface Endpoint {
  host: string;
  port: number;
  /** True when the host is this machine, so the stack may start a server there. */
  local: boolean;
}

export interface StackPaths {
  root: string;
  state: string;
  cache: string;
  data: string;
  logs: string;
  run: string;
  /** Files shipped with the stack package (Maven pom, log4j2 configurations). */
  assets: string;
}

/** The database accounts: migrations (DDL), the sink (rows), ingest-api (reads). */
export interface DbAccounts {
  migrate: DbAccount;
  sink: DbAccount;
  api: DbAccount;
}

export interface StackConfig {
  paths: StackPaths;
  startTimeoutMs: number;
  /** JAVA_HOME for Kafka and its tools; undefined means `java` on the PATH. */
  javaHome: string | undefined;
  kafka: { version: string; broker: Endpoint; controllerPort: number; heap: string };
  registry: {
    version: string;
    /** The Confluent-compatible API base URL the services use. */
    url: string;
    endpoint: Endpoint;
    managementPort: number;
    heap: string;
    /** JAVA_HOME for the registry (it needs Java 21+); undefined means search for one. */
    javaHome: string | undefined;
  };
  mariadb: { endpoint: Endpoint; adminUser: string; adminPassword: string };
  /** The application database, as the migration account (its owner) reaches it. */
  db: DbConfig;
  /** The three accounts the stack provisions, each with the least it needs. */
  accounts: DbAccounts;
  topics: TopicsConfig;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

function endpoint(host: string, portNumber: number): Endpoint {
  return { host, port: portNumber, local: LOCAL_HOSTS.has(host) };
}

function splitHostPort(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
}

/** The stack's configuration, from the same variables the services read plus STACK_*. */
export function loadStackConfig(env: Env, root: string): StackConfig {
  const e = parseEnv(STACK_ENV, env);
  if (e.KAFKA_BROKERS.length !== 1) {
    throw new ConfigError([
      {
        variable: 'KAFKA_BROKERS',
        problem: `the local stack runs one broker; got ${e.KAFKA_BROKERS.length} addresses`,
      },
    ]);
  }
  const broker = splitHostPort(e.KAFKA_BROKERS[0] ?? '');
  const registryUrl = new URL(e.SCHEMA_REGISTRY_URL);
  const registryPort = Number(registryUrl.port || (registryUrl.protocol === 'https:' ? 443 : 80));
  const state = resolve(root, e.STACK_DIR ?? '.stack');
  return {
    paths: {
      root,
      state,
      cache: resolve(state, 'cache'),
      data: resolve(state, 'data'),
      logs: resolve(state, 'logs'),
      run: resolve(state, 'run'),
      assets: resolve(__dirname, '..'),
    },
    startTimeoutMs: e.STACK_START_TIMEOUT_SECONDS * 1000,
    javaHome: e.STACK_JAVA_HOME ?? e.JAVA_HOME,
    kafka: {
      version: e.STACK_KAFKA_VERSION,
      broker: endpoint(broker.host, broker.port),
      controllerPort: e.STACK_KAFKA_CONTROLLER_PORT,
      heap: e.STACK_KAFKA_HEAP,
    },
    registry: {
      version: e.STACK_REGISTRY_VERSION,
      url: e.SCHEMA_REGISTRY_URL,
      endpoint: endpoint(registryUrl.hostname, registryPort),
      managementPort: e.STACK_REGISTRY_MANAGEMENT_PORT,
      heap: e.STACK_REGISTRY_HEAP,
      javaHome: e.STACK_REGISTRY_JAVA_HOME,
    },
    mariadb: {
      endpoint: endpoint(e.DB_HOST, e.DB_PORT),
      adminUser: e.STACK_DB_ADMIN_USER,
      adminPassword: e.STACK_DB_ADMIN_PASSWORD ?? '',
    },
    db: toDbConfig(e, migrateAccount(e)),
    accounts: { migrate: migrateAccount(e), sink: sinkAccount(e), api: apiAccount(e) },
    topics: toTopicsConfig(e),
  };
}
