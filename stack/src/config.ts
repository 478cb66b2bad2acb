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
  /** The heap of the single broker, and of each broker of a cluster (three on two cores). */
  kafkaHeap: '1g',
  kafkaClusterHeap: '512m',
  /**
   * The sizes the stack runs: one broker, or a cluster of three (its nodes' data directories
   * and cluster id are those of three nodes; another size would need its own).
   */
  kafkaBrokerCounts: [1, 3],
  registryVersion: '3.3.3',
  registryManagementPort: 8082,
  registryHeap: '512m',
  dbAdminUser: 'root',
  startTimeoutSeconds: 120,
} as const;

const BROKER_COUNTS: readonly number[] = STACK_DEFAULTS.kafkaBrokerCounts;

/** True for a number of brokers the stack runs: 1 or 3. */
export function isBrokerCount(n: number): boolean {
  return BROKER_COUNTS.includes(n);
}

const heapSize = z.string().regex(/^\d+[kmg]$/i, 'expected a JVM heap size such as 512m or 1g');
const heap = (defaultValue: string) => heapSize.default(defaultValue);

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
  /**
   * The brokers the cluster has (the stack knows); undefined: as many as answer (the Docker
   * init's Kafka). The topics are replicated for this size, and not created while fewer answer.
   */
  clusterSize?: number;
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
  /** How many brokers the stack runs: 1 (the default) or a cluster (3). */
  STACK_KAFKA_BROKERS: z.coerce
    .number()
    .refine((n) => isBrokerCount(n), 'expected 1 (one broker) or 3 (a cluster)')
    .optional(),
  STACK_KAFKA_HEAP: heapSize.optional(),
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

/** One Kafka node of the stack: a broker and a KRaft controller in one process. */
export interface KafkaNode {
  /** Kafka's node.id: 1, 2, 3… */
  id: number;
  broker: Endpoint;
  controllerPort: number;
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
  kafka: {
    version: string;
    /** One node (the default), or the nodes of a cluster, all on this machine. */
    nodes: KafkaNode[];
    /** Every node's broker address: what the services' KAFKA_BROKERS should list. */
    bootstrap: string[];
    /** The heap of each node. */
    heap: string;
  };
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
/**
 * The stack's Kafka nodes. KAFKA_BROKERS lists either one address, from which a cluster of
 * STACK_KAFKA_BROKERS nodes takes every second port (9092, 9094, 9096), or every node's address;
 * controllers take STACK_KAFKA_CONTROLLER_PORT and every second port after it (9093, 9095, 9097).
 */
export function kafkaNodes(
  addresses: readonly string[],
  count: number | undefined,
  controllerPort: number,
): KafkaNode[] {
  const problem = (text: string) => new ConfigError([{ variable: 'KAFKA_BROKERS', problem: text }]);
  const size = count ?? addresses.length;
  if (!isBrokerCount(size)) {
    throw problem(
      `lists ${size} addresses: the stack runs one broker or a cluster of three (list one address, or three)`,
    );
  }
  if (addresses.length !== 1 && addresses.length !== size) {
    throw problem(
      `lists ${addresses.length} addresses for a stack of ${size} brokers (STACK_KAFKA_BROKERS): list one address, or one per broker`,
    );
  }
  const first = splitHostPort(addresses[0] ?? '');
  const nodes = Array.from({ length: size }, (_, i): KafkaNode => {
    const address =
      addresses.length === 1
        ? { ...first, port: first.port + 2 * i }
        : splitHostPort(addresses[i] ?? '');
    return {
      id: i + 1,
      broker: endpoint(address.host, address.port),
      controllerPort: controllerPort + 2 * i,
    };
  });
  if (size > 1 && nodes.some((node) => !node.broker.local)) {
    throw problem('a cluster of the stack runs on this machine: every address must be local');
  }
  const ports = nodes.flatMap((node) => [node.broker.port, node.controllerPort]);
  const clash = ports.find((p, i) => ports.indexOf(p) !== i);
  if (clash !== undefined) {
    throw problem(
      `port ${clash} would serve two listeners (brokers ${nodes.map((n) => n.broker.port).join(', ')}, controllers ${nodes.map((n) => n.controllerPort).join(', ')}): move STACK_KAFKA_CONTROLLER_PORT`,
    );
  }
  if (ports.some((p) => p > 65535)) throw problem('the cluster runs past port 65535');
  return nodes;
}

export function loadStackConfig(env: Env, root: string): StackConfig {
  const e = parseEnv(STACK_ENV, env);
  const nodes = kafkaNodes(e.KAFKA_BROKERS, e.STACK_KAFKA_BROKERS, e.STACK_KAFKA_CONTROLLER_PORT);
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
      nodes,
      bootstrap: nodes.map((node) => `${node.broker.host}:${node.broker.port}`),
      heap:
        e.STACK_KAFKA_HEAP ??
        (nodes.length > 1 ? STACK_DEFAULTS.kafkaClusterHeap : STACK_DEFAULTS.kafkaHeap),
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
